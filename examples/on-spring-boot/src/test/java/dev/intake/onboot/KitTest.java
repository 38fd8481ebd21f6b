package dev.intake.onboot;

import dev.intake.jdbc.JdbcImportJournal;
import dev.intake.jdbc.JdbcRunStore;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.spi.run.RunStore;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import dev.intake.testkit.GroupRepositoryContract;
import dev.intake.testkit.ImportJournalContract;
import dev.intake.testkit.RunStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;

/** The test kit's contracts run on Spring Boot's JUnit, against Intake's repositories on Boot's H2. */
class KitTest {

    @Nested
    class Groups extends GroupRepositoryContract {
        private final InMemoryTransactions transactions = new InMemoryTransactions();
        private final InMemoryGroupRepository groups = new InMemoryGroupRepository(transactions);

        @Override
        protected Session openSession() {
            return Session.of(groups, transactions, () -> { });
        }
    }

    @Nested
    class Journal extends ImportJournalContract {
        private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

        @Override
        protected Session openSession() throws SQLException {
            Connection connection = DriverManager.getConnection(url);
            JdbcImportJournal.createTables(connection);
            return Session.of(JdbcImportJournal.on(() -> connection), new JdbcTransactions(connection), connection::close);
        }
    }

    @Nested
    class Runs extends RunStoreContract {
        @Override
        protected RunStore newStore() throws SQLException {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:runs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            try (Connection connection = dataSource.getConnection()) {
                JdbcRunStore.createTables(connection);
            }
            return new JdbcRunStore(dataSource);
        }
    }
}
