package dev.intake.core.pipeline;

import dev.intake.core.IntakeException;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A source read on a thread of its own, a batch of rows ahead of the rows handed out: parsing (CSV
 * fields, XLSX XML) runs beside the checking instead of before it. The header is read on the
 * caller's thread; from the first {@link #next()} on, only the reading thread touches the source,
 * until {@link #close()} has stopped it, so a source still sees one thread at a time. What the source
 * throws comes out of {@code next()} after the rows before it, as it would have. Holds at most
 * {@value #BATCHES} batches, each of at most {@value #BATCH_ROWS} rows or of the rows that reach
 * {@value #BATCH_CHARACTERS} characters, so that a file of huge cells holds little more memory ahead
 * than one of small ones.
 */
final class ReadAhead implements RowSource {
    static final int BATCH_ROWS = 256;
    static final int BATCH_CHARACTERS = 1 << 20;
    static final int BATCHES = 4;

    /** Rows read together, then the end of the file, or what stopped the reading. */
    private record Batch(List<SourceRow> rows, boolean end, RuntimeException failure, Error error) {
    }

    private final RowSource source;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES);
    private volatile boolean stopped;
    private Thread reader;
    private Iterator<SourceRow> current = List.<SourceRow>of().iterator();
    private Batch last;
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
        while (!current.hasNext()) {
            if (last != null) {
                if (last.failure() != null) {
                    throw last.failure();
                }
                if (last.error() != null) {
                    throw last.error();
                }
                return Optional.empty();
            }
            Batch batch = take();
            current = batch.rows().iterator();
            if (batch.end() || batch.failure() != null || batch.error() != null) {
                last = batch;
            }
        }
        return Optional.of(current.next());
    }

    private Batch take() {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeException("interrupted while waiting for rows of the file", -1, null, e);
        }
    }

    /** The reading thread: batches until the end, a failure, or {@link #close()}. */
    private void read() {
        while (!stopped) {
            List<SourceRow> rows = new ArrayList<>(BATCH_ROWS);
            Batch batch;
            try {
                Optional<SourceRow> row = Optional.empty();
                long characters = 0;
                while (rows.size() < BATCH_ROWS && characters < BATCH_CHARACTERS && (row = source.next()).isPresent()) {
                    rows.add(row.get());
                    for (String cell : row.get().cells()) {
                        characters += cell.length();
                    }
                }
                // a full batch stops at a row read (present); the end of the file at an empty read
                batch = new Batch(rows, row.isEmpty(), null, null);
            } catch (RuntimeException e) {
                batch = new Batch(rows, true, e, null);
            } catch (Error e) {
                batch = new Batch(rows, true, null, e);
            }
            if (!hand(batch) || batch.end()) {
                return;
            }
        }
    }

    /** Queues a batch; false when the reading was stopped first. */
    private boolean hand(Batch batch) {
        try {
            while (!stopped) {
                if (batches.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public boolean mayBeTemplate() {
        return source.mayBeTemplate();
    }

    @Override
    public boolean skipsBlankRows() {
        return source.skipsBlankRows();
    }

    /** Stops the reading thread, waits for it to let go of the source, then closes the source. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopped = true;
        if (reader != null) {
            batches.clear();
            boolean interrupted = false;
            while (reader.isAlive()) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        source.close();
    }
}
