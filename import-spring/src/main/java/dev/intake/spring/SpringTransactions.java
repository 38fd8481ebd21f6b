package dev.intake.spring;

import dev.intake.spi.TransactionBoundary;
import java.util.Objects;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Intake's {@link TransactionBoundary} over Spring's transaction manager: an import's units of
 * writes run in Spring transactions (joining one already open, as {@code @Transactional} code
 * would), and a row's savepoint is a nested transaction, which a JDBC transaction manager makes a
 * JDBC savepoint. Repositories that take their connection from Spring
 * ({@code DataSourceUtils}, {@code JdbcTemplate}) write inside them.
 */
public final class SpringTransactions implements TransactionBoundary {
    private static final TransactionDefinition REQUIRED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRED);
    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;

    /**
     * A boundary over a transaction manager.
     *
     * @param transactions the manager; nested transactions (savepoints) must be allowed, as they are
     *     for {@code DataSourceTransactionManager}
     */
    public SpringTransactions(PlatformTransactionManager transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions must not be null");
    }

    @Override
    public <T> T inTransaction(Work<T> work) throws Exception {
        return run(REQUIRED, work);
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public <T> T inSavepoint(Work<T> work) throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a savepoint needs an open transaction");
        }
        return run(NESTED, work);
    }

    private <T> T run(TransactionDefinition definition, Work<T> work) throws Exception {
        TransactionStatus status = transactions.getTransaction(definition);
        T result;
        try {
            result = work.run();
        } catch (Exception | Error e) {
            if (!status.isCompleted()) {
                try {
                    transactions.rollback(status);
                } catch (RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        }
        transactions.commit(status);
        return result;
    }
}
