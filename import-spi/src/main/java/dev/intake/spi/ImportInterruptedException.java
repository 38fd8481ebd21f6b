package dev.intake.spi;

import dev.intake.core.IntakeException;
import dev.intake.core.result.ImportReport;
import java.util.Objects;

/**
 * Thrown when a host component fails while an import runs (a lookup, a default, a row check, a
 * sink), so the import cannot go on: it carries the report of what the import did before it
 * stopped, so a caller always knows which rows were written (in a per-row commit, the chunks
 * committed before stay written). The report's file problems include an {@code INTERRUPTED}
 * problem; its counts cover the rows done, not the file. The cause is the host's failure.
 */
public final class ImportInterruptedException extends IntakeException {
    private static final long serialVersionUID = 1L;

    /** The report; reports are immutable values. */
    private final transient ImportReport report;

    /**
     * An interrupted import.
     *
     * @param message what stopped it
     * @param report what it did before it stopped
     * @param cause the host's failure
     */
    public ImportInterruptedException(String message, ImportReport report, Throwable cause) {
        super(message, cause instanceof IntakeException intake ? intake.rowNumber().orElse(-1) : -1,
                cause instanceof IntakeException intake ? intake.column().orElse(null) : null, cause);
        this.report = Objects.requireNonNull(report, "report must not be null");
    }

    /**
     * @return what the import did before it stopped, never null
     */
    public ImportReport report() {
        return report;
    }
}
