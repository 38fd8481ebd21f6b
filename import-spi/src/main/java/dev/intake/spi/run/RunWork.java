package dev.intake.spi.run;

import dev.intake.core.result.ReportSink;
import dev.intake.spi.ImportProgress;

/**
 * How a host executes one run: it opens the submitted file (from {@link RunFiles}) as its format
 * says, runs the definition's importer on it, validate-only or commit as the run says, and gives
 * back the results file. Called by a worker of {@link ImportRuns}, once per start of the run (again
 * after a crash, so a commit must write each row once whatever happened before: all or nothing,
 * and an import journal for a crash between the commit and the run's end).
 */
@FunctionalInterface
public interface RunWork {

    /**
     * What a run's import did.
     *
     * @param passed whether every row passed (the run is {@code COMPLETE}; otherwise {@code ERROR})
     * @param total rows read
     * @param success rows that passed
     * @param error rows that failed
     * @param results writes the results file: every submitted row with its problems
     */
    record Result(boolean passed, long total, long success, long error, RunFiles.Content results) {
    }

    /**
     * Executes a run.
     *
     * @param run the run, {@code RUNNING}
     * @param progress to pass to the import (its {@code RunOptions.progress}), so the run's counts grow
     * @param counting wraps the import's sink, so the run counts rows that pass and fail as they do
     * @return what the import did
     * @throws Exception if the run cannot be executed now (the database is down): it stays
     *     {@code RUNNING} and is taken up again
     */
    Result execute(Run run, ImportProgress progress, java.util.function.UnaryOperator<ReportSink> counting)
            throws Exception;
}
