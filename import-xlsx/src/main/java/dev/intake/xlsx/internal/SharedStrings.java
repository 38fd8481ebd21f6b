package dev.intake.xlsx.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;

/**
 * The workbook's shared strings, held compactly: UTF-8 bytes and an offset per string, so a table of
 * a million short strings costs tens of megabytes less than a list of {@code String}s. The first
 * {@link #IN_MEMORY} bytes stay on the heap; a larger table goes on to a temporary file that is
 * unlinked as soon as it is open (nothing is left behind, whatever ends the process) and read back
 * by position, so a workbook of a few megabytes that unpacks to hundreds of megabytes of text costs
 * the heap no more than a small one. Its declared counts are never trusted for sizing.
 */
final class SharedStrings implements AutoCloseable {
    static final SharedStrings NONE = new SharedStrings(new byte[0], 0, new int[] {0}, 0, null);
    /** Bytes of text kept on the heap before the rest goes to a temporary file. */
    static final int IN_MEMORY = 8 << 20;

    private final byte[] bytes;
    private final int inMemory;
    private final int[] offsets;
    private final int size;
    private final FileChannel spill;

    private SharedStrings(byte[] bytes, int inMemory, int[] offsets, int size, FileChannel spill) {
        this.bytes = bytes;
        this.inMemory = inMemory;
        this.offsets = offsets;
        this.size = size;
        this.spill = spill;
    }

    int size() {
        return size;
    }

    /** @return whether part of the table is in a temporary file */
    boolean spilled() {
        return spill != null;
    }

    /**
     * @param index the index a cell gives
     * @return the string, or null when the index is not in the table
     * @throws UncheckedIOException if the temporary file cannot be read
     */
    String get(int index) {
        if (index < 0 || index >= size) {
            return null;
        }
        int start = offsets[index];
        int length = offsets[index + 1] - start;
        if (start + length <= inMemory) {
            return new String(bytes, start, length, StandardCharsets.UTF_8);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            long position = (long) start - inMemory;
            while (buffer.hasRemaining()) {
                if (spill.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("the shared strings' temporary file ends early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the shared strings' temporary file cannot be read", e);
        }
        return new String(buffer.array(), 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code sharedStrings.xml}: the text of each {@code si}, its runs joined, phonetic guides
     * left out.
     *
     * @param part the part, positioned at its start
     * @param maxCellLength longest string allowed (no cell can hold more)
     * @param maxBytes most UTF-8 bytes the table may hold, in memory and on disk together
     */
    static SharedStrings read(Part part, int maxCellLength, long maxBytes) throws Refusal {
        byte[] bytes = new byte[1 << 12];
        int[] offsets = new int[1 << 8];
        int size = 0;
        int used = 0;
        int inMemory = -1;
        FileChannel spill = null;
        ByteBuffer pending = null;
        StringBuilder text = new StringBuilder();
        try {
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
                if (spill == null && used + utf8.length > IN_MEMORY) {
                    inMemory = used;
                    spill = temporaryFile();
                    pending = ByteBuffer.allocate(1 << 16);
                }
                if (spill == null) {
                    if (used + utf8.length > bytes.length) {
                        bytes = Arrays.copyOf(bytes, Math.min(IN_MEMORY, Math.max(bytes.length * 2, used + utf8.length)));
                    }
                    System.arraycopy(utf8, 0, bytes, used, utf8.length);
                } else {
                    write(spill, pending, utf8);
                }
                used += utf8.length;
                if (size + 2 > offsets.length) {
                    offsets = Arrays.copyOf(offsets, offsets.length * 2);
                }
                offsets[++size] = used;
            }
            if (spill != null) {
                flush(spill, pending);
            }
        } catch (Refusal | RuntimeException | Error e) {
            closeQuietly(spill);
            throw e;
        } catch (IOException e) {
            closeQuietly(spill);
            throw Refusal.unreadable("the workbook's shared texts could not be set aside on disk: " + e.getMessage());
        }
        return new SharedStrings(bytes, inMemory < 0 ? used : inMemory, offsets, size, spill);
    }

    private static FileChannel temporaryFile() throws IOException {
        Path file = Files.createTempFile("intake-shared-strings-", ".bin");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        try {
            // gone from the directory at once where the system allows it: a killed process leaves nothing
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a system that keeps open files (Windows) deletes it on close instead
        }
        return channel;
    }

    private static void write(FileChannel channel, ByteBuffer pending, byte[] utf8) throws IOException {
        if (utf8.length > pending.remaining()) {
            flush(channel, pending);
        }
        if (utf8.length > pending.capacity()) {
            ByteBuffer whole = ByteBuffer.wrap(utf8);
            while (whole.hasRemaining()) {
                channel.write(whole);
            }
        } else {
            pending.put(utf8);
        }
    }

    private static void flush(FileChannel channel, ByteBuffer pending) throws IOException {
        pending.flip();
        while (pending.hasRemaining()) {
            channel.write(pending);
        }
        pending.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the file is unlinked already, or deleted on close
            }
        }
    }

    /** Closes the temporary file, if there is one. */
    @Override
    public void close() {
        closeQuietly(spill);
    }
}
