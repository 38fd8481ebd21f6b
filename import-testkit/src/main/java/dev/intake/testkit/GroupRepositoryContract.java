package dev.intake.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import dev.intake.spi.TransactionBoundary;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GroupRepository} must do, for adapter authors: extend this class, open a session
 * on your repository, and run it with your tests (JUnit Jupiter; the kit brings its API and
 * AssertJ).
 *
 * <pre>{@code
 * class JdbcBatchesTest extends GroupRepositoryContract {
 *     protected Session openSession() throws Exception {
 *         Connection connection = dataSource.getConnection();
 *         return Session.of(new JdbcBatches(connection), new JdbcTransactions(connection), connection::close);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests ask:
 * <ul>
 *   <li>{@link #openSession()}: once per test, and eight times in the concurrency test, where each
 *       session is used by a thread of its own at the same time; sessions of one test must see one
 *       another's committed groups (one database), and each is closed by the test;</li>
 *   <li>{@link #groupName()} and {@link #newKey()}: as the tests need a group's name and a key no
 *       other test uses, so the tests may share a database.</li>
 * </ul>
 * Every call of the repository is made inside {@code session.transactions().inTransaction(...)}, as
 * an import makes it.
 */
// Sessions close what an adapter holds (a JDBC connection throws SQLException), hence close() throws
// Exception; the contract tests are never interrupted.
@SuppressWarnings("try")
public abstract class GroupRepositoryContract {

    /** For subclasses: the adapter's own contract test. */
    protected GroupRepositoryContract() {
    }


    /** A repository with its transactions, as one import on one thread uses them. */
    public interface Session extends AutoCloseable {
        /** @return the repository under test */
        GroupRepository groups();

        /** @return the transactions it takes part in */
        TransactionBoundary transactions();

        @Override
        default void close() throws Exception {
        }

        /**
         * A session of parts.
         *
         * @param groups the repository
         * @param transactions its transactions
         * @param close releases them
         * @return the session
         */
        static Session of(GroupRepository groups, TransactionBoundary transactions, AutoCloseable close) {
            return new Session() {
                @Override
                public GroupRepository groups() {
                    return groups;
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
     * Opens a session on the repository under test: a repository and its transactions as one import
     * on one thread uses them. Asked once per test (eight times by the concurrency test, each
     * session then used by a thread of its own); sessions of one test see the same data.
     *
     * @return a new session, which the test closes
     * @throws Exception if it cannot be opened
     */
    protected abstract Session openSession() throws Exception;

    /**
     * The group name the tests pass to the repository, as a definition's group column would.
     *
     * @return the name; default {@code group}
     */
    protected String groupName() {
        return "group";
    }

    /**
     * A key for a group, asked whenever a test needs a group no other test (or earlier run) made.
     *
     * @return a new key; default {@code key-} and eight random characters
     */
    protected String newKey() {
        return "key-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAbsentGroupIsNotFound() throws Exception {
        try (Session session = openSession()) {
            assertThat(session.transactions().inTransaction(() -> session.groups().find(groupName(), newKey()))).isEmpty();
        }
    }

    @Test
    void findOrCreateCreatesOnceAndThenFinds() throws Exception {
        String key = newKey();
        try (Session session = openSession()) {
            GroupRef first = session.transactions().inTransaction(() -> session.groups().findOrCreate(groupName(), key));
            GroupRef second = session.transactions().inTransaction(() -> session.groups().findOrCreate(groupName(), key));

            assertThat(first.created()).isTrue();
            assertThat(second.created()).isFalse();
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(session.transactions().inTransaction(() -> session.groups().find(groupName(), key)))
                    .contains(first.id());
        }
    }

    @Test
    void groupsFoundOrCreatedTogetherAreTheOnesOneByOneWouldGive() throws Exception {
        List<String> keys = new ArrayList<>(List.of(newKey(), newKey(), newKey(), newKey()));
        keys.sort(null);
        try (Session session = openSession()) {
            GroupRef existing = session.transactions().inTransaction(() -> session.groups().findOrCreate(groupName(),
                    keys.get(1)));

            java.util.Map<String, GroupRef> together = session.transactions().inTransaction(() ->
                    session.groups().findOrCreateAll(groupName(), keys));

            assertThat(together.keySet()).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(together.get(keys.get(1)).id()).isEqualTo(existing.id());
            assertThat(together.get(keys.get(1)).created()).isFalse();
            assertThat(together.get(keys.get(1)).key()).as("the key it holds, when the repository names it")
                    .isIn(java.util.Optional.empty(), java.util.Optional.of(keys.get(1)));
            for (String key : List.of(keys.get(0), keys.get(2), keys.get(3))) {
                assertThat(together.get(key).created()).as(key).isTrue();
                assertThat(session.transactions().inTransaction(() -> session.groups().find(groupName(), key)))
                        .contains(together.get(key).id());
            }
            assertThat(together.values().stream().map(GroupRef::id).distinct()).hasSize(keys.size());
            java.util.Map<String, GroupRef> again = session.transactions().inTransaction(() ->
                    session.groups().findOrCreateAll(groupName(), keys));
            assertThat(again.values()).noneMatch(GroupRef::created);
            for (String key : keys) {
                assertThat(again.get(key).id()).isEqualTo(together.get(key).id());
            }
        }
    }

    @Test
    void aGroupCreatedInARolledBackTransactionDoesNotExist() throws Exception {
        String key = newKey();
        try (Session session = openSession()) {
            assertThatThrownBy(() -> session.transactions().inTransaction(() -> {
                session.groups().findOrCreate(groupName(), key);
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");

            assertThat(session.transactions().inTransaction(() -> session.groups().find(groupName(), key))).isEmpty();
            assertThat(session.transactions().inTransaction(() -> session.groups().findOrCreate(groupName(), key))
                    .created()).isTrue();
        }
    }

    @Test
    void concurrentFindOrCreateOfOneKeyCreatesItOnce() throws Exception {
        int threads = 8;
        String key = newKey();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Session> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                sessions.add(openSession());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<GroupRef>> refs = new ArrayList<>();
            for (Session session : sessions) {
                refs.add(pool.submit(() -> {
                    start.await();
                    return session.transactions().inTransaction(() -> session.groups().findOrCreate(groupName(), key));
                }));
            }
            start.countDown();
            List<GroupRef> results = new ArrayList<>();
            for (Future<GroupRef> ref : refs) {
                results.add(ref.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(GroupRef::created).hasSize(1);
            assertThat(results).extracting(GroupRef::id).containsOnly(results.get(0).id());
        } finally {
            pool.shutdownNow();
            for (Session session : sessions) {
                session.close();
            }
        }
    }
}
