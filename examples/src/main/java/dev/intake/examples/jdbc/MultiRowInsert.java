package dev.intake.examples.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Inserts rows into one table with multi-row {@code INSERT ... VALUES (...), (...)} statements: the
 * way H2 and PostgreSQL take many rows fastest without a bulk-load API, one statement and one round
 * trip for up to {@link #MAX_PARAMETERS} values. Rows are added with {@link #add(Object...)} and sent
 * by {@link #execute()}; nothing is read back, so ids must be given (see {@link Sequences}).
 *
 * <p>Statements are prepared per number of rows and the last few kept, as a chunk's size repeats.
 * Used by one thread; the statements belong to the connection given.
 */
public final class MultiRowInsert implements RowInsert {
    /** The most values one statement carries: PostgreSQL's protocol allows 32,767. */
    public static final int MAX_PARAMETERS = 30_000;

    /** Statements kept, by rows: a full chunk's, and a few of the sizes failed rows leave. */
    private static final int KEPT = 4;

    private final Connection connection;
    private final String head;
    private final String tuple;
    private final int[] sqlTypes;
    private final int maxRows;
    private final List<Object[]> rows = new ArrayList<>();
    private final Map<Integer, PreparedStatement> statements = new LinkedHashMap<>(8, 0.75f, true);

    /**
     * An insert into a table's columns.
     *
     * @param connection the connection to prepare on
     * @param table the table
     * @param columns its columns, in the order values are added
     * @param sqlTypes the {@link java.sql.Types} of each column, for nulls
     */
    public MultiRowInsert(Connection connection, String table, List<String> columns, int... sqlTypes) {
        if (columns.isEmpty() || columns.size() != sqlTypes.length) {
            throw new IllegalArgumentException("give a type for each of the " + columns.size() + " columns");
        }
        this.connection = Objects.requireNonNull(connection, "connection must not be null");
        this.head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        this.tuple = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        this.sqlTypes = sqlTypes.clone();
        this.maxRows = Math.max(1, Math.min(1000, MAX_PARAMETERS / columns.size()));
    }

    @Override
    public void add(Object... values) {
        if (values.length != sqlTypes.length) {
            throw new IllegalArgumentException(values.length + " values for " + sqlTypes.length + " columns");
        }
        rows.add(values);
    }

    /** Sends the rows added, a statement per {@code MAX_PARAMETERS} values; forgets them whether or not that succeeds. */
    @Override
    public void execute() throws SQLException {
        try {
            for (int from = 0; from < rows.size(); from += maxRows) {
                int to = Math.min(rows.size(), from + maxRows);
                PreparedStatement statement = statement(to - from);
                int index = 1;
                for (Object[] row : rows.subList(from, to)) {
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) {
                            statement.setNull(index++, sqlTypes[i]);
                        } else {
                            statement.setObject(index++, row[i], sqlTypes[i]);
                        }
                    }
                }
                statement.executeUpdate();
            }
        } finally {
            rows.clear();
        }
    }

    @Override
    public void clear() {
        rows.clear();
    }

    private PreparedStatement statement(int count) throws SQLException {
        PreparedStatement statement = statements.get(count);
        if (statement != null) {
            return statement;
        }
        StringBuilder sql = new StringBuilder(head.length() + count * (tuple.length() + 2)).append(head);
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        statement = connection.prepareStatement(sql.toString());
        statements.put(count, statement);
        if (statements.size() > KEPT) {
            Map.Entry<Integer, PreparedStatement> eldest = statements.entrySet().iterator().next();
            statements.remove(eldest.getKey());
            eldest.getValue().close();
        }
        return statement;
    }

    /** Closes the statements prepared. */
    @Override
    public void close() throws SQLException {
        SQLException failed = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        statements.clear();
        if (failed != null) {
            throw failed;
        }
    }
}
