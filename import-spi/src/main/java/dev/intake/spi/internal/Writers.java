package dev.intake.spi.internal;

import dev.intake.core.IntakeException;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.spi.ImportJournal;
import dev.intake.spi.WriterSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The writers of a per-row commit. With one, each chunk is written on the import's thread when it is
 * handed out. With several, each writer is a thread with a {@link WriterSession} of its own: chunks
 * are written as they are handed out, several at once, and committed in the order they were handed
 * out (file order), so that the rows committed are always the file's first chunks and the journal
 * stays a record of them in order. Two more rules keep that from deadlocking:
 * <ul>
 * <li>a chunk that joins a group an earlier chunk still being written may create starts once that
 * chunk is settled, so a group is created by the first chunk that writes a row joining it, as on one
 * thread, and a chunk never waits for a group a later one holds;
 * <li>a chunk that has waited for its turn to commit longer than the writers' patience (twice the
 * longest a chunk took to be written, at least a second) rolls back, waits for its turn out of its
 * transaction, and is written again: it may hold a lock that a chunk before it waits for.
 * </ul>
 * A writer that fails stops the import: the chunks after it roll back instead of committing, and
 * the ones before it commit, as they would have on one writer.
 *
 * @param <R> the host's record type
 */
final class Writers<R> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Failures.LOGGER);
    private static final long MIN_PATIENCE = TimeUnit.SECONDS.toNanos(1);

    /** Where a chunk stands in the order of commits. */
    interface Turn {
        /** The turn of the only writer: always now. */
        Turn NOW = new Turn() {
            @Override
            public boolean awaitInside() {
                return true;
            }

            @Override
            public void awaitOutside() {
            }
        };

        /**
         * Waits, inside the chunk's transaction, until every chunk before it is settled.
         *
         * @return true when it is the chunk's turn to commit; false when it waited too long, and is to
         *     roll back and {@link #awaitOutside}
         * @throws Stopped if the import stopped
         */
        boolean awaitInside();

        /**
         * Waits, out of any transaction, until every chunk before it is settled.
         *
         * @throws Stopped if the import stopped
         */
        void awaitOutside();
    }

    /** A writer before this one failed, or the import stopped: the chunk is not written. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the import stopped before this chunk's turn", null, false, false);
        }
    }

    /** A chunk handed to the writers. */
    private record Task<R>(long sequence, long after, List<CheckedRow<R>> rows, List<Journaled.Line> lines,
            CompletableFuture<ChunkWriter.Result> result) {
    }

    /** One writer: its chunk writer, the groups it finds and creates through, and its journal. */
    private record Writer<R>(ChunkWriter<R> chunks, Groups groups, ImportJournal journal) {
    }

    private static final Task<?> END = new Task<>(-1, -1, List.of(), List.of(), null);

    private final Journaled journal;
    private final Writer<R> inline;
    private final List<Thread> threads = new ArrayList<>();
    private final List<WriterSession<R>> sessions = new ArrayList<>();
    private final BlockingQueue<Task<R>> queue = new LinkedBlockingQueue<>();
    private final Sequencer sequencer = new Sequencer();
    /** The last chunk handed out that may create each group; the import's thread's. */
    private final Map<GroupKey, Long> claims = new HashMap<>();
    private final Groups groups;
    private long handedOut;

    private Writers(Journaled journal, Writer<R> inline, Groups groups) {
        this.journal = journal;
        this.inline = inline;
        this.groups = groups;
    }

    /**
     * The writers of a commit.
     *
     * @param parts the import's parts
     * @param journal the commit's journal, or null
     * @throws IntakeException if a writer's session cannot be opened (the ones opened are closed)
     */
    static <R> Writers<R> open(Parts<R> parts, Journaled journal) {
        if (parts.writers() <= 1) {
            return new Writers<>(journal, new Writer<>(parts.newChunkWriter(), parts.groups(), parts.journal()),
                    parts.groups());
        }
        Writers<R> writers = new Writers<>(journal, null, parts.groups());
        try {
            for (int i = 0; i < parts.writers(); i++) {
                WriterSession<R> session = parts.sessions().open();
                if (session == null) {
                    throw new IllegalStateException("the writer session factory returned null");
                }
                writers.sessions.add(session);
                if (!parts.pipeline().definition().groups().isEmpty() && session.groups() == null) {
                    throw new IllegalStateException("the definition has groups and a writer's session has no group"
                            + " repository");
                }
                if (journal != null && session.journal() == null) {
                    throw new IllegalStateException("the importer has a journal and a writer's session has none");
                }
                Groups sessionGroups = parts.groups().forWriter(session.groups(), session.transactions());
                Writer<R> writer = new Writer<>(parts.newChunkWriter(session, sessionGroups), sessionGroups,
                        session.journal());
                Thread thread = new Thread(() -> writers.work(writer), "intake-writer-" + (i + 1));
                thread.setDaemon(true);
                writers.threads.add(thread);
            }
        } catch (Exception e) {
            writers.close();
            throw new IntakeException("opening a writer's session failed: " + e, -1, null, e);
        }
        writers.threads.forEach(Thread::start);
        return writers;
    }

    /** @return how many chunks may be handed out and not yet taken back: twice the writers */
    int inFlight() {
        return inline != null ? 1 : 2 * threads.size();
    }

    /** A row of the file failed before this import resumed it (one writer only: row references). */
    void failedBefore(long row) {
        if (inline != null) {
            inline.chunks().failedBefore(row);
        }
    }

    /**
     * Hands a chunk out: with one writer it is written now; with several, as soon as a writer is free.
     *
     * @param rows the chunk's accepted rows, in file order; not changed afterwards
     * @param lines its lines in the journal, or empty
     * @return what the chunk comes to
     */
    CompletableFuture<ChunkWriter.Result> write(List<CheckedRow<R>> rows, List<Journaled.Line> lines) {
        if (inline != null) {
            return CompletableFuture.completedFuture(write(inline, Turn.NOW, rows, lines));
        }
        long sequence = handedOut++;
        long after = -1;
        for (CheckedRow<R> checked : rows) {
            for (GroupKey group : groups.keysOf(checked.row().orElseThrow())) {
                if (groups.known(group)) {
                    continue;
                }
                Long claimant = claims.put(group, sequence);
                if (claimant != null && claimant != sequence) {
                    after = Math.max(after, claimant);
                }
            }
        }
        Task<R> task = new Task<>(sequence, after, rows, lines, new CompletableFuture<>());
        queue.add(task);
        return task.result();
    }

    private ChunkWriter.Result write(Writer<R> writer, Turn turn, List<CheckedRow<R>> rows, List<Journaled.Line> lines) {
        ChunkWriter.Result result = journal == null ? writer.chunks().write(rows, null, turn)
                : writer.chunks().write(rows, (written, attempt, failed) -> journal.record(writer.journal(), lines,
                        attempt.written(), failed, writer.groups().outcomes(written, attempt)), turn);
        turn.awaitOutside();
        if (journal != null) {
            if (result.attempt() != null) {
                journal.committed();
            } else {
                journal.notCommitted(lines, result.failed());
            }
        }
        return result;
    }

    /** A writer's thread: takes chunks until the end. */
    private void work(Writer<R> writer) {
        while (true) {
            Task<R> task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                // Nothing here interrupts writers; if something does, it goes on with the chunks queued.
                continue;
            }
            if (task == END) {
                return;
            }
            try {
                long started = System.nanoTime();
                sequencer.await(task.sequence(), task.after() + 1);
                ChunkWriter.Result result = write(writer, new SequencedTurn(task.sequence(), started), task.rows(),
                        task.lines());
                sequencer.settled(task.sequence());
                task.result().complete(result);
            } catch (Throwable e) {
                sequencer.failed(task.sequence());
                task.result().completeExceptionally(e);
            }
        }
    }

    /** Ends the writers' threads, after their chunks, and closes their sessions. */
    @Override
    @SuppressWarnings("unchecked")
    public void close() {
        for (int i = 0; i < threads.size(); i++) {
            queue.add((Task<R>) END);
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (WriterSession<R> session : sessions) {
            try {
                session.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing a writer's session failed", e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The turn of a chunk written by one of several writers. */
    private final class SequencedTurn implements Turn {
        private final long sequence;
        private final long started;
        private boolean reached;

        SequencedTurn(long sequence, long started) {
            this.sequence = sequence;
            this.started = started;
        }

        @Override
        public boolean awaitInside() {
            if (reached) {
                return true;
            }
            sequencer.wrote(System.nanoTime() - started);
            if (sequencer.await(sequence, sequence, true)) {
                reached = true;
                return true;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "chunk " + sequence + " waited too long for its turn; it rolls"
                    + " back and is written again after it");
            return false;
        }

        @Override
        public void awaitOutside() {
            if (!reached) {
                sequencer.await(sequence, sequence);
                reached = true;
            }
        }
    }

    /**
     * Which chunks are settled (committed, or failed and journaled), in order, and from which chunk on
     * the import stopped.
     */
    private static final class Sequencer {
        private long settled;
        /** Chunks after this one are not to commit: a writer failed at it. */
        private long stoppedAfter = Long.MAX_VALUE;
        private long longestWrite;

        /**
         * Waits until the chunks before {@code until} are settled.
         *
         * @param chunk the chunk that waits
         * @throws Stopped if the import stopped before the chunk
         */
        synchronized void await(long chunk, long until) {
            await(chunk, until, false);
        }

        /**
         * Waits until the chunks before {@code until} are settled.
         *
         * @param chunk the chunk that waits
         * @param patient whether to give up after the writers' patience
         * @return false when it gave up
         * @throws Stopped if the import stopped before the chunk
         */
        synchronized boolean await(long chunk, long until, boolean patient) {
            long deadline = System.nanoTime() + Math.max(MIN_PATIENCE, 2 * longestWrite);
            while (settled < until && chunk <= stoppedAfter) {
                long left = patient ? deadline - System.nanoTime() : Long.MAX_VALUE;
                if (left <= 0) {
                    return false;
                }
                try {
                    if (patient) {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } else {
                        wait();
                    }
                } catch (InterruptedException e) {
                    // Nothing here interrupts writers; if something does, this chunk and those after it stop.
                    stoppedAfter = Math.min(stoppedAfter, chunk - 1);
                }
            }
            if (chunk > stoppedAfter) {
                throw new Stopped();
            }
            return true;
        }

        synchronized void wrote(long nanos) {
            longestWrite = Math.max(longestWrite, nanos);
        }

        synchronized void settled(long chunk) {
            if (chunk != settled) {
                throw new IllegalStateException("chunk " + chunk + " settled before chunk " + settled);
            }
            settled++;
            notifyAll();
        }

        /** A writer failed at a chunk: the chunks after it do not commit. */
        synchronized void failed(long chunk) {
            stoppedAfter = Math.min(stoppedAfter, chunk);
            notifyAll();
        }
    }
}
