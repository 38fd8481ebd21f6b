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
     *     {@code RUNNING} and is taken up again, until {@link ImportRuns.Builder#maxAttempts} is spent
     */
    Result execute(Run run, ImportProgress progress, java.util.function.UnaryOperator<ReportSink> counting)
            throws Exception;

    /**
     * The results file of a run that could not be executed (it failed on every attempt, or its
     * worker died each time): it ends {@code ERROR} with this file, which says why. By default a
     * UTF-8 text file of one line; a host whose users expect the submitted format writes that, with
     * the reason where a problem would stand.
     *
     * @param run the run
     * @param reason why it could not be executed, for the user's eyes
     * @return the results file's content
     */
    default RunFiles.Content failure(Run run, String reason) {
        return out -> out.write(("The import could not be executed: " + reason + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
