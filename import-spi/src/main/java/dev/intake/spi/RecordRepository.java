package dev.intake.spi;

import java.util.ArrayList;
import java.util.List;
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
     * Creates the records of consecutive rows together, in file order: what a repository overrides
     * to send them in one round trip (JDBC batches, a bulk insert). On a commit the engine hands it
     * the runs of new records of a chunk, two or more at a time, in a savepoint of their own when
     * the {@link TransactionBoundary} has savepoints (never otherwise). When it throws, the engine
     * rolls back to that savepoint and creates the same records one by one with
     * {@link #create(Object, WriteContext)}, each in its own savepoint, to find the rows that fail:
     * so an override may fail as a whole, but must leave nothing behind that the savepoint does
     * not undo. Default: {@code create} for each record in turn.
     *
     * <p>What a relational database takes fastest is ids known before the insert, values derived from
     * them computed in Java, and one statement for many rows; what it takes slowest is a round trip
     * per row, reading generated keys back (which stops PostgreSQL's driver from rewriting a batch
     * into one insert) and updating rows just inserted. So, for a chunk of runs:
     *
     * <pre>{@code
     * long[] ids = next("SELECT nextval('run_ids') FROM GENERATE_SERIES(1, ?)", records.size()); // one query
     * StringBuilder insert = new StringBuilder("INSERT INTO runs (id, title, procedure_id) VALUES ");
     * for (int i = 0; i < records.size(); i++) {                  // one statement, 3 values a row
     *     insert.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
     * }
     * // bind ids[i], the title (records.get(i).title(), or "RUN-" + ids[i] when generated), the procedure
     * return one Written.of(Long.toString(ids[i]), title) per record, in order;
     * }</pre>
     *
     * The examples' runs writer ({@code dev.intake.examples.ion.RunWriter}) does this for three tables:
     * five statements for a chunk of 500 rows (the benchmarks' README has what that gains over JDBC
     * batches that read generated keys back).
     *
     * @param records the records, in file order
     * @param contexts each record's row, group ids and the import's context, in the same order
     * @return one result per record, in the same order, none null
     * @throws Exception if a write fails
     */
    default List<Written> createAll(List<? extends R> records, List<WriteContext> contexts) throws Exception {
        if (records.size() != contexts.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + contexts.size() + " contexts");
        }
        List<Written> written = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            written.add(create(records.get(i), contexts.get(i)));
        }
        return written;
    }

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
     * Finds the existing records of a chunk of records at once: one query for a chunk's keys
     * instead of one per row ({@code WHERE key IN (...)}), which an upsert of many rows wants. Called
     * with a chunk's records in file order, inside the chunk's transaction on a commit. A repository
     * whose key columns compare other than exactly ({@link dev.intake.core.Column#comparison()}, e.g.
     * an email compared case-insensitively) matches the same way, best on a column that holds the
     * comparison key under a unique index, and names the key it holds
     * ({@link Existing#of(String, String)}) so that the report says which existing value a row
     * matched. Default: {@link #findExisting} for each, in order, without the key.
     *
     * <pre>{@code
     * // employees(id, email, email_key UNIQUE, ...): email_key = TextComparison.caseInsensitive().key(email)
     * SELECT id, email, email_key FROM employees WHERE email_key IN (?, ?, ...)
     * // then, for each record: found.get(comparison.key(record.email())) -> Existing.of(id, email)
     * }</pre>
     *
     * @param records the records of a chunk's rows
     * @param contexts each record's row and the import's context, in the same order
     * @return for each record, in order, the existing record it matches, if any; never null
     * @throws Exception if the host's data cannot be read; the chunk's rows become {@code WRITE_FAILED}
     */
    default List<Optional<Existing>> findExistingAll(List<? extends R> records, List<WriteContext> contexts)
            throws Exception {
        List<Optional<Existing>> found = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            found.add(findExisting(records.get(i), contexts.get(i)).map(Existing::of));
        }
        return found;
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
