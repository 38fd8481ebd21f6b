package dev.intake.spi;

import java.util.Objects;

/**
 * What one writer of a per-row commit writes through, when an importer has several
 * ({@link Importer.Builder#writers}): the host's repositories and transaction boundary on a
 * connection of the writer's own, so that chunks are written in several transactions at once. A
 * session is opened for each writer when a commit starts writing, used by that writer's thread
 * only, and closed when the commit ends.
 *
 * <pre>{@code
 * Importer.builder(definition, mapper, records)
 *     .transactions(transactions)           // the import's own: journal entry, phases after the rows
 *     .writers(2, () -> {
 *         Connection connection = dataSource.getConnection();
 *         JdbcTransactions boundary = new JdbcTransactions(connection);
 *         return WriterSession.of(new RunRepository(connection), new BatchRepository(connection),
 *                 boundary, JdbcImportJournal.on(() -> connection), connection::close);
 *     })
 *     .build();
 * }</pre>
 *
 * <p>A host whose boundary binds a connection to the thread that opens a transaction (Spring's
 * {@code DataSourceTransactionManager} behind a {@code TransactionTemplate}, say) and whose
 * repositories write through that thread's connection may give every session the same thread-safe
 * repositories and boundary: each writer's thread then has a transaction and connection of its own.
 *
 * @param <R> the host's record type
 */
public interface WriterSession<R> extends AutoCloseable {

    /**
     * Opens a writer's session.
     *
     * @param <R> the host's record type
     */
    @FunctionalInterface
    interface Factory<R> {
        /**
         * Opens a session: typically takes a connection and makes the repositories on it.
         *
         * @return the session
         * @throws Exception if it cannot be opened; the commit then stops before writing
         */
        WriterSession<R> open() throws Exception;
    }

    /** @return the repository the writer creates and updates records with */
    RecordRepository<? super R> records();

    /** @return the repository of find-or-create groups, or null when the definition has none */
    GroupRepository groups();

    /** @return the boundary of the writer's transactions, one per chunk */
    TransactionBoundary transactions();

    /**
     * @return the journal, writing in this session's transactions; required when the importer has a
     *     journal, since a chunk's rows and its record in the journal commit together
     */
    ImportJournal journal();

    /**
     * Ends the session, e.g. returns its connection; called once, by the thread that runs the import,
     * after the writer's last transaction.
     *
     * @throws Exception if it cannot be closed; logged, the report is not changed by it
     */
    @Override
    void close() throws Exception;

    /**
     * A session of the given parts.
     *
     * @param records the record repository
     * @param groups the group repository, or null
     * @param transactions the transaction boundary
     * @param journal the journal, or null
     * @param onClose what closing the session does, e.g. {@code connection::close}
     * @param <R> the host's record type
     * @return the session
     */
    static <R> WriterSession<R> of(RecordRepository<? super R> records, GroupRepository groups,
            TransactionBoundary transactions, ImportJournal journal, AutoCloseable onClose) {
        Objects.requireNonNull(records, "records must not be null");
        Objects.requireNonNull(transactions, "transactions must not be null");
        Objects.requireNonNull(onClose, "onClose must not be null");
        return new WriterSession<>() {
            @Override
            public RecordRepository<? super R> records() {
                return records;
            }

            @Override
            public GroupRepository groups() {
                return groups;
            }

            @Override
            public TransactionBoundary transactions() {
                return transactions;
            }

            @Override
            public ImportJournal journal() {
                return journal;
            }

            @Override
            public void close() throws Exception {
                onClose.close();
            }
        };
    }
}
