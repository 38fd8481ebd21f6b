package dev.intake.spi.internal;

import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.spi.ImportProgress;

/**
 * Counts the rows of one import whose outcome is final, tells the host's progress listener, and asks
 * it whether to stop, once per chunk.
 */
final class Tally {
    private final ImportProgress progress;
    private long done;
    private long lastDone = 1;
    private long total = -1;

    Tally(ImportProgress progress) {
        this.progress = progress;
    }

    void phase(ImportProgress.Phase phase) {
        progress.phase(phase);
    }

    /** A row's outcome is final (checked in a dry run, written or failed in a commit). */
    void done(long rowNumber) {
        done++;
        lastDone = Math.max(lastDone, rowNumber);
    }

    long done() {
        return done;
    }

    /** Starts counting again, for the write round of an all-or-nothing commit. */
    void restart() {
        done = 0;
        lastDone = 1;
    }

    /** The file's data rows are known; tells the listener once. */
    void total(long rows) {
        if (total != rows) {
            total = rows;
            progress.total(rows);
        }
    }

    /**
     * Reports how far the import is, and asks whether to stop.
     *
     * @param rowsRead the data rows read so far
     * @return true when the caller cancelled
     */
    boolean checkpoint(long rowsRead) {
        progress.rows(rowsRead, done);
        return progress.cancelled();
    }

    /** Reports the final counts without asking to stop. */
    void report(long rowsRead) {
        progress.rows(rowsRead, done);
    }

    /** The problem of a cancelled per-row commit or dry run. */
    Problem cancelled() {
        return Problem.of(ProblemCode.CANCELLED, done == 0 ? "the import was cancelled before any row was done"
                : "the import was cancelled after row " + lastDone + "; later rows were not imported");
    }
}
