package dev.intake.core.pipeline;

import dev.intake.core.IntakeException;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A source read on a thread of its own, rows ahead of the rows handed out: parsing (CSV fields, XLSX
 * XML) runs beside the checking instead of before it. The header is read on the caller's thread;
 * from the first {@link #next()} on, only the reading thread reads the source, until {@link #close()}
 * has stopped it, so a source still sees one thread at a time. The caller takes all the rows read
 * so far at once; one that finds none waits for a batch of {@value #BATCH_ROWS}, but at most
 * {@value #BATCH_WAIT_NANOS} ns once a row is there, then takes what there is: when the reading is
 * the slower side the two threads meet once a batch rather than once a row (a wake-up through the
 * kernel each), and a row of a slow source waits a tenth of a millisecond at most. What the source
 * throws comes out of {@code next()} after the rows before it, as it would have. At most
 * {@value #MAX_ROWS} rows, or the rows that reach {@value #MAX_CHARACTERS} characters, wait to be
 * taken, so that a file of huge cells holds little more memory ahead than one of small ones.
 */
final class ReadAhead implements RowSource {
    static final int MAX_ROWS = 1024;
    static final long MAX_CHARACTERS = 4L << 20;
    static final long CLOSE_WAIT_MILLIS = 1_000;
    static final int BATCH_ROWS = 64;
    static final long BATCH_WAIT_NANOS = 100_000;

    private final RowSource source;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition room = lock.newCondition();
    /** Rows read and not taken yet, their characters, and how the reading ended: all under the lock. */
    private final ArrayDeque<SourceRow> read = new ArrayDeque<>();
    private long readCharacters;
    /** The rows the caller waits for before it takes them: 0 when it is not waiting. */
    private int waitingFor;
    private boolean ended;
    private RuntimeException failure;
    private Error error;
    private volatile boolean stopped;
    /** Rows taken by the caller and not handed out yet: the caller's alone. */
    private final ArrayDeque<SourceRow> taken = new ArrayDeque<>();
    private Thread reader;
    private boolean closed;

    ReadAhead(RowSource source) {
        this.source = source;
    }

    @Override
    public Optional<SourceRow> header() {
        if (reader != null) {
            throw new IllegalStateException("the header is read before the rows");
        }
        return source.header();
    }

    @Override
    public Optional<SourceRow> next() {
        if (closed) {
            throw new IllegalStateException("the source is closed");
        }
        if (reader == null) {
            reader = new Thread(this::read, "intake-read-ahead");
            reader.setDaemon(true);
            reader.start();
        }
        if (taken.isEmpty() && !take()) {
            if (failure != null) {
                throw failure;
            }
            if (error != null) {
                throw error;
            }
            return Optional.empty();
        }
        return Optional.of(taken.poll());
    }

    /** Takes every row read so far, waiting for one; false at the end of the reading. */
    private boolean take() {
        lock.lock();
        try {
            if (read.isEmpty() && !ended) {
                // The reading is the slower side: wait a moment for a batch of rows, rather than
                // both threads going through the kernel for every row.
                long left = BATCH_WAIT_NANOS;
                waitingFor = BATCH_ROWS;
                while (read.size() < BATCH_ROWS && readCharacters < MAX_CHARACTERS && !ended && left > 0) {
                    left = readable.awaitNanos(left);
                }
                waitingFor = 1;
                while (read.isEmpty() && !ended) {
                    readable.await();
                }
                waitingFor = 0;
            }
            if (read.isEmpty()) {
                return false;
            }
            taken.addAll(read);
            read.clear();
            readCharacters = 0;
            room.signal();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeException("interrupted while waiting for rows of the file", -1, null, e);
        } finally {
            lock.unlock();
        }
    }

    /** The reading thread: row after row until the end, a failure, or {@link #close()}. */
    private void read() {
        while (!stopped) {
            Optional<SourceRow> row;
            RuntimeException failed = null;
            Error erred = null;
            try {
                row = source.next();
            } catch (RuntimeException e) {
                row = Optional.empty();
                failed = e;
            } catch (Error e) {
                row = Optional.empty();
                erred = e;
            }
            lock.lock();
            try {
                if (row.isEmpty()) {
                    ended = true;
                    failure = failed;
                    error = erred;
                    readable.signal();
                    return;
                }
                while ((read.size() >= MAX_ROWS || readCharacters >= MAX_CHARACTERS) && !stopped) {
                    room.await();
                }
                if (stopped) {
                    return;
                }
                read.add(row.get());
                for (String cell : row.get().cells()) {
                    readCharacters += cell.length();
                }
                if (waitingFor > 0 && (read.size() >= waitingFor || readCharacters >= MAX_CHARACTERS)) {
                    readable.signal();
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public boolean mayBeTemplate() {
        return source.mayBeTemplate();
    }

    @Override
    public boolean skipsBlankRows() {
        return source.skipsBlankRows();
    }

    /**
     * Stops the reading thread, waits for it to let go of the source, then closes the source. A read
     * that does not return within {@value #CLOSE_WAIT_MILLIS} ms (an upload that stalled) is ended by
     * closing the source under it, the one time two threads touch a source.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopped = true;
        boolean sourceClosed = false;
        if (reader != null) {
            lock.lock();
            try {
                room.signalAll();
            } finally {
                lock.unlock();
            }
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
            while (reader.isAlive()) {
                try {
                    long left = deadline - System.nanoTime();
                    if (left > 0 || sourceClosed) {
                        reader.join(sourceClosed ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } else {
                        source.close();
                        sourceClosed = true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (!sourceClosed) {
            source.close();
        }
    }
}
