package dev.intake.core.result;

/**
 * Receives every row's outcome as an import decides it, so that a report of any size can be kept
 * outside the heap (written to a file, streamed to a client) while the {@link ImportReport} an
 * import returns keeps only counts and a bounded number of rows. Rows arrive in the order their
 * outcomes become final: mostly in row order, but a row whose write fails arrives after rows read
 * later, and rows a later pass takes up after those of an earlier one. Called by the thread that
 * runs the import; every method has a no-op default.
 */
public interface ReportSink {

    /**
     * A row created a record (in a dry run: would create one).
     *
     * @param row the row
     */
    default void created(WrittenRow row) {
    }

    /**
     * A row updated a record (in a dry run: would update one).
     *
     * @param row the row
     */
    default void updated(WrittenRow row) {
    }

    /**
     * A row failed.
     *
     * @param row the row with its problems
     */
    default void failed(FailedRow row) {
    }

    /** @return a sink that keeps nothing */
    static ReportSink none() {
        return new ReportSink() {
        };
    }
}
