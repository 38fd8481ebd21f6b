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
    /** Writes a list's record: its count, then per value a tag (0 for null) and two counted runs of bytes. */
    private final KeyIndex.Encoder record = new KeyIndex.Encoder();

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
        record.clear();
        record.int64(values.length);
        for (Object value : values) {
            if (value == null) {
                record.tag(0);
                continue;
            }
            byte[] encoded = encoder.encode(value);
            if (encoded == null) {
                return -1;
            }
            record.tag(1);
            record.bytes(encoded, encoder.length);
            byte[] shown = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
            record.bytes(shown, shown.length);
        }
        return records.append(0, record.buffer(), record.length);
    }

    /** @return the list appended at the offset, each value as an {@link KeyIndex.Encoded} */
    public Object[] read(long offset) {
        ByteBuffer read = records.read(offset, Integer.MAX_VALUE);
        if (read == null) {
            throw new IllegalStateException("no values at offset " + offset + " of " + directory);
        }
        int at = 12;
        Object[] values = new Object[Math.toIntExact(read.getLong(at))];
        at += 8;
        for (int i = 0; i < values.length; i++) {
            if (read.get(at++) == 0) {
                continue;
            }
            byte[] encoded = new byte[Math.toIntExact(read.getLong(at))];
            read.get(at + 8, encoded);
            at += 8 + encoded.length;
            byte[] shown = new byte[Math.toIntExact(read.getLong(at))];
            read.get(at + 8, shown);
            at += 8 + shown.length;
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
}
