package dev.intake.spi.memory;

import dev.intake.spi.TransactionBoundary;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Transactions for the in-memory repositories: each repository registers how to undo what it did,
 * and a transaction that throws runs those undo actions in reverse order. A transaction started
 * inside another joins it; a savepoint undoes only its own changes. Thread-safe: each thread has its own current transaction.
 */
public final class InMemoryTransactions implements TransactionBoundary {
    private final ThreadLocal<Deque<Runnable>> current = new ThreadLocal<>();

    /** Creates a boundary with no transaction open. */
    public InMemoryTransactions() {
    }

    @Override
    public <T> T inTransaction(Work<T> work) throws Exception {
        Objects.requireNonNull(work, "work must not be null");
        if (current.get() != null) {
            return work.run();
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        current.set(undo);
        try {
            return work.run();
        } catch (Exception | Error e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        } finally {
            current.remove();
        }
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public <T> T inSavepoint(Work<T> work) throws Exception {
        Objects.requireNonNull(work, "work must not be null");
        Deque<Runnable> undo = current.get();
        if (undo == null) {
            throw new IllegalStateException("a savepoint needs an open transaction");
        }
        int mark = undo.size();
        try {
            return work.run();
        } catch (Exception | Error e) {
            while (undo.size() > mark) {
                undo.pop().run();
            }
            throw e;
        }
    }

    /**
     * Registers how to undo a change made in the current transaction; outside a transaction the
     * change stands and nothing is registered.
     *
     * @param action the undo action
     */
    public void onRollback(Runnable action) {
        Deque<Runnable> undo = current.get();
        if (undo != null) {
            undo.push(Objects.requireNonNull(action, "action must not be null"));
        }
    }
}
