package dev.intake.examples.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where a host application's JDBC code gets its connection: the connection of the current
 * transaction when there is one, else one for the duration of the work. The command line has one
 * connection; the web host asks Spring for the transaction's.
 */
@FunctionalInterface
public interface Connections {

    /**
     * Work on a connection.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    interface Work<T> {
        /**
         * Runs the work.
         *
         * @param connection the connection; not to be closed by the work
         * @return the result
         * @throws SQLException if the database fails
         */
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work on a connection.
     *
     * @param work the work
     * @param <T> what it returns
     * @return what the work returned
     * @throws SQLException if the database fails
     */
    <T> T with(Work<T> work) throws SQLException;

    /**
     * Always the same connection, owned by the caller.
     *
     * @param connection the connection
     * @return the connections
     */
    static Connections of(Connection connection) {
        Objects.requireNonNull(connection, "connection must not be null");
        return new Connections() {
            @Override
            public <T> T with(Work<T> work) throws SQLException {
                return work.run(connection);
            }
        };
    }
}
