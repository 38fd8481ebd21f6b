package dev.intake.examples.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Rows inserted into one table together, the fastest way the database offers: {@link CopyInsert}
 * on PostgreSQL, {@link MultiRowInsert} elsewhere. Rows are added, then sent by {@link #execute()};
 * nothing is read back, so ids must be given (see {@link Sequences}). Used by one thread.
 */
public interface RowInsert extends AutoCloseable {
    /**
     * The fastest insert the connection's database offers.
     *
     * @param connection the connection
     * @param table the table
     * @param columns its columns, in the order values are added
     * @param sqlTypes the {@link java.sql.Types} of each column
     * @return the insert
     * @throws SQLException if the database cannot be told
     */
    static RowInsert into(Connection connection, String table, List<String> columns, int... sqlTypes)
            throws SQLException {
        String database = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return database.contains("postgresql") ? new CopyInsert(connection, table, columns)
                : new MultiRowInsert(connection, table, columns, sqlTypes);
    }

    /**
     * Adds a row to send with the next {@link #execute()}.
     *
     * @param values one value per column, null for SQL NULL
     * @throws IllegalArgumentException if the count is not the columns'
     */
    void add(Object... values);

    /** @return the rows added and not sent yet */
    int pending();

    /**
     * Sends the rows added; forgets them whether or not that succeeds.
     *
     * @throws SQLException if the database refuses them
     */
    void execute() throws SQLException;

    /** Forgets the rows added and not sent. */
    void clear();

    @Override
    void close() throws SQLException;
}
