package dev.intake.benchmarks;

import dev.intake.examples.jdbc.RowInsert;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Inserts rows into one table of PostgreSQL with {@code COPY ... FROM STDIN} in text format: one
 * round trip and no statement to parse or plan however many rows. The benchmarks compare it with the
 * examples' multi-row inserts, which on chunks of 500 rows it did not beat (see the README). Values are written as PostgreSQL's text format wants them: null as
 * {@code \N}, booleans as {@code t}/{@code f}, dates and numbers as their {@code toString}, text with
 * backslash, tab, line feed and carriage return escaped. Used by one thread.
 */
final class CopyInsert implements RowInsert {
    private final CopyManager copy;
    private final String sql;
    private final int columns;
    private final StringBuilder rows = new StringBuilder();

    /**
     * A copy into a table's columns.
     *
     * @param connection a PostgreSQL connection (or a pool's wrapper of one)
     * @param table the table
     * @param columns its columns, in the order values are added
     * @throws SQLException if the connection is not PostgreSQL's
     */
    CopyInsert(Connection connection, String table, List<String> columns) throws SQLException {
        Objects.requireNonNull(connection, "connection must not be null");
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        this.columns = columns.size();
    }

    @Override
    public void add(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append('\t');
            }
            append(values[i]);
        }
        rows.append('\n');
    }

    private void append(Object value) {
        if (value == null) {
            rows.append("\\N");
        } else if (value instanceof Boolean flag) {
            rows.append(flag ? 't' : 'f');
        } else if (value instanceof String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> rows.append("\\\\");
                    case '\t' -> rows.append("\\t");
                    case '\n' -> rows.append("\\n");
                    case '\r' -> rows.append("\\r");
                    default -> rows.append(c);
                }
            }
        } else {
            rows.append(value);
        }
    }

    @Override
    public void execute() throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("the rows could not be sent: " + e.getMessage(), e);
        } finally {
            clear();
        }
    }

    @Override
    public void clear() {
        rows.setLength(0);
    }

    @Override
    public void close() {
        clear();
    }
}
