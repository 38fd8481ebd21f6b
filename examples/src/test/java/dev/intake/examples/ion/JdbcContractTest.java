package dev.intake.examples.ion;

import dev.intake.examples.jdbc.Database;
import dev.intake.examples.jdbc.TestDatabases;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import dev.intake.testkit.GroupRepositoryContract;
import dev.intake.testkit.RecordRepositoryContract;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The runs example's JDBC adapters pass Intake's contract test kit; on H2 here, PostgreSQL in the IT. */
class JdbcContractTest {

    String newDatabase() {
        return TestDatabases.h2();
    }

    @Nested
    class Batches extends GroupRepositoryContract {
        private final String url = newDatabase();

        @Override
        protected Session openSession() throws SQLException {
            Database database = Database.open(url);
            return Session.of(new RunBatches(database.connection()), new JdbcTransactions(database.connection()),
                    database::close);
        }
    }

    @Nested
    class Runs extends RecordRepositoryContract<NewRun> {
        @Override
        protected Session<NewRun> openSession() throws SQLException {
            Database database = Database.open(newDatabase());
            RunWriter writer = new RunWriter(database.connection());
            JdbcTransactions transactions = new JdbcTransactions(database.connection());
            return new Session<>() {
                @Override
                public RecordRepository<NewRun> records() {
                    return writer;
                }

                @Override
                public TransactionBoundary transactions() {
                    return transactions;
                }

                @Override
                public long count() throws SQLException {
                    return database.count("runs");
                }

                @Override
                public void close() throws SQLException {
                    database.close();
                }
            };
        }

        @Override
        protected NewRun newRecord(int n) {
            return new NewRun("Run " + n, false, null, null, null, null, null, null, (long) n, null, null,
                    Map.of("shift", (long) n));
        }
    }
}
