package dev.intake.examples.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission control for work whose memory grows with its request: each takes its share of a budget
 * of bytes before it starts and gives it back when it ends; work that finds no room within a short
 * wait is refused ({@code 503} with {@code Retry-After}) instead of running the heap out for
 * everyone. Thread-safe.
 */
public final class MemoryBudget {
    private static final int UNIT = 1024;

    private final Semaphore kilobytes;
    private final int total;
    private final Duration wait;

    /**
     * A budget.
     *
     * @param bytes the bytes that admitted work may hold at once
     * @param wait how long work waits for room before it is refused
     */
    public MemoryBudget(long bytes, Duration wait) {
        this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / UNIT));
        this.kilobytes = new Semaphore(total, true);
        this.wait = wait;
    }

    /**
     * A budget of a share of the heap this JVM may grow to.
     *
     * @param share e.g. 0.25 for a quarter
     * @param wait how long work waits for room
     * @return the budget
     */
    public static MemoryBudget ofHeap(double share, Duration wait) {
        return new MemoryBudget((long) (Runtime.getRuntime().maxMemory() * share), wait);
    }

    /** A share taken; closing gives it back. */
    public final class Share implements AutoCloseable {
        private final int taken;
        private boolean closed;

        private Share(int taken) {
            this.taken = taken;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                kilobytes.release(taken);
            }
        }
    }

    /**
     * Takes a share, waiting for room up to the budget's wait. A request larger than the whole
     * budget takes the whole budget (it runs alone).
     *
     * @param bytes the memory the work may hold
     * @return the share, or null when there was no room in time
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public Share take(long bytes) throws InterruptedException {
        int needed = (int) Math.max(1, Math.min(total, (bytes + UNIT - 1) / UNIT));
        return kilobytes.tryAcquire(needed, wait.toMillis(), TimeUnit.MILLISECONDS) ? new Share(needed) : null;
    }

    /** @return how long a refused client should wait before trying again */
    public Duration retryAfter() {
        return wait.multipliedBy(2).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait.multipliedBy(2);
    }
}
