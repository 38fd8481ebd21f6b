package dev.intake.spi.internal;

/**
 * Thrown by the engine inside the host's transaction or savepoint to have it rolled back: a
 * {@link dev.intake.spi.TransactionBoundary} undoes work that throws. What went wrong is recorded
 * before it is thrown (in an {@link Attempt}, or by the strategy), and the code that throws it
 * always catches it; it never leaves the engine.
 */
final class Undo extends Exception {
    private static final long serialVersionUID = 1L;

    /** Undo, with nothing more to say: the reason is recorded elsewhere. */
    static final Undo ROLL_BACK = new Undo("rolled back by the import");

    /**
     * Undo, to wait for the chunk's turn to commit out of the transaction (it waited inside too
     * long: it may hold a lock a chunk before it waits for), then write the chunk again.
     */
    static final Undo YIELD = new Undo("rolled back to wait for its turn");

    private Undo(String reason) {
        super(reason, null, false, false);
    }

    /**
     * @param reason what the application log should say
     * @return an undo with a reason
     */
    static Undo because(String reason) {
        return new Undo(reason);
    }
}
