package dev.intake.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.testkit.ImportJournalContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The journal on a real H2 database passes the contract kit; its tables are made once and found after. */
// A session closes a JDBC connection, hence close() throws Exception; these tests are never interrupted.
@SuppressWarnings("try")
class JdbcImportJournalTest extends ImportJournalContract {
    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected Session openSession() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        JdbcImportJournal.createTables(connection);
        return Session.of(JdbcImportJournal.on(() -> connection), new JdbcTransactions(connection), connection::close);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    void createTablesLeavesExistingTablesAndTheirRowsAlone() throws Exception {
        try (Session session = openSession()) {
            session.transactions().inTransaction(() -> session.journal().begin("runs", "f1", false));
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            JdbcImportJournal.createTables(connection);
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT importer, fingerprint, completed_at FROM intake_import_journal")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("runs");
                assertThat(rows.getString(2)).isEqualTo("f1");
                assertThat(rows.getObject(3)).isNull();
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void aLongChunkIsStoredInPartsAndComesBackWhole() throws Exception {
        // A character outside the BMP straddles the first part's end; it must not be split.
        String chunk = "a".repeat(JdbcImportJournal.PART_LENGTH - 1) + "\uD83D\uDE00" + "b".repeat(2 * JdbcImportJournal.PART_LENGTH);
        try (Session session = openSession()) {
            session.transactions().inTransaction(() -> session.journal().begin("runs", "long", false));
            session.transactions().inTransaction(() -> {
                session.journal().record("runs", "long", 0, chunk);
                return null;
            });

            assertThat(session.transactions().inTransaction(() -> session.journal().chunk("runs", "long", 0)))
                    .hasValueSatisfying(text -> assertThat(text).isEqualTo(chunk));
            assertThat(session.transactions().inTransaction(() -> session.journal().begin("runs", "long", false))
                    .chunks()).isEqualTo(1);
        }
        try (Connection connection = DriverManager.getConnection(url);
                ResultSet parts = connection.createStatement().executeQuery("SELECT part, LENGTH(content)"
                        + " FROM intake_import_chunk WHERE fingerprint = 'long' ORDER BY part")) {
            assertThat(parts.next()).isTrue();
            assertThat(parts.getInt(2)).isEqualTo(JdbcImportJournal.PART_LENGTH - 1);
            assertThat(parts.next()).isTrue();
            assertThat(parts.getInt(2)).isEqualTo(JdbcImportJournal.PART_LENGTH);
            assertThat(parts.next()).isTrue();
            assertThat(parts.getInt(2)).isEqualTo(JdbcImportJournal.PART_LENGTH);
            assertThat(parts.next()).isTrue();
            assertThat(parts.getInt(1)).isEqualTo(3);
            assertThat(parts.getInt(2)).isEqualTo(2);
            assertThat(parts.next()).isFalse();
        }
    }

    @Test
    void otherDatabasesAreToldToUseTheDocumentedDdl() throws Exception {
        Connection derby = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {java.sql.DatabaseMetaData.class},
                                (p, m, a) -> m.getName().equals("getDatabaseProductName") ? "Apache Derby" : null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        assertThatThrownBy(() -> JdbcImportJournal.createTables(derby)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apache derby");
    }
}
