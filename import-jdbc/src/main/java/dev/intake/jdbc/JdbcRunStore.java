package dev.intake.jdbc;

import dev.intake.spi.run.NewRun;
import dev.intake.spi.run.Run;
import dev.intake.spi.run.RunIds;
import dev.intake.spi.run.RunStatus;
import dev.intake.spi.run.RunStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RunStore} in one table of the host's JDBC database. Each change is one statement in a
 * transaction of its own, conditioned on the run's status, so that instances sharing the database
 * agree on every run: a run starts once, a cancelled run never starts, numbers per definition are
 * distinct (a unique key; a number taken at the same moment is taken again). The table, as
 * {@link #createTables(Connection)} makes it on H2 and PostgreSQL:
 *
 * <pre>
 * CREATE TABLE intake_runs (
 *   id VARCHAR(40) PRIMARY KEY, definition VARCHAR(200) NOT NULL, number BIGINT NOT NULL,
 *   creator VARCHAR(254) NOT NULL, commit_rows BOOLEAN NOT NULL, file_id VARCHAR(200) NOT NULL,
 *   file_name VARCHAR(1000) NOT NULL, file_type VARCHAR(40) NOT NULL, worksheet VARCHAR(1000),
 *   status VARCHAR(20) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,
 *   started_at TIMESTAMP WITH TIME ZONE, ended_at TIMESTAMP WITH TIME ZONE,
 *   total_count BIGINT NOT NULL, success_count BIGINT NOT NULL, error_count BIGINT NOT NULL,
 *   results_id VARCHAR(200), results_expired_at TIMESTAMP WITH TIME ZONE,
 *   attempts INTEGER DEFAULT 0 NOT NULL,
 *   UNIQUE (definition, number));
 * </pre>
 *
 * <p>Thread-safe: it keeps no state but the data source.
 */
public final class JdbcRunStore implements RunStore {
    private static final String COLUMNS = "id, definition, number, creator, commit_rows, file_id, file_name, file_type,"
            + " worksheet, status, created_at, started_at, ended_at, total_count, success_count, error_count,"
            + " results_id, results_expired_at, attempts";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int NUMBER_ATTEMPTS = 20;

    /** The table of a store made without a name. */
    public static final String DEFAULT_TABLE = "intake_runs";

    private final DataSource dataSource;
    private final String table;

    /**
     * A store on a data source.
     *
     * @param dataSource where connections come from (a pool, in a web host)
     */
    public JdbcRunStore(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /**
     * A store in a table of its own name: for an application whose import runs of different kinds
     * (each executed by its own {@code RunWork}) must not see each other's runs.
     *
     * @param dataSource where connections come from (a pool, in a web host)
     * @param table the table's name: letters, digits and {@code _}, starting with a letter
     * @throws IllegalArgumentException if the name is not such a name
     */
    public JdbcRunStore(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
        this.table = checked(table);
    }

    private static String checked(String table) {
        Objects.requireNonNull(table, "table must not be null");
        if (!table.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("a table name has letters, digits and _, starting with a letter, not " + table);
        }
        return table;
    }

    /**
     * Creates the table when it does not exist (H2 and PostgreSQL).
     *
     * @param connection a connection to the database
     * @throws SQLException if it cannot be created
     */
    public static void createTables(Connection connection) throws SQLException {
        createTables(connection, DEFAULT_TABLE);
    }

    /**
     * Creates a table of its own name when it does not exist (H2 and PostgreSQL).
     *
     * @param connection a connection to the database
     * @param table the table's name, as {@link #JdbcRunStore(DataSource, String)} takes it
     * @throws SQLException if it cannot be created
     * @throws IllegalArgumentException if the name is not a plain table name
     */
    public static void createTables(Connection connection, String table) throws SQLException {
        checked(table);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + " id VARCHAR(40) PRIMARY KEY, definition VARCHAR(200) NOT NULL, number BIGINT NOT NULL,"
                    + " creator VARCHAR(254) NOT NULL, commit_rows BOOLEAN NOT NULL, file_id VARCHAR(200) NOT NULL,"
                    + " file_name VARCHAR(1000) NOT NULL, file_type VARCHAR(40) NOT NULL, worksheet VARCHAR(1000),"
                    + " status VARCHAR(20) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " started_at TIMESTAMP WITH TIME ZONE, ended_at TIMESTAMP WITH TIME ZONE,"
                    + " total_count BIGINT NOT NULL, success_count BIGINT NOT NULL, error_count BIGINT NOT NULL,"
                    + " results_id VARCHAR(200), results_expired_at TIMESTAMP WITH TIME ZONE,"
                    + " attempts INTEGER DEFAULT 0 NOT NULL,"
                    + " UNIQUE (definition, number))");
            // a table made before runs counted their attempts
            statement.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS attempts INTEGER DEFAULT 0 NOT NULL");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    @Override
    public Run create(NewRun run, Instant now) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(connection -> {
                    long number;
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT COALESCE(MAX(number), 0) + 1 FROM " + table + " WHERE definition = ?")) {
                        select.setString(1, run.definition());
                        try (ResultSet rows = select.executeQuery()) {
                            rows.next();
                            number = rows.getLong(1);
                        }
                    }
                    String id = RunIds.next();
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 0, 0, NULL, NULL, 0)")) {
                        insert.setString(1, id);
                        insert.setString(2, run.definition());
                        insert.setLong(3, number);
                        insert.setString(4, run.creator());
                        insert.setBoolean(5, run.commit());
                        insert.setString(6, run.file());
                        insert.setString(7, run.fileName());
                        insert.setString(8, run.fileType());
                        insert.setString(9, run.worksheet().orElse(null));
                        insert.setString(10, RunStatus.CREATED.name());
                        insert.setObject(11, time(now));
                        insert.executeUpdate();
                    }
                    return find(connection, id).orElseThrow();
                });
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == NUMBER_ATTEMPTS) {
                    throw e;
                }
                // another run of the definition took the number at the same moment
            }
        }
    }

    @Override
    public Optional<Run> find(String id) throws SQLException {
        return inTransaction(connection -> find(connection, id));
    }

    private Optional<Run> find(Connection connection, String id) throws SQLException {
        List<Run> runs = select(connection, "WHERE id = ?", id);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    @Override
    public List<Run> list(String definition) throws SQLException {
        return inTransaction(connection -> select(connection, "WHERE definition = ? ORDER BY number DESC", definition));
    }

    @Override
    public Optional<Run> start(String id, Instant now) throws SQLException {
        return inTransaction(connection -> {
            int started = update(connection, "UPDATE " + table + " SET status = 'RUNNING', started_at = COALESCE(started_at, ?),"
                    + " total_count = 0, success_count = 0, error_count = 0, attempts = attempts + 1"
                    + " WHERE id = ? AND status IN ('CREATED', 'RUNNING')", time(now), id);
            return started == 1 ? find(connection, id) : Optional.empty();
        });
    }

    @Override
    public void progress(String id, long total, long success, long error) throws SQLException {
        inTransaction(connection -> update(connection, "UPDATE " + table + " SET total_count = ?, success_count = ?,"
                + " error_count = ? WHERE id = ? AND status = 'RUNNING'", total, success, error, id));
    }

    @Override
    public Run finish(String id, RunStatus status, long total, long success, long error, String results, Instant now)
            throws SQLException {
        if (status != RunStatus.COMPLETE && status != RunStatus.ERROR) {
            throw new IllegalStateException("a run ends COMPLETE or ERROR, not " + status);
        }
        return inTransaction(connection -> {
            int ended = update(connection, "UPDATE " + table + " SET status = ?, total_count = ?, success_count = ?,"
                    + " error_count = ?, results_id = ?, ended_at = ? WHERE id = ? AND status = 'RUNNING'",
                    status.name(), total, success, error, results, time(now), id);
            if (ended != 1) {
                throw new IllegalStateException("run " + id + " is not running");
            }
            return find(connection, id).orElseThrow();
        });
    }

    @Override
    public boolean cancel(String id, Instant now) throws SQLException {
        return inTransaction(connection -> update(connection, "UPDATE " + table + " SET status = 'CANCELLED', ended_at = ?"
                + " WHERE id = ? AND status = 'CREATED'", time(now), id) == 1);
    }

    @Override
    public List<Run> endedBefore(Instant cutoff) throws SQLException {
        return inTransaction(connection -> select(connection, "WHERE status IN ('COMPLETE', 'ERROR') AND ended_at < ?"
                + " ORDER BY ended_at", time(cutoff)));
    }

    @Override
    public void expire(String id, Instant now) throws SQLException {
        inTransaction(connection -> update(connection, "UPDATE " + table + " SET status = 'EXPIRED', results_id = NULL,"
                + " results_expired_at = ? WHERE id = ? AND status IN ('COMPLETE', 'ERROR')", time(now), id));
    }

    @Override
    public List<Run> unfinished() throws SQLException {
        return inTransaction(connection -> select(connection, "WHERE status IN ('CREATED', 'RUNNING')"
                + " ORDER BY created_at, number", new Object[0]));
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            bind(update, values);
            return update.executeUpdate();
        }
    }

    private List<Run> select(Connection connection, String where, Object... values) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " " + where)) {
            bind(select, values);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(new Run(rows.getString("id"), rows.getString("definition"), rows.getLong("number"),
                            rows.getString("creator"), rows.getBoolean("commit_rows"), rows.getString("file_id"),
                            rows.getString("file_name"), rows.getString("file_type"),
                            Optional.ofNullable(rows.getString("worksheet")), RunStatus.valueOf(rows.getString("status")),
                            instant(rows, "created_at").orElseThrow(), instant(rows, "started_at"),
                            instant(rows, "ended_at"), rows.getLong("total_count"), rows.getLong("success_count"),
                            rows.getLong("error_count"), Optional.ofNullable(rows.getString("results_id")),
                            instant(rows, "results_expired_at"), rows.getInt("attempts")));
                }
            }
            return runs;
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
    }
}
