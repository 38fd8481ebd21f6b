package dev.intake.core.result;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The written rows of a report, held compactly: row numbers in a {@code long[]}, ids and keys as
 * UTF-8 bytes with offsets. A million created rows take about 25 MB here instead of about 130 MB
 * as {@link WrittenRow} objects, which is what lets a million-row import run in a small heap. The
 * rows are made again when read. Appended to by the report builder only; unmodifiable once the
 * report is built.
 */
final class WrittenRows extends AbstractList<WrittenRow> implements RandomAccess {
    private long[] rowNumbers = new long[16];
    private int[] idEnds = new int[16];
    private int[] keyEnds = new int[16];
    private byte[] text = new byte[256];
    private int used;
    private int size;
    private boolean frozen;

    /** @return this list, unmodifiable from now on (the builder copies it before adding more) */
    WrittenRows freeze() {
        frozen = true;
        return this;
    }

    boolean frozen() {
        return frozen;
    }

    /** @return an unfrozen copy */
    WrittenRows copy() {
        WrittenRows copy = new WrittenRows();
        copy.rowNumbers = rowNumbers.clone();
        copy.idEnds = idEnds.clone();
        copy.keyEnds = keyEnds.clone();
        copy.text = text.clone();
        copy.used = used;
        copy.size = size;
        return copy;
    }

    void append(WrittenRow row) {
        if (frozen) {
            throw new IllegalStateException("a built report's rows do not change");
        }
        if (size == rowNumbers.length) {
            int capacity = size + (size >> 1);
            rowNumbers = Arrays.copyOf(rowNumbers, capacity);
            idEnds = Arrays.copyOf(idEnds, capacity);
            keyEnds = Arrays.copyOf(keyEnds, capacity);
        }
        rowNumbers[size] = row.rowNumber();
        idEnds[size] = append(row.id());
        keyEnds[size] = append(row.key());
        size++;
    }

    /** Appends a text; returns its end, or -1 - the previous end when absent. */
    private int append(Optional<String> value) {
        if (value.isEmpty()) {
            return -1 - used;
        }
        byte[] bytes = value.get().getBytes(StandardCharsets.UTF_8);
        if (used + bytes.length > text.length) {
            text = Arrays.copyOf(text, Math.max(used + bytes.length, text.length + (text.length >> 1)));
        }
        System.arraycopy(bytes, 0, text, used, bytes.length);
        used += bytes.length;
        return used;
    }

    @Override
    public WrittenRow get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        int idStart = index == 0 ? 0 : end(keyEnds[index - 1]);
        Optional<String> id = text(idStart, idEnds[index]);
        Optional<String> key = text(end(idEnds[index]), keyEnds[index]);
        return new WrittenRow(rowNumbers[index], id, key);
    }

    private static int end(int encoded) {
        return encoded < 0 ? -1 - encoded : encoded;
    }

    private Optional<String> text(int start, int encodedEnd) {
        return encodedEnd < 0 ? Optional.empty()
                : Optional.of(new String(text, start, encodedEnd - start, StandardCharsets.UTF_8));
    }

    @Override
    public int size() {
        return size;
    }
}
