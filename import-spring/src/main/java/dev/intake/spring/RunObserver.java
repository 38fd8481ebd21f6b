package dev.intake.spring;

import dev.intake.core.result.ImportReport;
import dev.intake.core.result.ProblemCode;
import java.time.Duration;
import java.util.Map;

/**
 * What a run's import did, for the application's metrics: told once per run that ran an import.
 * The auto-configuration gives Micrometer meters when the application has a {@code MeterRegistry};
 * a host may declare its own.
 */
@FunctionalInterface
public interface RunObserver {

    /**
     * A run's import ended.
     *
     * @param report its report (its rows were streamed; the counts are there)
     * @param took how long the import took
     * @param problems the failed rows' problems by code
     * @param passed whether the run ends {@code COMPLETE} (else {@code ERROR})
     */
    void ended(ImportReport report, Duration took, Map<ProblemCode, Long> problems, boolean passed);
}
