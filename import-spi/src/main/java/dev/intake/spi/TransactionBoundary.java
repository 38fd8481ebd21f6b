package dev.intake.spi;

/**
 * The host's transactions: the importer runs each unit of writes (a row under
 * {@link CommitPolicy#PER_ROW}, the whole file under {@link CommitPolicy#ALL_OR_NOTHING}) through
 * {@link #inTransaction}, which commits when the work returns and rolls back when it throws.
 */
@FunctionalInterface
public interface TransactionBoundary {

    /**
     * Work to run in a transaction.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    interface Work<T> {
        /**
         * Runs the work.
         *
         * @return the result
         * @throws Exception to roll back
         */
        T run() throws Exception;
    }

    /**
     * Runs work in a transaction: commit when it returns, roll back and rethrow when it throws.
     *
     * @param work the work
     * @param <T> what it returns
     * @return what the work returned
     * @throws Exception what the work threw, or a failure to commit
     */
    <T> T inTransaction(Work<T> work) throws Exception;

    /**
     * Whether {@link #inSavepoint} is supported. With savepoints, a per-row commit writes a chunk of
     * rows in one transaction and still lets each row fail on its own; without them, each row gets a
     * transaction of its own. Default: false.
     *
     * @return true when savepoints are supported
     */
    default boolean supportsSavepoints() {
        return false;
    }

    /**
     * Runs work inside the current transaction so that, when it throws, only its own changes are
     * undone (a savepoint) and the transaction goes on.
     *
     * @param work the work
     * @param <T> what it returns
     * @return what the work returned
     * @throws Exception what the work threw, after its changes were undone
     * @throws UnsupportedOperationException unless {@link #supportsSavepoints()}
     * @throws IllegalStateException if no transaction is open
     */
    default <T> T inSavepoint(Work<T> work) throws Exception {
        throw new UnsupportedOperationException("this transaction boundary has no savepoints");
    }

    /**
     * No transactions: work runs as it is and nothing is rolled back. Only for repositories that
     * have no transactions of their own; "nothing written" cannot be promised with it.
     *
     * @return the boundary
     */
    static TransactionBoundary none() {
        return Work::run;
    }
}
