package dev.intake.spi;

import java.util.Optional;

/**
 * Writes the records accepted rows map to, into the host's persistence. Called inside the
 * transaction of the {@link TransactionBoundary}, by one thread per import.
 *
 * @param <R> the host's record type
 */
public interface RecordRepository<R> {

    /**
     * Creates a record.
     *
     * @param record the record a row mapped to
     * @param context the row, its group ids and the import's context
     * @return the new record's id and key, never null
     * @throws Exception if the write fails; the row becomes {@code WRITE_FAILED} and its transaction
     *     rolls back
     */
    Written create(R record, WriteContext context) throws Exception;

    /**
     * Finds the existing record that a record's key matches (the definition's key columns), for the
     * update modes and for create-only's duplicate check. Called only when the definition declares
     * a key, inside the row's transaction on a commit. Default: nothing exists.
     *
     * @param record the record a row mapped to
     * @param context the row and the import's context (no group ids yet)
     * @return the existing record's id, if one matches
     * @throws Exception if the host's data cannot be read; the row becomes {@code WRITE_FAILED}
     */
    default Optional<String> findExisting(R record, WriteContext context) throws Exception {
        return Optional.empty();
    }

    /**
     * Updates an existing record with a row's values (modes {@code UPDATE_ONLY} and {@code UPSERT}).
     * Default: unsupported, which fails the row.
     *
     * @param id the existing record's id, as {@link #findExisting} gave it
     * @param record the record a row mapped to
     * @param context the row, its group ids and the import's context
     * @return the record's id and key, never null
     * @throws Exception if the write fails; the row becomes {@code WRITE_FAILED}
     */
    default Written update(String id, R record, WriteContext context) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " does not update records");
    }

    /**
     * The natural key a record would have, for a dry run's report (which writes nothing and so has
     * no ids). Default: none.
     *
     * @param record the record
     * @return the key, if known before writing
     */
    default Optional<String> keyOf(R record) {
        return Optional.empty();
    }
}
