package dev.intake.spi.internal;

import dev.intake.core.result.ImportReport;
import dev.intake.core.source.ImportSource;

/** How one kind of run treats the rows: a dry run, a per-row commit, an all-or-nothing commit. */
interface Strategy {

    /**
     * Reads, checks and (for a commit) writes the file's rows, recording every outcome.
     *
     * @param source the file
     * @param report where outcomes go
     */
    void run(ImportSource source, ImportReport.Builder report);

    /** Reports a cancellation: the rows not done are skipped, so the counts still cover the file. */
    static void cancelled(ImportReport.Builder report, long fileRows, long done, dev.intake.core.result.Problem problem) {
        report.skipped(Math.max(0, fileRows - done));
        report.fileError(problem);
    }
}
