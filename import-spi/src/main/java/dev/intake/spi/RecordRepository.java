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
