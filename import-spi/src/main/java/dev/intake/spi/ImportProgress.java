package dev.intake.spi;

/**
 * Follows an import as it runs, and may cancel it. Every method has a no-op default; an importer calls
 * them from the thread that runs the import, once per chunk of rows, so they must return quickly.
 * Cancellation is checked once per chunk in every phase, the scan before a commit included: a
 * cancelled per-row commit keeps the chunks already committed and reports the rest as skipped; a
 * cancelled all-or-nothing commit writes nothing. Either way the report still counts every row of
 * the file: the rows not done are {@code skippedCount} (the rest of the file is read through,
 * without checks, to count them).
 */
public interface ImportProgress {

    /** The phases of an import, in the order they can occur. */
    enum Phase {
        /** Reading the file through before writing, to reject a file that cannot be read to its end. */
        SCANNING,
        /** Checking rows without writing (a dry run, or an all-or-nothing commit's first pass). */
        CHECKING,
        /** Checking and writing rows. */
        WRITING,
        /** Running the phases after the rows, such as relationships. */
        RELATIONSHIPS,
        /** Finished; the report is being built. */
        DONE
    }

    /**
     * A new phase starts.
     *
     * @param phase the phase
     */
    default void phase(Phase phase) {
    }

    /**
     * Rows moved on.
     *
     * @param rowsRead non-blank data rows read so far
     * @param rowsDone rows whose outcome is final (checked in a dry run, written or failed in a commit)
     */
    default void rows(long rowsRead, long rowsDone) {
    }

    /**
     * The number of data rows in the file, once it is known: after the scan of a per-row commit,
     * after the check of an all-or-nothing commit, at the end of a dry run.
     *
     * @param rows the non-blank data rows of the file
     */
    default void total(long rows) {
    }

    /**
     * Whether the import should stop; asked once per chunk.
     *
     * @return true to cancel
     */
    default boolean cancelled() {
        return false;
    }

    /** @return a listener that ignores everything and never cancels */
    static ImportProgress none() {
        return new ImportProgress() {
        };
    }
}
