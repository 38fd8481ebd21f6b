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
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private GuardedReader guard;
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
                        throw new GuardedReader.LimitException("the file is larger than " + maxBytes + " bytes");
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
            // Bad bytes become U+FFFD, which the guard refuses with the exact line: a decoder that
            // reports errors itself would report them a buffer ahead of the line being parsed.
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith("\uFFFD");
            BufferedReader reader = new BufferedReader(new InputStreamReader(buffered, decoder), SNIFF_CHARS);
            char separator = delimiter.isPresent() ? delimiter.get() : detect(reader);
            guard = new GuardedReader(reader, separator, limits.maxCellLength(), limits.maxColumns());
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(separator)
                    .setIgnoreEmptyLines(false)
                    .setIgnoreSurroundingSpaces(true)
                    .get();
            parser = CSVParser.builder().setReader(guard).setFormat(format).get();
            records = parser.iterator();
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
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            CSVRecord record = records.next();
            // values() is the record's own array. List.of copies it once, and SourceRow keeps that
            // list as it is; Arrays.asList would be copied twice (to an array, then into the list).
            String[] values = record.values();
            for (int i = 0; i < values.length; i++) {
                values[i] = Cells.unguarded(values[i]);
                // The guard bounds a field's raw text (quotes and their escapes included) to keep
                // memory bounded; the cell itself is held to the limit exactly, the header's too.
                if (values[i].length() > limits.maxCellLength()) {
                    throw new SourceException(Problem.of(ProblemCode.LIMIT_EXCEEDED, "row " + record.getRecordNumber()
                            + " has a cell of " + values[i].length() + " characters; at most " + limits.maxCellLength()
                            + " are allowed"), record.getRecordNumber(), null);
                }
            }
            return Optional.of(new SourceRow(record.getRecordNumber(), List.of(values)));
        } catch (UncheckedIOException e) {
            throw failure(e.getCause());
        } catch (IllegalStateException e) {
            throw failure(e);
        }
    }

    private SourceException failure(Throwable cause) {
        if (cause instanceof SourceException) {
            return (SourceException) cause;
        }
        long row = parser == null ? 1 : parser.getRecordNumber() + 1;
        Problem problem;
        if (cause instanceof GuardedReader.LimitException) {
            problem = Problem.of(ProblemCode.LIMIT_EXCEEDED, cause.getMessage());
        } else if (cause instanceof GuardedReader.UndecodableException) {
            problem = Problem.of(ProblemCode.UNREADABLE_FILE,
                    notDecodable(charset, ((GuardedReader.UndecodableException) cause).line()));
        } else if (guard == null) {
            problem = Problem.of(ProblemCode.UNREADABLE_FILE, "the file cannot be read: " + cleaned(cause));
        } else if (guard.openQuoteLine() > 0) {
            problem = Problem.of(ProblemCode.UNREADABLE_FILE, "a quoted value that starts on line "
                    + guard.openQuoteLine() + " is never closed; the file may be cut short or have a stray \"");
        } else {
            problem = Problem.of(ProblemCode.UNREADABLE_FILE, "the file is not valid CSV: " + cleaned(cause));
        }
        return new SourceException(problem, row, cause);
    }

    private static String cleaned(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int bracket = message.indexOf(" reading next record: ");
        if (bracket >= 0) {
            message = message.substring(bracket + " reading next record: ".length());
        }
        message = message.replaceFirst("^[\\w.]+(Exception|Error): ", "")
                .replace("at line: ", "at line ").replace(", position: ", ", position ");
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
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // closing a read-only stream: nothing was lost
            }
        }
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
