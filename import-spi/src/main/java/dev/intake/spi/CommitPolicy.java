package dev.intake.spi;

/** How a commit treats rows that fail. */
public enum CommitPolicy {
    /**
     * The whole file is checked first; if any row has an error, or any write fails, nothing is
     * written. The writes run in one transaction of the host's {@link TransactionBoundary}.
     */
    ALL_OR_NOTHING,
    /**
     * Each row succeeds or fails on its own; the report lists exactly the rows written. Rows are
     * written in chunks, one transaction per chunk with a savepoint per row (one transaction per row
     * when the boundary has no savepoints); a chunk whose commit fails reports each of its rows as
     * {@code WRITE_FAILED}. Before the first row is written the file is read through once, so a file
     * that cannot be read to its end writes nothing.
     */
    PER_ROW
}
