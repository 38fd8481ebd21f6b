package dev.intake.spi.testkit;

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
 * on your repository, and run it with your tests.
 *
 * <pre>{@code
 * class JdbcBatchesTest extends GroupRepositoryContract {
 *     protected Session openSession() throws Exception {
 *         Connection connection = dataSource.getConnection();
 *         return Session.of(new JdbcBatches(connection), new JdbcTransactions(connection), connection::close);
 *     }
 * }
 * }</pre>
 */
public abstract class GroupRepositoryContract {

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
     * Opens a session on the repository under test; sessions opened by one test see the same data,
     * and each may be used by a thread of its own.
     *
     * @return a new session
     * @throws Exception if it cannot be opened
     */
    protected abstract Session openSession() throws Exception;

    /** @return the group name the tests use; default {@code group} */
    protected String groupName() {
        return "group";
    }

    /** @return a key no other test uses */
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
