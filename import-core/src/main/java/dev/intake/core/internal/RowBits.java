package dev.intake.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A bit per row (the rows that failed, the rows written): a {@link BitSet} up to a number of rows,
 * beyond it a file mapped into memory outside the Java heap, a segment of 2<sup>26</sup> rows (8 MB)
 * at a time, so that the heap an import needs does not grow with its rows. The file is unlinked
 * once open where the system allows it. Used by one thread at a time; rows are not negative.
 */
public final class RowBits implements AutoCloseable {
    private static final int SEGMENT_SHIFT = 26;
    private static final long SEGMENT_BITS = 1L << SEGMENT_SHIFT;

    private final String name;
    private final long memoryRows;
    private BitSet memory = new BitSet();
    private Path directory;
    private FileChannel channel;
    private MappedByteBuffer[] segments = new MappedByteBuffer[0];

    /**
     * @param name what the bits are of, for the file's name
     * @param memoryRows the rows kept in memory; a row past them moves the bits to a file
     */
    public RowBits(String name, long memoryRows) {
        this.name = name;
        this.memoryRows = memoryRows;
    }

    /** Sets the bit of a row. */
    public void set(long row) {
        if (row < 0) {
            throw new IllegalArgumentException("rows are not negative: " + row);
        }
        if (memory != null) {
            if (row < memoryRows) {
                memory.set(Math.toIntExact(row));
                return;
            }
            spill();
        }
        MappedByteBuffer segment = segment(row, true);
        int word = (int) ((row & (SEGMENT_BITS - 1)) >>> 6) * 8;
        segment.putLong(word, segment.getLong(word) | 1L << (row & 63));
    }

    /** @return whether a row's bit is set */
    public boolean get(long row) {
        if (row < 0) {
            return false;
        }
        if (memory != null) {
            return row <= Integer.MAX_VALUE && memory.get((int) row);
        }
        MappedByteBuffer segment = segment(row, false);
        if (segment == null) {
            return false;
        }
        int word = (int) ((row & (SEGMENT_BITS - 1)) >>> 6) * 8;
        return (segment.getLong(word) & 1L << (row & 63)) != 0;
    }

    /** @return whether the bits have moved to a file */
    public boolean spilled() {
        return memory == null;
    }

    private void spill() {
        directory = SpillFiles.directory(name);
        try {
            channel = SpillFiles.open(directory.resolve("bits"));
        } catch (IOException e) {
            SpillFiles.remove(directory);
            throw new UncheckedIOException("cannot spill " + name + " to " + directory, e);
        }
        BitSet bits = memory;
        memory = null;
        for (int row = bits.nextSetBit(0); row >= 0; row = bits.nextSetBit(row + 1)) {
            set(row);
        }
    }

    private MappedByteBuffer segment(long row, boolean create) {
        int index = (int) (row >>> SEGMENT_SHIFT);
        if (index < segments.length && segments[index] != null) {
            return segments[index];
        }
        if (!create) {
            return null;
        }
        if (index >= segments.length) {
            segments = Arrays.copyOf(segments, index + 1);
        }
        try {
            MappedByteBuffer segment = channel.map(FileChannel.MapMode.READ_WRITE, index * SEGMENT_BITS / 8,
                    SEGMENT_BITS / 8);
            segment.order(ByteOrder.LITTLE_ENDIAN);
            segments[index] = segment;
            return segment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the bits of " + name + " in " + directory, e);
        }
    }

    /** Removes the file, if the bits spilled; the bits answer nothing after. */
    @Override
    public void close() {
        memory = new BitSet();
        segments = new MappedByteBuffer[0];
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the directory is removed below whatever the channel says
            }
            channel = null;
            SpillFiles.remove(directory);
        }
    }
}
