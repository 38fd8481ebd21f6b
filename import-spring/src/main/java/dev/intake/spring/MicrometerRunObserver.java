package dev.intake.spring;

import dev.intake.core.result.ImportReport;
import dev.intake.core.result.ProblemCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * Intake's meters, for Actuator's {@code /actuator/metrics}: {@code intake.rows} (by importer and
 * outcome: written, failed, skipped), {@code intake.imports} (a timer, by importer, mode
 * and outcome), {@code intake.runs} (by importer and the status a run ended in) and
 * {@code intake.problems} (by importer and code).
 */
public final class MicrometerRunObserver implements RunObserver {
    private final MeterRegistry registry;

    /**
     * Meters in a registry.
     *
     * @param registry the application's registry
     */
    public MicrometerRunObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void ended(ImportReport report, Duration took, Map<ProblemCode, Long> problems, boolean passed) {
        String importer = report.importer();
        rows(importer, "written", report.successCount());
        rows(importer, "failed", report.errorCount());
        rows(importer, "skipped", report.skippedCount());
        registry.timer("intake.imports", "importer", importer, "mode", report.mode().name(), "outcome",
                report.outcome().name()).record(took);
        registry.counter("intake.runs", "importer", importer, "status", passed ? "COMPLETE" : "ERROR").increment();
        problems.forEach((code, count) -> registry.counter("intake.problems", "importer", importer, "code", code.name())
                .increment(count));
    }

    private void rows(String importer, String outcome, long count) {
        if (count > 0) {
            registry.counter("intake.rows", "importer", importer, "outcome", outcome).increment(count);
        }
    }
}
