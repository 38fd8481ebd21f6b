package dev.intake.jdbc;

import dev.intake.spi.ImportJournal;
import dev.intake.spi.JournalSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ImportJournal} in two tables of the host's JDBC database, written through the
 * connection of the host's current transaction, so that a chunk's record commits or rolls back
 * with the chunk's rows:
 *
 * <pre>{@code
 * Connection connection = ...;                 // the one the repositories and the boundary use
 * JdbcImportJournal.createTables(connection);  // once, or in the host's migrations
 * Importer<NewRun> importer = Importer.builder(definition, NewRun::from, runs)
 *     .transactions(new JdbcTransactions(connection))
 *     .journal(JdbcImportJournal.on(() -> connection))
 *     .build();
 * }</pre>
 *
 * <p>The tables, as {@link #createTables(Connection)} makes them on PostgreSQL (H2 gets the same
 * with {@code CHARACTER VARYING(1000000)} for {@code TEXT}); other databases need the equivalent in
 * their own DDL. A chunk's text is stored in parts of at most {@value #PART_LENGTH} characters, so
 * that no database needs a large object for it:
 *
 * <pre>
 * CREATE TABLE intake_import_journal (
 *   importer     VARCHAR(200) NOT NULL,
 *   fingerprint  VARCHAR(128) NOT NULL,
 *   started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
 *   completed_at TIMESTAMP WITH TIME ZONE,
 *   total_rows BIGINT, created_rows BIGINT, updated_rows BIGINT, failed_rows BIGINT,
 *   PRIMARY KEY (importer, fingerprint));
 * CREATE TABLE intake_import_chunk (
 *   importer    VARCHAR(200) NOT NULL,
 *   fingerprint VARCHAR(128) NOT NULL,
 *   sequence    INTEGER NOT NULL,
 *   part        INTEGER NOT NULL,
 *   content     TEXT NOT NULL,
 *   PRIMARY KEY (importer, fingerprint, sequence, part),
 *   FOREIGN KEY (importer, fingerprint) REFERENCES intake_import_journal (importer, fingerprint));
 * </pre>
 *
 * <p>A chunk recorded twice violates the chunk table's primary key: two imports of one file at
 * once cannot both write. Entries are never removed by the importer; a host that wants to forget
 * old imports deletes their rows (chunks first). Thread-safe as far as the connection source is:
 * the journal keeps no state of its own.
 *
 * <p>Exactly-once rests on the database keeping what it committed and nothing it did not. An H2
 * file database opened with its default {@code WRITE_DELAY} can come back from a killed process
 * with rows of a transaction that never committed; open it with {@code SET WRITE_DELAY 0}.
 */
public final class JdbcImportJournal implements ImportJournal {

    /** Gives the connection of the current transaction; the journal never closes it. */
    @FunctionalInterface
    public interface ConnectionSource {
        /**
         * @return the connection the host's current transaction runs on
         * @throws SQLException if there is none
         */
        Connection connection() throws SQLException;
    }

    /** The most characters of a chunk's text in one row of the chunk table. */
    public static final int PART_LENGTH = 250_000;

    private final ConnectionSource connections;

    private JdbcImportJournal(ConnectionSource connections) {
        this.connections = connections;
    }

    /**
     * A journal written through the connections a source gives.
     *
     * @param connections gives the connection of the host's current transaction
     * @return the journal
     */
    public static JdbcImportJournal on(ConnectionSource connections) {
        return new JdbcImportJournal(Objects.requireNonNull(connections, "connections must not be null"));
    }

    /**
     * Creates the journal's tables unless they exist, on H2 or PostgreSQL, and commits when the
     * connection is not in auto-commit mode.
     *
     * @param connection a connection to the database
     * @throws SQLException if they cannot be created
     * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
     */
    public static void createTables(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String text;
        if (product.contains("h2")) {
            // A CLOB is a large object stored apart, which costs more than the chunk's rows.
            text = "CHARACTER VARYING(1000000)";
        } else if (product.contains("postgres")) {
            text = "TEXT";
        } else {
            throw new IllegalArgumentException("the journal's tables are made here for H2 and PostgreSQL only, not "
                    + product + "; create them with the DDL in JdbcImportJournal's documentation");
        }
        List<String> ddl = List.of("CREATE TABLE IF NOT EXISTS intake_import_journal ("
                + " importer VARCHAR(200) NOT NULL,"
                + " fingerprint VARCHAR(128) NOT NULL,"
                + " started_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " completed_at TIMESTAMP WITH TIME ZONE,"
                + " total_rows BIGINT, created_rows BIGINT, updated_rows BIGINT, failed_rows BIGINT,"
                + " PRIMARY KEY (importer, fingerprint))",
                "CREATE TABLE IF NOT EXISTS intake_import_chunk ("
                + " importer VARCHAR(200) NOT NULL,"
                + " fingerprint VARCHAR(128) NOT NULL,"
                + " sequence INTEGER NOT NULL,"
                + " part INTEGER NOT NULL,"
                + " content " + text + " NOT NULL,"
                + " PRIMARY KEY (importer, fingerprint, sequence, part),"
                + " FOREIGN KEY (importer, fingerprint) REFERENCES intake_import_journal (importer, fingerprint))");
        try (Statement statement = connection.createStatement()) {
            for (String table : ddl) {
                statement.execute(table);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    @Override
    public Optional<JournalSummary> completed(String importer) throws SQLException {
        try (PreparedStatement select = connections.connection().prepareStatement("SELECT completed_at, total_rows,"
                + " created_rows, updated_rows, failed_rows FROM intake_import_journal WHERE importer = ?"
                + " AND completed_at IS NOT NULL ORDER BY completed_at DESC")) {
            select.setString(1, importer);
            select.setMaxRows(1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new JournalSummary(row.getLong(2), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getObject(1, OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        }
    }

    @Override
    public Entry begin(String importer, String fingerprint, boolean again) throws SQLException {
        Connection connection = connections.connection();
        Optional<JournalSummary> completed;
        try (PreparedStatement select = connection.prepareStatement("SELECT completed_at, total_rows, created_rows,"
                + " updated_rows, failed_rows FROM intake_import_journal WHERE importer = ? AND fingerprint = ? FOR UPDATE")) {
            select.setString(1, importer);
            select.setString(2, fingerprint);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO intake_import_journal"
                            + " (importer, fingerprint, started_at) VALUES (?, ?, ?)")) {
                        insert.setString(1, importer);
                        insert.setString(2, fingerprint);
                        insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                        insert.executeUpdate();
                    }
                    return new Entry(0, Optional.empty());
                }
                OffsetDateTime at = row.getObject(1, OffsetDateTime.class);
                completed = at == null ? Optional.empty() : Optional.of(new JournalSummary(row.getLong(2),
                        row.getLong(3), row.getLong(4), row.getLong(5), at.toInstant()));
            }
        }
        if (completed.isPresent() && again) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM intake_import_chunk WHERE importer = ? AND fingerprint = ?");
                    PreparedStatement restart = connection.prepareStatement("UPDATE intake_import_journal"
                            + " SET started_at = ?, completed_at = NULL, total_rows = NULL, created_rows = NULL,"
                            + " updated_rows = NULL, failed_rows = NULL WHERE importer = ? AND fingerprint = ?")) {
                delete.setString(1, importer);
                delete.setString(2, fingerprint);
                delete.executeUpdate();
                restart.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                restart.setString(2, importer);
                restart.setString(3, fingerprint);
                restart.executeUpdate();
            }
            return new Entry(0, Optional.empty());
        }
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM intake_import_chunk WHERE importer = ? AND fingerprint = ? AND part = 0")) {
            count.setString(1, importer);
            count.setString(2, fingerprint);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new Entry(row.getInt(1), completed);
            }
        }
    }

    @Override
    public void record(String importer, String fingerprint, int sequence, String chunk) throws SQLException {
        try (PreparedStatement insert = connections.connection().prepareStatement("INSERT INTO intake_import_chunk"
                + " (importer, fingerprint, sequence, part, content) VALUES (?, ?, ?, ?, ?)")) {
            int part = 0;
            int start = 0;
            do {
                int end = Math.min(chunk.length(), start + PART_LENGTH);
                if (end < chunk.length() && Character.isHighSurrogate(chunk.charAt(end - 1))) {
                    end--; // a character never straddles two parts
                }
                insert.setString(1, importer);
                insert.setString(2, fingerprint);
                insert.setInt(3, sequence);
                insert.setInt(4, part++);
                insert.setString(5, chunk.substring(start, end));
                insert.addBatch();
                start = end;
            } while (start < chunk.length());
            insert.executeBatch();
        }
    }

    @Override
    public Optional<String> chunk(String importer, String fingerprint, int sequence) throws SQLException {
        try (PreparedStatement select = connections.connection().prepareStatement("SELECT content FROM"
                + " intake_import_chunk WHERE importer = ? AND fingerprint = ? AND sequence = ? ORDER BY part")) {
            select.setString(1, importer);
            select.setString(2, fingerprint);
            select.setInt(3, sequence);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                StringBuilder text = new StringBuilder(rows.getString(1));
                while (rows.next()) {
                    text.append(rows.getString(1));
                }
                return Optional.of(text.toString());
            }
        }
    }

    @Override
    public void complete(String importer, String fingerprint, JournalSummary summary) throws SQLException {
        try (PreparedStatement update = connections.connection().prepareStatement("UPDATE intake_import_journal"
                + " SET completed_at = ?, total_rows = ?, created_rows = ?, updated_rows = ?, failed_rows = ?"
                + " WHERE importer = ? AND fingerprint = ?")) {
            update.setObject(1, OffsetDateTime.ofInstant(summary.completedAt(), ZoneOffset.UTC));
            update.setLong(2, summary.rows());
            update.setLong(3, summary.created());
            update.setLong(4, summary.updated());
            update.setLong(5, summary.failed());
            update.setString(6, importer);
            update.setString(7, fingerprint);
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("no journal entry for " + fingerprint + " by " + importer);
            }
        }
    }

    /** @return a description for logs */
    @Override
    public String toString() {
        return "JdbcImportJournal[intake_import_journal, intake_import_chunk]";
    }
}
