package dev.intake.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportRow;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecordRepository} and its {@link TransactionBoundary} must do, for adapter
 * authors: extend this class, supply a session and records, and run it with your tests (JUnit
 * Jupiter; the kit brings its API and AssertJ).
 *
 * <pre>{@code
 * class PartWriterTest extends RecordRepositoryContract<NewPart> {
 *     protected Session<NewPart> openSession() throws Exception { ... a writer on a new, empty schema ... }
 *     protected NewPart newRecord(int n) { return new NewPart("P-" + n, "Part " + n); }
 * }
 * }</pre>
 *
 * <p>Each test first calls {@link #openSession()} (a repository with no records), then asks for
 * the records it writes: {@link #newRecord(int)} with 1, 2, 3, ... in the order the test writes
 * them, and, in the update test only, {@link #changedRecord(int)} after {@link #newRecord(int)}
 * with the same number. Writes are made inside {@code session.transactions().inTransaction(...)}
 * with the {@link #context()} of each write, as an import makes them; {@link Session#count()} is
 * asked after a transaction ended, as a fresh read would see the data. Tests of savepoints are
 * skipped when the boundary has none, and the update test when {@link #changedRecord(int)} gives
 * nothing.
 *
 * @param <R> the record type
 */
// Sessions close what an adapter holds (a JDBC connection throws SQLException), hence close() throws
// Exception; the contract tests are never interrupted.
@SuppressWarnings("try")
public abstract class RecordRepositoryContract<R> {

    /** For subclasses: the adapter's own contract test. */
    protected RecordRepositoryContract() {
    }


    /**
     * A repository with its transactions, as one import uses them.
     *
     * @param <R> the record type
     */
    public interface Session<R> extends AutoCloseable {
        /** @return the repository under test */
        RecordRepository<R> records();

        /** @return the transactions it takes part in */
        TransactionBoundary transactions();

        /**
         * Counts the records stored, as a fresh read outside any import would.
         *
         * @return the number of records
         * @throws Exception if they cannot be counted
         */
        long count() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /**
     * Opens a session on a repository with no records; asked once, first, by every test.
     *
     * @return the session, which the test closes
     * @throws Exception if it cannot be opened
     */
    protected abstract Session<R> openSession() throws Exception;

    /**
     * A valid record the repository accepts, different for each {@code n}; with a natural key, each
     * {@code n} has its own key. Asked after the session is open, for each record a test writes.
     *
     * @param n a number from 1
     * @return the record
     */
    protected abstract R newRecord(int n);

    /**
     * The record {@code n} with other values but the same key, for the update test: asked after the
     * session is open and record {@code n} was written.
     *
     * @param n a number from 1
     * @return the changed record, or empty when the repository does not update records (default)
     */
    protected Optional<R> changedRecord(int n) {
        return Optional.empty();
    }

    /**
     * The context of each write: row 2 with no values, no groups and an empty import context.
     * Override it when the repository reads the row or the context (a group id, the caller).
     *
     * @return the context
     */
    protected WriteContext context() {
        return new WriteContext(ImportRow.builder(2).build(), Map.of(), ImportContext.empty());
    }

    @Test
    void createdRecordsGetDistinctIdsAndAreStoredOnCommit() throws Exception {
        try (Session<R> session = openSession()) {
            Written first = session.transactions().inTransaction(() -> session.records().create(newRecord(1), context()));
            Written second = session.transactions().inTransaction(() -> session.records().create(newRecord(2), context()));

            assertThat(first.id()).isNotBlank().isNotEqualTo(second.id());
            assertThat(session.count()).isEqualTo(2);
        }
    }

    @Test
    void aRolledBackTransactionStoresNothing() throws Exception {
        try (Session<R> session = openSession()) {
            assertThatThrownBy(() -> session.transactions().inTransaction(() -> {
                session.records().create(newRecord(1), context());
                session.records().create(newRecord(2), context());
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");

            assertThat(session.count()).isZero();
        }
    }

    @Test
    void aFailedSavepointUndoesOnlyItsOwnWrites() throws Exception {
        try (Session<R> session = openSession()) {
            Assumptions.assumeTrue(session.transactions().supportsSavepoints(), "the boundary has no savepoints");

            session.transactions().inTransaction(() -> {
                session.records().create(newRecord(1), context());
                assertThatThrownBy(() -> session.transactions().inSavepoint(() -> {
                    session.records().create(newRecord(2), context());
                    throw new IllegalStateException("undo this row");
                })).hasMessage("undo this row");
                session.records().create(newRecord(3), context());
                return null;
            });

            assertThat(session.count()).isEqualTo(2);
        }
    }

    @Test
    void createdTogetherRecordsGetOneResultEachInOrderAsCreatedOneByOneWould() throws Exception {
        try (Session<R> session = openSession()) {
            List<R> records = List.of(newRecord(1), newRecord(2), newRecord(3), newRecord(4));
            List<Written> together = session.transactions().inTransaction(() -> session.records().createAll(records,
                    Collections.nCopies(records.size(), context())));
            Written alone = session.transactions().inTransaction(() -> session.records().create(newRecord(5), context()));

            assertThat(together).hasSize(4).doesNotContainNull();
            assertThat(together).extracting(Written::id).doesNotHaveDuplicates().doesNotContain(alone.id());
            for (int i = 0; i < records.size(); i++) {
                assertThat(together.get(i).key()).isEqualTo(session.records().keyOf(records.get(i)));
            }
            assertThat(session.count()).isEqualTo(5);
        }
    }

    @Test
    void aFailedSavepointUndoesRecordsCreatedTogether() throws Exception {
        try (Session<R> session = openSession()) {
            Assumptions.assumeTrue(session.transactions().supportsSavepoints(), "the boundary has no savepoints");

            session.transactions().inTransaction(() -> {
                session.records().createAll(List.of(newRecord(1)), List.of(context()));
                assertThatThrownBy(() -> session.transactions().inSavepoint(() -> {
                    session.records().createAll(List.of(newRecord(2), newRecord(3)), List.of(context(), context()));
                    throw new IllegalStateException("undo these rows");
                })).hasMessage("undo these rows");
                return null;
            });

            assertThat(session.count()).isEqualTo(1);
        }
    }

    @Test
    void keysOfADryRunWriteNothing() throws Exception {
        try (Session<R> session = openSession()) {
            session.records().keyOf(newRecord(1));

            assertThat(session.count()).isZero();
        }
    }

    @Test
    void aStoredRecordIsFoundByItsKeyAndUpdatedInPlace() throws Exception {
        try (Session<R> session = openSession()) {
            Written created = session.transactions().inTransaction(() -> session.records().create(newRecord(1), context()));
            Optional<R> changed = changedRecord(1);
            Assumptions.assumeTrue(changed.isPresent(), "the repository does not update records");

            Optional<String> found = session.transactions().inTransaction(
                    () -> session.records().findExisting(changed.get(), context()));
            Written updated = session.transactions().inTransaction(
                    () -> session.records().update(found.orElseThrow(), changed.get(), context()));

            assertThat(found).contains(created.id());
            assertThat(updated.id()).isEqualTo(created.id());
            assertThat(session.count()).isEqualTo(1);
            assertThat(session.transactions().inTransaction(() -> session.records().findExisting(newRecord(2), context())))
                    .isEmpty();
        }
    }
}
