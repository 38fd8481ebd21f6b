package dev.intake.xlsx.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;

/**
 * The workbook's shared strings, held compactly: one UTF-8 byte array and an offset per string, so a
 * table of a million short strings costs tens of megabytes less than a list of {@code String}s. Its
 * declared counts are never trusted for sizing.
 */
final class SharedStrings {
    static final SharedStrings NONE = new SharedStrings(new byte[0], new int[] {0}, 0);

    private final byte[] bytes;
    private final int[] offsets;
    private final int size;

    private SharedStrings(byte[] bytes, int[] offsets, int size) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.size = size;
    }

    int size() {
        return size;
    }

    /**
     * @param index the index a cell gives
     * @return the string, or null when the index is not in the table
     */
    String get(int index) {
        if (index < 0 || index >= size) {
            return null;
        }
        return new String(bytes, offsets[index], offsets[index + 1] - offsets[index], StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code sharedStrings.xml}: the text of each {@code si}, its runs joined, phonetic guides
     * left out.
     *
     * @param part the part, positioned at its start
     * @param maxCellLength longest string allowed (no cell can hold more)
     * @param maxBytes most UTF-8 bytes the table may hold in memory
     */
    static SharedStrings read(Part part, int maxCellLength, long maxBytes) throws Refusal {
        byte[] bytes = new byte[1 << 12];
        int[] offsets = new int[1 << 8];
        int size = 0;
        int used = 0;
        StringBuilder text = new StringBuilder();
        for (int event = part.next(); event != XMLStreamConstants.END_DOCUMENT; event = part.next()) {
            if (event != XMLStreamConstants.START_ELEMENT || !"si".equals(part.localName())) {
                continue;
            }
            text.setLength(0);
            if (!StringItem.read(part, text, maxCellLength)) {
                throw Refusal.limit("shared text number " + size + " of the workbook is longer than "
                        + maxCellLength + " characters, more than any cell can hold");
            }
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            if ((long) used + utf8.length > maxBytes) {
                throw Refusal.limit("the workbook's shared texts are larger than " + maxBytes + " bytes");
            }
            if (used + utf8.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max((long) bytes.length * 2, (long) used + utf8.length)));
            }
            System.arraycopy(utf8, 0, bytes, used, utf8.length);
            used += utf8.length;
            if (size + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[++size] = used;
        }
        return new SharedStrings(bytes, offsets, size);
    }
}
