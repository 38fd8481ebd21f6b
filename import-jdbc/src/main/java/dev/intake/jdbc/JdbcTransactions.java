package dev.intake.jdbc;

import dev.intake.spi.TransactionBoundary;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;

/**
 * Transactions on one JDBC connection: auto-commit off, commit when the work returns, roll back when
 * it throws. Work started inside a transaction joins it; savepoints undo one row's writes. The
 * boundary for a host whose repositories and {@link JdbcImportJournal} write through one
 * connection (a pooled application passes its own boundary instead). Used by one thread at a time.
 */
public final class JdbcTransactions implements TransactionBoundary {
    private final Connection connection;
    private int depth;

    /**
     * Transactions on a connection; turns its auto-commit off.
     *
     * @param connection the connection
     * @throws SQLException if auto-commit cannot be turned off
     */
    public JdbcTransactions(Connection connection) throws SQLException {
        this.connection = Objects.requireNonNull(connection, "connection must not be null");
        connection.setAutoCommit(false);
    }

    @Override
    public <T> T inTransaction(Work<T> work) throws Exception {
        if (depth > 0) {
            return work.run();
        }
        depth++;
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (Exception | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                if (rollback != e) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        } finally {
            depth--;
        }
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public <T> T inSavepoint(Work<T> work) throws Exception {
        if (depth == 0) {
            throw new IllegalStateException("a savepoint needs an open transaction");
        }
        Savepoint savepoint = connection.setSavepoint();
        T result;
        try {
            result = work.run();
        } catch (Exception | Error e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                if (rollback != e) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        }
        connection.releaseSavepoint(savepoint);
        return result;
    }
}
