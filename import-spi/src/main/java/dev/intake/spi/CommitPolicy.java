package dev.intake.spi;

/** How a commit treats rows that fail. */
public enum CommitPolicy {
    /**
     * The whole file is checked first; if any row has an error, or any write fails, nothing is
     * written. The writes run in one transaction of the host's {@link TransactionBoundary}.
     */
    ALL_OR_NOTHING,
    /**
     * Each row succeeds or fails on its own, in a transaction of its own; the report lists exactly
     * the rows written.
     */
    PER_ROW
}
