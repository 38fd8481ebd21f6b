package dev.intake.csv.internal;

import dev.intake.core.Limits;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Optional;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Reads CSV records as rows: bounded bytes, strict decoding, byte-order marks, delimiter detection,
 * and every failure turned into a file-level problem that names the line.
 */
public final class CsvRowSource implements RowSource {
    private static final int SNIFF_BYTES = 4096;
    private static final int SNIFF_CHARS = 65_536;
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    private final InputStream raw;
    private final Charset declared;
    private final Optional<Character> delimiter;
    private final Limits limits;
    private InputStream stream;
    private CsvRecords records;
    private Charset charset;
    private boolean headerRead;

    private CsvRowSource(InputStream raw, Charset declared, Optional<Character> delimiter, Limits limits) {
        this.raw = raw;
        this.stream = raw;
        this.declared = declared;
        this.delimiter = delimiter;
        this.limits = limits;
    }

    /**
     * Wraps a CSV stream; nothing is read until the header is.
     *
     * @param raw the bytes; closed by the source
     * @param declared the charset of files without a byte-order mark
     * @param delimiter the delimiter, or empty to detect it
     * @param limits the limits to enforce while reading
     * @return the row source
     */
    public static CsvRowSource open(InputStream raw, Charset declared, Optional<Character> delimiter, Limits limits) {
        return new CsvRowSource(raw, declared, delimiter, limits);
    }

    /** Detects the encoding and the delimiter and starts the parser; reads at most the first line. */
    private void start() {
        try {
            long maxBytes = limits.maxBytes();
            InputStream bounded = BoundedInputStream.builder()
                    .setInputStream(raw)
                    .setMaxCount(maxBytes == Long.MAX_VALUE ? maxBytes : maxBytes + 1)
                    .setPropagateClose(true)
                    .setOnMaxCount((max, count) -> {
                        throw new CsvRecords.LimitException("the file is larger than " + maxBytes + " bytes");
                    })
                    .get();
            BOMInputStream bom = BOMInputStream.builder()
                    .setInputStream(bounded)
                    .setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_32LE, ByteOrderMark.UTF_32BE,
                            ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE)
                    .setInclude(false)
                    .get();
            stream = bom;
            charset = bom.hasBOM() ? Charset.forName(bom.getBOMCharsetName()) : declared;
            BufferedInputStream buffered = new BufferedInputStream(bom, SNIFF_BYTES * 2);
            if (!bom.hasBOM()) {
                rejectUtf16WithoutBom(buffered);
            }
            // Bad bytes become U+FFFD, which the reader refuses with the exact line: a decoder that
            // reports errors itself would report them a buffer ahead of the line being parsed.
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith("\uFFFD");
            BufferedReader reader = new BufferedReader(new InputStreamReader(buffered, decoder), SNIFF_CHARS);
            char separator = delimiter.isPresent() ? delimiter.get() : detect(reader);
            records = new CsvRecords(reader, separator, limits.maxCellLength(), limits.maxColumns());
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<SourceRow> header() {
        if (headerRead) {
            throw new IllegalStateException("the header was already read");
        }
        headerRead = true;
        start();
        return read();
    }

    @Override
    public Optional<SourceRow> next() {
        if (!headerRead) {
            throw new IllegalStateException("read the header first");
        }
        return read();
    }

    private Optional<SourceRow> read() {
        String[] values;
        try {
            values = records.next();
        } catch (IOException e) {
            throw failure(e);
        }
        if (values == null) {
            return Optional.empty();
        }
        long row = records.records();
        for (int i = 0; i < values.length; i++) {
            values[i] = Cells.unguarded(values[i]);
            // The reader bounds a field's raw text (quotes and their escapes included) to keep
            // memory bounded; the cell itself is held to the limit exactly, the header's too.
            if (values[i].length() > limits.maxCellLength()) {
                throw new SourceException(Problem.of(ProblemCode.LIMIT_EXCEEDED, "row " + row + " has a cell of "
                        + values[i].length() + " characters; at most " + limits.maxCellLength() + " are allowed"),
                        row, null);
            }
        }
        // The array is the reader's new one: List.of copies it once, and SourceRow keeps that list
        // as it is (Arrays.asList would be copied twice, to an array and then into the list).
        return Optional.of(new SourceRow(row, List.of(values)));
    }

    /** The file problem of what reading the file threw, on the row being read. */
    private SourceException failure(IOException cause) {
        long row = records == null ? 1 : records.records() + 1;
        Problem problem;
        if (cause instanceof CsvRecords.LimitException) {
            problem = Problem.of(ProblemCode.LIMIT_EXCEEDED, cause.getMessage());
        } else if (cause instanceof CsvRecords.UndecodableException) {
            problem = Problem.of(ProblemCode.UNREADABLE_FILE,
                    notDecodable(charset, ((CsvRecords.UndecodableException) cause).line()));
        } else if (cause instanceof CsvRecords.MalformedException) {
            problem = Problem.of(ProblemCode.UNREADABLE_FILE, cause.getMessage());
        } else {
            problem = Problem.of(ProblemCode.UNREADABLE_FILE, "the file cannot be read: " + cleaned(cause));
        }
        return new SourceException(problem, row, cause);
    }

    private static String cleaned(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        message = message.replaceFirst("^[\\w.]+(Exception|Error): ", "");
        if (!message.isEmpty()) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return message.length() > 200 ? message.substring(0, 200) + "\u2026" : message;
    }

    private static String notDecodable(Charset charset, long line) {
        return "the file is not valid " + charset.name() + " text (line " + line + "); save it as "
                + (charset.name().equals("UTF-8") ? "CSV UTF-8" : "UTF-8") + " or declare its encoding";
    }

    /** Text that is half NUL bytes is UTF-16 without a byte-order mark. */
    private static void rejectUtf16WithoutBom(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        int zeros = 0;
        for (byte b : head) {
            if (b == 0) {
                zeros++;
            }
        }
        if (head.length >= 2 && zeros * 4 >= head.length) {
            throw new SourceException(Problem.of(ProblemCode.UNREADABLE_FILE, "the file looks like UTF-16 text without"
                    + " a byte-order mark; save it as CSV UTF-8"), 1, null);
        }
    }

    /** Picks the candidate that occurs most often, outside quotes, in the first line. */
    private static char detect(BufferedReader reader) throws IOException {
        reader.mark(SNIFF_CHARS);
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = 0; i < SNIFF_CHARS; i++) {
            int c = reader.read();
            if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        reader.reset();
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }

    @Override
    public void close() {
        closeQuietly(stream);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // read-only: nothing was lost
        }
    }
}
