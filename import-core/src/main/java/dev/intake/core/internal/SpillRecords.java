package dev.intake.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An append-only file of records, each read back by the offset its append returned: a row and a
 * value's bytes, as the engine spills them. Appends go through a buffer; a record still in it is
 * read from it. The file is unlinked once open where the system allows it. Used by one thread.
 */
final class SpillRecords implements AutoCloseable {
    private static final int WRITE_BUFFER = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer writes = ByteBuffer.allocate(WRITE_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer reads = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    private long flushed;

    /**
     * @param file the file to make; it must not exist
     * @throws IOException if it cannot be made
     */
    SpillRecords(Path file) throws IOException {
        this.file = file;
        this.channel = SpillFiles.open(file);
    }

    /** @return the bytes written so far, the buffer's included */
    long bytes() {
        return flushed + writes.position();
    }

    /**
     * Appends a record: a number, then the first {@code length} bytes of {@code value}.
     *
     * @return the record's offset
     */
    long append(long number, byte[] value, int length) {
        long at = flushed + writes.position();
        if (writes.remaining() < 12 + length) {
            flush();
        }
        if (writes.remaining() < 12 + length) {
            ByteBuffer one = ByteBuffer.allocate(12 + length).order(ByteOrder.LITTLE_ENDIAN);
            one.putLong(number).putInt(length).put(value, 0, length).flip();
            writeFully(one, flushed);
            flushed += 12 + length;
            return at;
        }
        writes.putLong(number).putInt(length).put(value, 0, length);
        return at;
    }

    /**
     * Reads the record at an offset into a buffer whose position 0 holds its number, 8 its length
     * and 12 on its bytes; valid until the next call.
     *
     * @param limit read at most this many of the value's bytes (a caller comparing a value of this
     *     length needs no more)
     * @return the buffer, or null when the file ends before the record does
     */
    ByteBuffer read(long record, int limit) {
        if (record >= flushed) {
            ByteBuffer view = writes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            view.position((int) (record - flushed));
            return view.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer head = fill(record, 12);
        if (head == null) {
            return null;
        }
        int length = Math.min(head.getInt(8), limit);
        return fill(record, 12 + length);
    }

    private ByteBuffer fill(long record, int size) {
        if (reads.capacity() < size) {
            reads = ByteBuffer.allocate(Math.max(reads.capacity() * 2, size)).order(ByteOrder.LITTLE_ENDIAN);
        }
        reads.clear().limit(size);
        try {
            long at = record;
            while (reads.hasRemaining()) {
                int read = channel.read(reads, at);
                if (read < 0) {
                    return null;
                }
                at += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return reads;
    }

    private void flush() {
        writes.flip();
        writeFully(writes, flushed);
        flushed += writes.limit();
        writes.clear();
    }

    private void writeFully(ByteBuffer buffer, long position) {
        try {
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the directory is removed by the owner whatever the channel says
        }
    }
}
