package dev.intake.examples.cascadia;

import dev.intake.core.ImportRow;
import dev.intake.examples.jdbc.Connections;
import dev.intake.examples.jdbc.Database;
import dev.intake.examples.jdbc.TestDatabases;
import dev.intake.examples.web.SpringConnections;
import dev.intake.spring.SpringTransactions;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriteContext;
import dev.intake.testkit.RecordRepositoryContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The Import API's item repository passes Intake's contract test kit: on one JDBC connection as the
 * command line uses it, and through Spring's transactions and connections as the web host does. On
 * H2 here, on PostgreSQL in the IT.
 */
class CascadiaContractTest {
    static final Caller ADMIN = new Caller(UUID.fromString("a0000000-0000-4000-8000-000000000001"), "admin@example.com",
            Caller.ADMINISTRATOR);
    static final CascadiaRequest REQUEST = new CascadiaRequest(CascadiaKind.PARTS, ADMIN,
            Optional.of(UUID.fromString("11111111-1111-4111-8111-111111111111")), Optional.empty(), Optional.empty(),
            false, List.of());

    String newDatabase() {
        return TestDatabases.h2();
    }

    abstract static class Items extends RecordRepositoryContract<NewItem> {
        @Override
        protected NewItem newRecord(int n) {
            return new NewItem.NewPart("CONTRACT-" + n, "Part " + n, "-", null, "Purchase", null, "1.5", "kg", null, "USD",
                    (long) n, Map.of("finish", "raw " + n));
        }

        @Override
        protected WriteContext context() {
            return new WriteContext(ImportRow.builder(2).build(), Map.of(), CascadiaImports.context(REQUEST));
        }

        Session<NewItem> session(Database database, RecordRepository<NewItem> items, TransactionBoundary transactions,
                AutoCloseable more) throws SQLException {
            long fixtures = database.count("cascadia_items");
            return new Session<>() {
                @Override
                public RecordRepository<NewItem> records() {
                    return items;
                }

                @Override
                public TransactionBoundary transactions() {
                    return transactions;
                }

                @Override
                public long count() throws SQLException {
                    return database.count("cascadia_items") - fixtures;
                }

                @Override
                public void close() throws Exception {
                    try (database; more) {
                        // both closed
                    }
                }
            };
        }
    }

    @Nested
    class OnOneConnection extends Items {
        @Override
        protected Session<NewItem> openSession() throws SQLException {
            Database database = Database.open(newDatabase());
            return session(database, new CascadiaStore(Connections.of(database.connection())).items(),
                    new JdbcTransactions(database.connection()), () -> { });
        }
    }

    @Nested
    class ThroughSpring extends Items {
        @Override
        protected Session<NewItem> openSession() throws SQLException {
            String url = newDatabase();
            Database database = Database.open(url);
            DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
            return session(database, new CascadiaStore(new SpringConnections(dataSource)).items(),
                    new SpringTransactions(new DataSourceTransactionManager(dataSource)), () -> { });
        }
    }
}
