package dev.intake.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.spi.ImportJournal;
import dev.intake.spi.JournalSummary;
import dev.intake.spi.TransactionBoundary;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImportJournal} must do, for adapter authors: extend this class, open a session
 * on your journal, and run it with your tests (JUnit Jupiter; the kit brings its API and AssertJ).
 *
 * <pre>{@code
 * class JdbcJournalTest extends ImportJournalContract {
 *     protected Session openSession() throws Exception {
 *         Connection connection = dataSource.getConnection();
 *         return Session.of(JdbcImportJournal.on(() -> connection), new JdbcTransactions(connection), connection::close);
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #openSession()} is asked once or twice per test; sessions of one test must see one
 * another's committed entries (one database). Every call of the journal is made inside
 * {@code session.transactions().inTransaction(...)}, as an import makes it. Each test uses a
 * fingerprint of its own, so the tests may share a database.
 */
@SuppressWarnings("try")
public abstract class ImportJournalContract {

    /** For subclasses: the adapter's own contract test. */
    protected ImportJournalContract() {
    }

    /** A journal with its transactions, as one import on one thread uses them. */
    public interface Session extends AutoCloseable {
        /** @return the journal under test */
        ImportJournal journal();

        /** @return the transactions it takes part in */
        TransactionBoundary transactions();

        @Override
        default void close() throws Exception {
        }

        /**
         * A session of parts.
         *
         * @param journal the journal
         * @param transactions its transactions
         * @param close releases them
         * @return the session
         */
        static Session of(ImportJournal journal, TransactionBoundary transactions, AutoCloseable close) {
            return new Session() {
                @Override
                public ImportJournal journal() {
                    return journal;
                }

                @Override
                public TransactionBoundary transactions() {
                    return transactions;
                }

                @Override
                public void close() throws Exception {
                    close.close();
                }
            };
        }
    }

    /**
     * Opens a session on the journal under test.
     *
     * @return a new session, which the test closes
     * @throws Exception if it cannot be opened
     */
    protected abstract Session openSession() throws Exception;

    private static final String IMPORTER = "contract-runs";

    private static String newFingerprint() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    private static <T> T in(Session session, TransactionBoundary.Work<T> work) throws Exception {
        return session.transactions().inTransaction(work);
    }

    private static final JournalSummary SUMMARY =
            new JournalSummary(20, 12, 3, 5, Instant.parse("2026-11-30T08:15:30Z"));

    @Test
    void aNewFileGetsAnEmptyEntry() throws Exception {
        String file = newFingerprint();
        try (Session session = openSession()) {
            ImportJournal.Entry entry = in(session, () -> session.journal().begin(IMPORTER, file, false));

            assertThat(entry.chunks()).isZero();
            assertThat(entry.completed()).isEmpty();
            assertThat(in(session, () -> session.journal().chunk(IMPORTER, file, 0))).isEmpty();
        }
    }

    @Test
    void chunksAreKeptAsTheyAreAndAnInterruptedEntryResumesWithThem() throws Exception {
        String file = newFingerprint();
        // Tabs, line breaks, quotes, non-ASCII and a text of more than 64 KB come back as they went in.
        String first = "intake-journal\t1\nC\t0\t2\t=r-1\t=Run \"1\"\nP\tWRITE_FAILED\t-\tä ✓ \\n\n";
        String second = "x".repeat(70_000) + "\r\n";
        try (Session session = openSession()) {
            in(session, () -> session.journal().begin(IMPORTER, file, false));
            in(session, () -> {
                session.journal().record(IMPORTER, file, 0, first);
                return null;
            });
            in(session, () -> {
                session.journal().record(IMPORTER, file, 1, second);
                return null;
            });
        }
        try (Session later = openSession()) {
            ImportJournal.Entry entry = in(later, () -> later.journal().begin(IMPORTER, file, false));

            assertThat(entry.chunks()).isEqualTo(2);
            assertThat(entry.completed()).isEmpty();
            assertThat(in(later, () -> later.journal().chunk(IMPORTER, file, 0))).contains(first);
            assertThat(in(later, () -> later.journal().chunk(IMPORTER, file, 1))).contains(second);
            assertThat(in(later, () -> later.journal().chunk(IMPORTER, file, 2))).isEmpty();
        }
    }

    @Test
    void aChunkRecordedInATransactionThatRollsBackIsNotKept() throws Exception {
        String file = newFingerprint();
        try (Session session = openSession()) {
            in(session, () -> session.journal().begin(IMPORTER, file, false));
            assertThatThrownBy(() -> in(session, () -> {
                session.journal().record(IMPORTER, file, 0, "rolled back");
                throw new IllegalStateException("the chunk's rows failed to commit");
            })).hasMessage("the chunk's rows failed to commit");

            assertThat(in(session, () -> session.journal().chunk(IMPORTER, file, 0))).isEmpty();
            in(session, () -> {
                session.journal().record(IMPORTER, file, 0, "kept");
                return null;
            });
            assertThat(in(session, () -> session.journal().begin(IMPORTER, file, false)).chunks()).isEqualTo(1);
        }
    }

    @Test
    void aChunkNumberRecordedAlreadyIsRefused() throws Exception {
        String file = newFingerprint();
        try (Session session = openSession()) {
            in(session, () -> session.journal().begin(IMPORTER, file, false));
            in(session, () -> {
                session.journal().record(IMPORTER, file, 0, "first");
                return null;
            });

            assertThatThrownBy(() -> in(session, () -> {
                session.journal().record(IMPORTER, file, 0, "second import of the same file");
                return null;
            })).isInstanceOf(Exception.class);
            assertThat(in(session, () -> session.journal().chunk(IMPORTER, file, 0))).contains("first");
        }
    }

    @Test
    void aCompletedEntryIsReturnedAsItIsUnlessAskedToStartOver() throws Exception {
        String file = newFingerprint();
        try (Session session = openSession()) {
            in(session, () -> session.journal().begin(IMPORTER, file, false));
            in(session, () -> {
                session.journal().record(IMPORTER, file, 0, "rows");
                session.journal().complete(IMPORTER, file, SUMMARY);
                return null;
            });

            ImportJournal.Entry done = in(session, () -> session.journal().begin(IMPORTER, file, false));
            assertThat(done.completed()).hasValueSatisfying(summary -> {
                assertThat(summary.rows()).isEqualTo(20);
                assertThat(summary.created()).isEqualTo(12);
                assertThat(summary.updated()).isEqualTo(3);
                assertThat(summary.failed()).isEqualTo(5);
                assertThat(summary.completedAt().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(SUMMARY.completedAt());
            });
            assertThat(done.chunks()).isEqualTo(1);

            ImportJournal.Entry again = in(session, () -> session.journal().begin(IMPORTER, file, true));
            assertThat(again.chunks()).isZero();
            assertThat(again.completed()).isEmpty();
            assertThat(in(session, () -> session.journal().chunk(IMPORTER, file, 0))).isEmpty();
        }
    }

    @Test
    void aCompletedImportIsFoundByItsImporterKeyAlone() throws Exception {
        String key = "contract-run-" + newFingerprint();
        String file = newFingerprint();
        try (Session session = openSession()) {
            assertThat(in(session, () -> session.journal().completed(key))).isEmpty();
            in(session, () -> session.journal().begin(key, file, false));
            in(session, () -> {
                session.journal().record(key, file, 0, "rows");
                return null;
            });
            assertThat(in(session, () -> session.journal().completed(key))).as("interrupted, not completed").isEmpty();
            in(session, () -> {
                session.journal().complete(key, file, SUMMARY);
                return null;
            });
            assertThat(in(session, () -> session.journal().completed(key))).hasValueSatisfying(summary -> {
                assertThat(summary.rows()).isEqualTo(20);
                assertThat(summary.created()).isEqualTo(12);
            });
            assertThat(in(session, () -> session.journal().completed(key + "-other"))).isEmpty();
        }
    }

    @Test
    void aCompletionThatRollsBackLeavesTheEntryInterrupted() throws Exception {
        String file = newFingerprint();
        try (Session session = openSession()) {
            in(session, () -> session.journal().begin(IMPORTER, file, false));
            assertThatThrownBy(() -> in(session, () -> {
                session.journal().complete(IMPORTER, file, SUMMARY);
                throw new IllegalStateException("the last rows failed to commit");
            })).hasMessage("the last rows failed to commit");

            assertThat(in(session, () -> session.journal().begin(IMPORTER, file, false)).completed()).isEmpty();
        }
    }

    @Test
    void entriesAreKeptApartByImporterAndByFile() throws Exception {
        String file = newFingerprint();
        String other = newFingerprint();
        try (Session session = openSession()) {
            in(session, () -> session.journal().begin(IMPORTER, file, false));
            in(session, () -> {
                session.journal().record(IMPORTER, file, 0, "runs");
                session.journal().complete(IMPORTER, file, SUMMARY);
                return null;
            });

            assertThat(in(session, () -> session.journal().begin("contract-parts", file, false)))
                    .isEqualTo(new ImportJournal.Entry(0, Optional.empty()));
            assertThat(in(session, () -> session.journal().begin(IMPORTER, other, false)))
                    .isEqualTo(new ImportJournal.Entry(0, Optional.empty()));
            assertThat(in(session, () -> session.journal().chunk("contract-parts", file, 0))).isEmpty();
        }
    }
}
