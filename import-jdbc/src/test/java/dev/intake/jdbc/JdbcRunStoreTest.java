package dev.intake.jdbc;

import dev.intake.spi.run.RunStore;
import dev.intake.testkit.RunStoreContract;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The JDBC run store passes the contract test kit on H2; the examples run it on PostgreSQL. */
class JdbcRunStoreTest extends RunStoreContract {
    @Override
    protected RunStore newStore() throws Exception {
        DataSource dataSource = new DriverManagerSource("jdbc:h2:mem:runs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection()) {
            JdbcRunStore.createTables(connection);
            JdbcRunStore.createTables(connection);
        }
        return new JdbcRunStore(dataSource);
    }

    @org.junit.jupiter.api.Test
    void storesInTablesOfTheirOwnInOneDatabaseDoNotSeeEachOthersRuns() throws Exception {
        DataSource dataSource = new DriverManagerSource("jdbc:h2:mem:runs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection()) {
            JdbcRunStore.createTables(connection);
            JdbcRunStore.createTables(connection, "intake_importer_runs");
        }
        JdbcRunStore arena = new JdbcRunStore(dataSource);
        JdbcRunStore importers = new JdbcRunStore(dataSource, "intake_importer_runs");
        dev.intake.spi.run.Run run = arena.create(new dev.intake.spi.run.NewRun("items", "ada", true, "f1", "items.csv",
                "CSV", java.util.Optional.empty()), java.time.Instant.parse("2026-12-07T00:00:00Z"));

        org.assertj.core.api.Assertions.assertThat(arena.unfinished()).extracting(dev.intake.spi.run.Run::id)
                .containsExactly(run.id());
        org.assertj.core.api.Assertions.assertThat(importers.unfinished()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(importers.find(run.id())).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JdbcRunStore(dataSource, "runs; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A new connection each time, as a pool would lend one. */
    record DriverManagerSource(String url) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no log
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // no timeout
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
