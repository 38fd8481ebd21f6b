package dev.intake.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The first row of each value a file gives in a column (or list of columns): what the engine
 * remembers per row to name a repeated key's first row and to find the row another row refers to.
 *
 * <p>Values are held in memory up to a bound ({@code Limits.maxKeysInMemory}); the value that would
 * pass it moves every value to temporary files, a hash table of fixed-size slots mapped into memory
 * outside the Java heap and an append-only file of the values' bytes, so that the heap an import
 * needs does not grow with its rows. The answers are the same either way: values are written in an
 * encoding that is equal exactly when the values are {@linkplain Object#equals equal}, and a slot
 * whose hash matches is confirmed against the value's bytes. Values of a type the encoding does not
 * know (a host's own class) stay in memory.
 *
 * <p>The files live in a directory of their own under {@link SpillFiles#root()}; they are unlinked
 * as soon as they are open where the system allows it (so even a killed process leaves nothing
 * behind), else removed by {@link #close()}, and at the latest by the next index created after a
 * kill. Used by one thread at a time. Rows are positive.
 */
public final class KeyIndex implements AutoCloseable {
    /**
     * A value whose equality is that of another, canonical value, which the index writes in its
     * place: a text compared by a comparison key, for one.
     */
    public interface Canonical {
        /** @return the value this one is equal to others by */
        Object canonical();
    }

    /**
     * A value already in the index's encoding (as {@link SpilledValues} gives values back): a
     * spilled index finds it as it finds the value it was encoded from. An index still in memory
     * refuses it.
     */
    public interface Encoded {
        /** @return the value's bytes in the index's encoding */
        byte[] encoded();
    }

    private final int memoryBound;
    private final String name;
    private HashMap<Object, Long> memory = new HashMap<>();
    /** Values of types the encoding does not know, once the rest has spilled. */
    private HashMap<Object, Long> unencodable;
    private DiskTable disk;
    private final Encoder encoder = new Encoder();

    /**
     * @param name what the index is of, for its files' names and for errors
     * @param memoryBound most values held in memory before they spill to files, 0 to spill at once
     */
    public KeyIndex(String name, int memoryBound) {
        if (memoryBound < 0) {
            throw new IllegalArgumentException("memoryBound must not be negative: " + memoryBound);
        }
        this.name = name;
        this.memoryBound = memoryBound;
    }

    /**
     * Records {@code row} as the first row of {@code value} unless a row was recorded for it.
     *
     * @return the first row recorded for the value, or 0 when there was none and {@code row} now is
     */
    public long putIfAbsent(Object value, long row) {
        if (row < 1) {
            throw new IllegalArgumentException("rows are positive: " + row);
        }
        if (disk == null) {
            Long first = memory.putIfAbsent(value, row);
            if (first != null) {
                return first;
            }
            if (memory.size() > memoryBound) {
                spill();
            }
            return 0;
        }
        byte[] bytes = encoder.encode(value);
        if (bytes == null) {
            Long first = unencodable().putIfAbsent(value, row);
            return first == null ? 0 : first;
        }
        return disk.putIfAbsent(bytes, encoder.length, row);
    }

    /** @return the first row recorded for the value, or 0 when there is none */
    public long get(Object value) {
        if (disk == null) {
            if (value instanceof Encoded) {
                throw new IllegalStateException("an encoded value is looked up in an index that has not spilled");
            }
            Long first = memory.get(value);
            return first == null ? 0 : first;
        }
        byte[] bytes = encoder.encode(value);
        if (bytes == null) {
            Long first = unencodable == null ? null : unencodable.get(value);
            return first == null ? 0 : first;
        }
        return disk.get(bytes, encoder.length);
    }

    /** @return whether the values have moved to files */
    public boolean spilled() {
        return disk != null;
    }

    /** @return the bytes the index's files take on disk, 0 when it has not spilled */
    public long diskBytes() {
        return disk == null ? 0 : disk.bytes();
    }

    /** @return how many values are recorded */
    public long size() {
        if (disk == null) {
            return memory.size();
        }
        return disk.size + (unencodable == null ? 0 : unencodable.size());
    }

    /** Removes the index's files; the index answers nothing after. */
    @Override
    public void close() {
        memory = new HashMap<>();
        unencodable = null;
        if (disk != null) {
            DiskTable closing = disk;
            disk = null;
            closing.close();
        }
    }

    private HashMap<Object, Long> unencodable() {
        if (unencodable == null) {
            unencodable = new HashMap<>();
        }
        return unencodable;
    }

    private void spill() {
        DiskTable table = new DiskTable(name, Math.max(16, memory.size() * 4L));
        try {
            for (Map.Entry<Object, Long> entry : memory.entrySet()) {
                byte[] bytes = encoder.encode(entry.getKey());
                if (bytes == null) {
                    unencodable().put(entry.getKey(), entry.getValue());
                } else {
                    table.putIfAbsent(bytes, encoder.length, entry.getValue());
                }
            }
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
        disk = table;
        memory = null;
    }

    /**
     * Writes a value in bytes that are equal exactly when the values are equal: each kind with a tag
     * of its own, since a {@code Long} 1 is not equal to an {@code Integer} 1. Its tags, numbers and
     * length-prefixed bytes also write {@link SpilledValues}' records.
     */
    static final class Encoder {
        private byte[] buffer = new byte[64];
        int length;

        /** @return the buffer holding the value's bytes in its first {@link #length}, or null if unknown */
        byte[] encode(Object value) {
            length = 0;
            return write(value) ? buffer : null;
        }

        /** Starts writing anew; the bytes are then in the first {@link #length} of {@link #buffer()}. */
        void clear() {
            length = 0;
        }

        /** @return the buffer written to */
        byte[] buffer() {
            return buffer;
        }

        private boolean write(Object value) {
            if (value instanceof Encoded encoded) {
                byte[] bytes = encoded.encoded();
                raw(bytes, bytes.length);
            } else if (value instanceof String text) {
                tag(1);
                text(text);
            } else if (value instanceof Long number) {
                tag(2);
                int64(number);
            } else if (value instanceof Integer number) {
                tag(3);
                int64(number);
            } else if (value instanceof BigDecimal number) {
                tag(4);
                int64(number.scale());
                bytes(number.unscaledValue().toByteArray());
            } else if (value instanceof BigInteger number) {
                tag(5);
                bytes(number.toByteArray());
            } else if (value instanceof Boolean bool) {
                tag(bool ? 6 : 7);
            } else if (value instanceof Canonical canonical) {
                tag(8);
                return write(canonical.canonical());
            } else if (value instanceof List<?> list) {
                tag(9);
                int64(list.size());
                for (Object element : list) {
                    if (element == null) {
                        tag(0);
                    } else if (!write(element)) {
                        return false;
                    }
                }
            } else if (value instanceof Enum<?> constant) {
                tag(10);
                text(constant.getDeclaringClass().getName());
                text(constant.name());
            } else if (value instanceof Short || value instanceof Byte || value instanceof Character) {
                tag(11);
                text(value.getClass().getName());
                int64(value instanceof Character c ? c : ((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Float) {
                // Double.equals compares the bits
                tag(12);
                text(value.getClass().getName());
                int64(Double.doubleToLongBits(((Number) value).doubleValue()));
            } else if (value instanceof UUID || value instanceof TemporalAccessor && isJavaTime(value)) {
                // java.time's values and UUIDs print every field their equals compares
                tag(13);
                text(value.getClass().getName());
                text(value.toString());
            } else {
                return false;
            }
            return true;
        }

        private static boolean isJavaTime(Object value) {
            return value.getClass().getName().startsWith("java.time.");
        }

        void tag(int tag) {
            ensure(1);
            buffer[length++] = (byte) tag;
        }

        void int64(long value) {
            ensure(8);
            LONGS.set(buffer, length, value);
            length += 8;
        }

        private void text(String text) {
            bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        private void bytes(byte[] bytes) {
            bytes(bytes, bytes.length);
        }

        /** Writes the first {@code count} of {@code bytes}, after their count. */
        void bytes(byte[] bytes, int count) {
            int64(count);
            raw(bytes, count);
        }

        private void raw(byte[] bytes, int count) {
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Open addressing with linear probing over slots of 16 bytes in files mapped into memory: the
     * value's 64-bit hash (seeded per table, so that a file cannot be made of colliding values) and
     * one more than the offset of its record in the records file ({@code 0}: an empty slot). A
     * record is the row (8 bytes), the value's length (4) and its bytes. The table doubles past half
     * full, rebuilt from the slots alone.
     */
    private static final class DiskTable {
        private static final int SLOT = 16;
        /** Slots per mapped segment: 2^26 slots, 1 GiB. */
        private static final int SEGMENT_SHIFT = 26;

        private final Path directory;
        private final long seed = ThreadLocalRandom.current().nextLong();
        private MappedByteBuffer[] segments;
        private long capacity;
        private long mask;
        long size;
        private int generation;
        private final SpillRecords records;
        private Path slotsFile;

        DiskTable(String name, long minimumCapacity) {
            this.directory = SpillFiles.directory(name);
            try {
                records = new SpillRecords(directory.resolve("records"));
                mapSlots(Long.highestOneBit(minimumCapacity - 1) << 1);
            } catch (IOException | RuntimeException e) {
                SpillFiles.remove(directory);
                throw e instanceof IOException io ? new UncheckedIOException("cannot spill " + name + " to "
                        + directory, io) : (RuntimeException) e;
            }
        }

        private void mapSlots(long slots) throws IOException {
            Path file = directory.resolve("slots-" + generation++);
            long segmentSlots = Math.min(slots, 1L << SEGMENT_SHIFT);
            MappedByteBuffer[] mapped = new MappedByteBuffer[Math.toIntExact(slots / segmentSlots)];
            try (FileChannel channel = SpillFiles.open(file)) {
                channel.truncate(slots * SLOT);
                for (int i = 0; i < mapped.length; i++) {
                    mapped[i] = channel.map(FileChannel.MapMode.READ_WRITE, i * segmentSlots * SLOT,
                            segmentSlots * SLOT);
                    mapped[i].order(ByteOrder.LITTLE_ENDIAN);
                }
            }
            Path previous = slotsFile;
            segments = mapped;
            capacity = slots;
            mask = slots - 1;
            slotsFile = file;
            if (previous != null) {
                // where the system refused to unlink it, it is still mapped: it goes with the directory
                SpillFiles.unlinkIfAllowed(previous);
            }
        }

        long bytes() {
            return capacity * SLOT + records.bytes();
        }

        long putIfAbsent(byte[] value, int length, long row) {
            return probe(value, length, row);
        }

        long get(byte[] value, int length) {
            return probe(value, length, 0);
        }

        /**
         * Finds a value's first row; when it has none and {@code row} is not 0, records {@code row}.
         *
         * @return the value's first row, or 0 when it had none
         */
        private long probe(byte[] value, int length, long row) {
            long hash = hash(value, length);
            long slot = hash & mask;
            while (true) {
                long offset = offset(slot);
                if (offset == 0) {
                    if (row != 0) {
                        long record = records.append(row, value, length);
                        write(slot, hash, record + 1);
                        if (++size * 2 > capacity) {
                            grow();
                        }
                    }
                    return 0;
                }
                if (hash(slot) == hash) {
                    long first = rowIfEqual(offset - 1, value, length);
                    if (first != 0) {
                        return first;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }

        private long hash(long slot) {
            return hash(segments, slot);
        }

        private long offset(long slot) {
            return offset(segments, slot);
        }

        /** A slot's hash in a table's segments (each of 2^26 slots but for a table smaller than one). */
        private static long hash(MappedByteBuffer[] table, long slot) {
            return table[(int) (slot >>> SEGMENT_SHIFT)].getLong(position(slot));
        }

        private static long offset(MappedByteBuffer[] table, long slot) {
            return table[(int) (slot >>> SEGMENT_SHIFT)].getLong(position(slot) + 8);
        }

        private void write(long slot, long hash, long offset) {
            MappedByteBuffer segment = segments[(int) (slot >>> SEGMENT_SHIFT)];
            int position = position(slot);
            segment.putLong(position, hash);
            segment.putLong(position + 8, offset);
        }

        private static int position(long slot) {
            return (int) (slot & ((1L << SEGMENT_SHIFT) - 1)) * SLOT;
        }

        private void grow() {
            MappedByteBuffer[] old = segments;
            long oldCapacity = capacity;
            try {
                mapSlots(capacity * 2);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot grow the spilled index in " + directory, e);
            }
            for (long slot = 0; slot < oldCapacity; slot++) {
                long offset = offset(old, slot);
                if (offset != 0) {
                    long hash = hash(old, slot);
                    long target = hash & mask;
                    while (offset(target) != 0) {
                        target = (target + 1) & mask;
                    }
                    write(target, hash, offset);
                }
            }
        }

        /** @return the record's row when its value is the given one, else 0 */
        private long rowIfEqual(long record, byte[] value, int length) {
            java.nio.ByteBuffer read = records.read(record, length);
            if (read == null || read.getInt(8) != length) {
                return 0;
            }
            for (int i = 0; i < length; i++) {
                if (read.get(12 + i) != value[i]) {
                    return 0;
                }
            }
            return read.getLong(0);
        }

        /** A seeded 64-bit hash: eight bytes at a time, mixed as MurmurHash3 finalizes. */
        private long hash(byte[] value, int length) {
            long h = seed ^ (length * 0x9E3779B97F4A7C15L);
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                h = Long.rotateLeft(h ^ mix((long) LONGS.get(value, i)), 27) * 5 + 0x52DCE729;
            }
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8) {
                tail |= (value[i] & 0xFFL) << shift;
            }
            return mix(h ^ mix(tail ^ 0x38495AB5L));
        }

        private static long mix(long k) {
            k ^= k >>> 33;
            k *= 0xFF51AFD7ED558CCDL;
            k ^= k >>> 33;
            k *= 0xC4CEB9FE1A85EC53L;
            k ^= k >>> 33;
            return k;
        }

        void close() {
            segments = null;
            records.close();
            SpillFiles.remove(directory);
        }
    }
}
