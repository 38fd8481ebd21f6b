package dev.intake.examples.jdbc;

import java.sql.SQLException;

/**
 * Rows inserted into one table together ({@link MultiRowInsert}; the benchmarks also have a
 * PostgreSQL {@code COPY}). Rows are added, then sent by {@link #execute()}; nothing is read back, so
 * ids must be given (see {@link Sequences}). Used by one thread.
 */
public interface RowInsert extends AutoCloseable {
    /**
     * Adds a row to send with the next {@link #execute()}.
     *
     * @param values one value per column, null for SQL NULL
     * @throws IllegalArgumentException if the count is not the columns'
     */
    void add(Object... values);

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
