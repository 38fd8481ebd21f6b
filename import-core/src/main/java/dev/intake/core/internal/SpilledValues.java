package dev.intake.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Lists of values kept in a temporary file instead of the heap, each read back by the offset its
 * append returned: the values of rows held back for a later pass, once the indexes they are looked
 * up in have spilled. A value comes back as an {@link KeyIndex.Encoded}: a spilled {@link KeyIndex}
 * finds it as it finds the value, and it shows (its {@code toString()}) as the value did. Used by
 * one thread.
 */
public final class SpilledValues implements AutoCloseable {
    private final Path directory;
    private final SpillRecords records;
    private final KeyIndex.Encoder encoder = new KeyIndex.Encoder();
    private byte[] buffer = new byte[256];
    private int length;

    /** A value as a spilled index finds it and as messages show it. */
    private record Value(byte[] encoded, String shown) implements KeyIndex.Encoded {
        @Override
        public String toString() {
            return shown;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Value value && Arrays.equals(encoded, value.encoded);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(encoded);
        }
    }

    /**
     * @param name what the values are of, part of the directory's name
     * @throws UncheckedIOException if the file cannot be made
     */
    public SpilledValues(String name) {
        this.directory = SpillFiles.directory(name);
        try {
            this.records = new SpillRecords(directory.resolve("values"));
        } catch (IOException e) {
            SpillFiles.remove(directory);
            throw new UncheckedIOException("cannot spill " + name + " to " + directory, e);
        }
    }

    /**
     * Appends a list of values, nulls included.
     *
     * @return its offset, or -1 when a value is of a type the encoding does not know (keep the list in memory)
     */
    public long append(Object[] values) {
        length = 0;
        int32(values.length);
        for (Object value : values) {
            if (value == null) {
                put((byte) 0);
                continue;
            }
            byte[] encoded = encoder.encode(value);
            if (encoded == null) {
                return -1;
            }
            put((byte) 1);
            int32(encoder.length);
            put(encoded, encoder.length);
            byte[] shown = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
            int32(shown.length);
            put(shown, shown.length);
        }
        return records.append(0, buffer, length);
    }

    /** @return the list appended at the offset, each value as an {@link KeyIndex.Encoded} */
    public Object[] read(long offset) {
        ByteBuffer record = records.read(offset, Integer.MAX_VALUE);
        if (record == null) {
            throw new IllegalStateException("no values at offset " + offset + " of " + directory);
        }
        int at = 12;
        Object[] values = new Object[record.getInt(at)];
        at += 4;
        for (int i = 0; i < values.length; i++) {
            if (record.get(at++) == 0) {
                continue;
            }
            byte[] encoded = new byte[record.getInt(at)];
            at += 4;
            record.get(at, encoded);
            at += encoded.length;
            byte[] shown = new byte[record.getInt(at)];
            at += 4;
            record.get(at, shown);
            at += shown.length;
            values[i] = new Value(encoded, new String(shown, StandardCharsets.UTF_8));
        }
        return values;
    }

    /** @return the bytes the file takes */
    public long bytes() {
        return records.bytes();
    }

    /** Removes the file. */
    @Override
    public void close() {
        records.close();
        SpillFiles.remove(directory);
    }

    private void int32(int value) {
        ensure(4);
        // little-endian, as the records file reads numbers
        buffer[length++] = (byte) value;
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 24);
    }

    private void put(byte value) {
        ensure(1);
        buffer[length++] = value;
    }

    private void put(byte[] bytes, int count) {
        ensure(count);
        System.arraycopy(bytes, 0, buffer, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
