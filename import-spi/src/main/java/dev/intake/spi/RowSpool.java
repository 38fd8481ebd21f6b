package dev.intake.spi;

import dev.intake.core.internal.RowBits;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.ReportRows;
import dev.intake.core.result.ReportSink;
import dev.intake.core.result.WrittenRow;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every row of an import's report, kept in temporary files rather than the heap: give it to an
 * import as its sink ({@link RunOptions.Builder#sink}), then read the rows back for the whole report
 * JSON or an error report, as they are written. Failed rows come back sorted by row number (they are
 * spooled in the sorted runs an import emits them in, and merged). Memory holds one bit per row
 * number written and a small buffer per run of failed rows. Used by one thread; close it to delete
 * its files.
 *
 * <pre>{@code
 * try (RowSpool rows = RowSpool.create()) {
 *     ImportReport report = importer.run(source, RunOptions.commit().sink(rows).build());
 *     ReportJson.write(report, rows, System.out);
 *     CsvErrorReport.write(report, rows, source, definition, errors);
 * }
 * }</pre>
 */
public final class RowSpool implements ReportSink, ReportRows, AutoCloseable {
    private static final int RUN_BUFFER = 1024;

    private final Path directory;
    private final Spooled created;
    private final Spooled updated;
    private final Spooled failed;
    /** The rows written: a bit per row, in memory for the first 2^20 rows, beyond in a mapped file. */
    private final RowBits written = new RowBits("spool-written", 1L << 20);
    /** Where each sorted run of failed rows starts in its file. */
    private final List<Long> failedRuns = new ArrayList<>();
    private long lastFailedRow = -1;

    private RowSpool(Path directory) throws IOException {
        this.directory = directory;
        this.created = new Spooled(directory.resolve("created"));
        this.updated = new Spooled(directory.resolve("updated"));
        this.failed = new Spooled(directory.resolve("failed"));
    }

    /**
     * A spool in a new directory under the system's temporary directory.
     *
     * @return the spool
     * @throws IOException if its files cannot be created
     */
    public static RowSpool create() throws IOException {
        return new RowSpool(Files.createTempDirectory("intake-rows-"));
    }

    /**
     * A spool in a new directory under the given one.
     *
     * @param parent where to create the spool's directory
     * @return the spool
     * @throws IOException if its files cannot be created
     */
    public static RowSpool in(Path parent) throws IOException {
        return new RowSpool(Files.createTempDirectory(parent, "intake-rows-"));
    }

    /** One file of records, appended to, then read back. */
    private static final class Spooled {
        final Path file;
        final Counting counted;
        final DataOutputStream out;
        long count;

        Spooled(Path file) throws IOException {
            this.file = file;
            this.counted = new Counting(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
            this.out = new DataOutputStream(counted);
        }

        /** @return the file's length once what was written is flushed */
        long flush() {
            try {
                out.flush();
                return counted.bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Counts the bytes written through it, past 2 GB too (DataOutputStream.size() stops there). */
    private static final class Counting extends java.io.FilterOutputStream {
        long bytes;

        Counting(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            bytes += length;
        }
    }

    @Override
    public void created(WrittenRow row) {
        writeRow(created, row);
    }

    @Override
    public void updated(WrittenRow row) {
        writeRow(updated, row);
    }

    private void writeRow(Spooled spooled, WrittenRow row) {
        written.set(row.rowNumber());
        try {
            spooled.out.writeLong(row.rowNumber());
            text(spooled.out, row.id().orElse(null));
            text(spooled.out, row.key().orElse(null));
            text(spooled.out, row.matched().orElse(null));
            spooled.count++;
        } catch (IOException e) {
            throw new UncheckedIOException("the report's rows cannot be spooled: " + e.getMessage(), e);
        }
    }

    @Override
    public void failed(FailedRow row) {
        try {
            if (row.rowNumber() < lastFailedRow || failedRuns.isEmpty()) {
                failedRuns.add(position(failed));
            }
            lastFailedRow = row.rowNumber();
            DataOutputStream out = failed.out;
            out.writeLong(row.rowNumber());
            out.writeInt(row.errors().size());
            for (Problem problem : row.errors()) {
                text(out, problem.code().name());
                text(out, problem.column().orElse(null));
                text(out, problem.message());
            }
            failed.count++;
        } catch (IOException e) {
            throw new UncheckedIOException("the report's rows cannot be spooled: " + e.getMessage(), e);
        }
    }

    /** The file position of the next record: what has been written, flushed or not. */
    private static long position(Spooled spooled) {
        return spooled.counted.bytes;
    }

    @Override
    public Stream<WrittenRow> created() {
        return sequential(created, RowSpool::readRow);
    }

    @Override
    public Stream<WrittenRow> updated() {
        return sequential(updated, RowSpool::readRow);
    }

    @Override
    public Stream<FailedRow> failed() {
        if (failedRuns.size() <= 1) {
            return sequential(failed, RowSpool::readFailed);
        }
        long end = failed.flush();
        try {
            FileChannel channel = FileChannel.open(failed.file, StandardOpenOption.READ);
            PriorityQueue<Run> runs = new PriorityQueue<>(Comparator.comparingLong((Run run) -> run.head.rowNumber())
                    .thenComparingInt(run -> run.index));
            for (int i = 0; i < failedRuns.size(); i++) {
                long from = failedRuns.get(i);
                long to = i + 1 < failedRuns.size() ? failedRuns.get(i + 1) : end;
                Run run = new Run(i, new DataInputStream(new BufferedInputStream(new Slice(channel, from, to), RUN_BUFFER)));
                if (run.advance()) {
                    runs.add(run);
                }
            }
            Iterator<FailedRow> merged = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return !runs.isEmpty();
                }

                @Override
                public FailedRow next() {
                    Run run = runs.poll();
                    if (run == null) {
                        throw new NoSuchElementException();
                    }
                    FailedRow row = run.head;
                    if (run.advance()) {
                        runs.add(run);
                    }
                    return row;
                }
            };
            return stream(merged).onClose(() -> closeQuietly(channel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One sorted run of failed rows, read from its part of the file. */
    private static final class Run {
        final int index;
        final DataInputStream in;
        FailedRow head;

        Run(int index, DataInputStream in) {
            this.index = index;
            this.in = in;
        }

        boolean advance() {
            try {
                head = readFailed(in);
                return head != null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Part of a file as a stream, read with positional reads so that several can share a channel. */
    private static final class Slice extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        Slice(FileChannel channel, long from, long to) {
            this.channel = channel;
            this.position = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, end - position)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    @Override
    public boolean written(long rowNumber) {
        return written.get(rowNumber);
    }

    /** @return the rows spooled as created, updated and failed, in that order */
    public long[] counts() {
        return new long[] {created.count, updated.count, failed.count};
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private <T> Stream<T> sequential(Spooled spooled, Reader<T> reader) {
        spooled.flush();
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spooled.file), 64 * 1024));
            Iterator<T> rows = new Iterator<>() {
                private T next = read();

                private T read() {
                    try {
                        return reader.read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public T next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    T row = next;
                    next = read();
                    return row;
                }
            };
            return stream(rows).onClose(() -> closeQuietly(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Stream<T> stream(Iterator<T> rows) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    private static WrittenRow readRow(DataInputStream in) throws IOException {
        long rowNumber;
        try {
            rowNumber = in.readLong();
        } catch (EOFException end) {
            return null;
        }
        Optional<String> id = Optional.ofNullable(text(in));
        Optional<String> key = Optional.ofNullable(text(in));
        return new WrittenRow(rowNumber, id, key, Optional.ofNullable(text(in)));
    }

    private static FailedRow readFailed(DataInputStream in) throws IOException {
        long rowNumber;
        try {
            rowNumber = in.readLong();
        } catch (EOFException end) {
            return null;
        }
        int count = in.readInt();
        List<Problem> problems = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ProblemCode code = ProblemCode.valueOf(text(in));
            problems.add(new Problem(code, Optional.ofNullable(text(in)), text(in)));
        }
        return new FailedRow(rowNumber, problems);
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // reading is over; nothing to keep
        }
    }

    /** Deletes the spool's files. */
    @Override
    public void close() {
        written.close();
        for (Spooled spooled : List.of(created, updated, failed)) {
            closeQuietly(spooled.out);
            try {
                Files.deleteIfExists(spooled.file);
            } catch (IOException e) {
                // a temporary file left behind is the system's to clean
            }
        }
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // as above
        }
    }
}
