package dev.intake.csv.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits decoded CSV text into records in one pass over a buffer, enforcing the limits as it goes.
 *
 * <p>What a record is follows commons-csv 1.14's {@code RFC4180} format with empty lines kept and
 * surrounding spaces ignored, value for value (the differential test holds it to that): a record
 * ends at CR, LF or CRLF outside quotes; an empty line is a record of one empty value; a value is
 * trimmed of {@link Character#isWhitespace white space} unless quoted; a quoted value keeps
 * everything between its quotes, {@code ""} standing for one quote, and may be followed by white
 * space only; a quote inside an unquoted value is an ordinary character.
 *
 * <p>Where commons-csv reads a character at a time through two readers, this reader walks its own
 * buffer and makes each value with one copy; and it does the guarding the file needs in the same
 * pass: a value longer than the limit or a record with too many values stops the reading before the
 * value is buffered, text the decoder could not decode (U+FFFD) stops it at its line after every
 * record before it was returned, and an unclosed quote names the line where it opened.
 */
final class CsvRecords {

    /** A limit was exceeded while reading. */
    static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitException(String message) {
            super(message);
        }
    }

    /** The text held bytes the charset cannot decode (the decoder put U+FFFD in their place). */
    static final class UndecodableException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        UndecodableException(long line) {
            super("undecodable bytes at line " + line);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    /** The text is not CSV (a quote left open, text after a closing quote); the message says so to the user. */
    static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private static final int BUFFER_CHARS = 1 << 16;
    private static final char UNDECODABLE = '\uFFFD';
    private static final int DELIMITER = 0;
    private static final int END_OF_LINE = 1;
    private static final int END_OF_FILE = 2;

    private final Reader in;
    private final char delimiter;
    private final int maxColumns;
    private final int maxCellLength;
    private final long maxFieldChars;
    private char[] buffer = new char[BUFFER_CHARS];
    private int position;
    private int limit;
    private boolean ended;
    /** Characters dropped from the buffer's front so far: buffer[0] is character {@code shifted} of the text. */
    private long shifted;
    /** The physical line of the next character, from 1. */
    private long line = 1;
    /** Where that line starts, counted from the start of the text. */
    private long lineStart;
    /** A record ended at CR: a LF right after it belongs to that line break. */
    private boolean pendingLineFeed;
    private long records;
    private String[] values = new String[16];
    private int count;
    private int lastCount = 16;

    CsvRecords(Reader in, char delimiter, int maxCellLength, int maxColumns) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxCellLength = maxCellLength;
        // A quoted value's raw text is at most twice its length plus its quotes ("" escapes).
        this.maxFieldChars = 2L * maxCellLength + 2;
        this.maxColumns = maxColumns;
    }

    /**
     * @return the records returned so far
     */
    long records() {
        return records;
    }

    /**
     * Reads the next record.
     *
     * @return its values, a new array; null at the end of the text
     * @throws IOException when the text cannot be read, is not CSV or exceeds a limit
     */
    String[] next() throws IOException {
        if (pendingLineFeed) {
            pendingLineFeed = false;
            if (available() && buffer[position] == '\n') {
                position++;
                lineStart = shifted + position;
            }
        }
        if (!available()) {
            return null;
        }
        count = 0;
        values = new String[lastCount];
        while (value() == DELIMITER) {
            if (count >= maxColumns) {
                throw new LimitException("line " + line + " has more than " + maxColumns + " cells; at most "
                        + maxColumns + " columns are allowed");
            }
        }
        records++;
        lastCount = count;
        return count == values.length ? values : Arrays.copyOf(values, count);
    }

    /** Reads one value and what ends it. */
    private int value() throws IOException {
        char c;
        long blanks = 0;
        while (true) {
            if (!available()) {
                add("");
                return END_OF_FILE;
            }
            c = buffer[position];
            if (c == delimiter) {
                position++;
                add("");
                return DELIMITER;
            }
            if (c == '\r' || c == '\n') {
                add("");
                return endOfLine(c);
            }
            if (!Character.isWhitespace(c)) {
                break;
            }
            position++;
            if (++blanks > maxFieldChars) {
                throw tooLong();
            }
        }
        if (c == '"') {
            position++;
            return quoted();
        }
        return unquoted();
    }

    private int unquoted() throws IOException {
        char separator = delimiter;
        int start = position;
        while (true) {
            char[] chars = buffer;
            int i = position;
            int end = limit;
            char c = 0;
            while (i < end && ((c = chars[i]) > '\r' ? c != separator && c != UNDECODABLE
                    : c != '\n' && c != '\r' && c != separator)) {
                i++;
            }
            position = i;
            if (i - start > maxFieldChars) {
                throw tooLong();
            }
            if (i < end) {
                if (c == UNDECODABLE) {
                    throw new UndecodableException(line);
                }
                add(trimmed(start, i));
                if (c == separator) {
                    position++;
                    return DELIMITER;
                }
                return endOfLine(c);
            }
            int kept = position - start;
            boolean more = fill(start);
            start = position - kept;
            if (!more) {
                add(trimmed(start, position));
                return END_OF_FILE;
            }
        }
    }

    private String trimmed(int start, int end) {
        int last = end;
        while (last > start && Character.isWhitespace(buffer[last - 1])) {
            last--;
        }
        return new String(buffer, start, last - start);
    }

    /** Reads a quoted value; the opening quote was read. Its text is unescaped in place. */
    private int quoted() throws IOException {
        long openLine = line;
        int start = position;
        int written = position;
        boolean afterCarriageReturn = false;
        while (true) {
            if (position == limit) {
                if (written - start > maxFieldChars) {
                    throw tooLong();
                }
                // what was read but not written (escaped quotes) is no longer needed
                position = written;
                limit = written;
                int kept = written - start;
                if (!fill(start)) {
                    throw new MalformedException("a quoted value that starts on line " + openLine
                            + " is never closed; the file may be cut short or have a stray \"");
                }
                start = position - kept;
                written = position;
            }
            char[] chars = buffer;
            int i = position;
            int end = limit;
            int w = written;
            char c = 0;
            while (i < end && (c = chars[i]) > '"' && c != UNDECODABLE) {
                chars[w++] = c;
                i++;
            }
            if (i > position) {
                afterCarriageReturn = false;
            }
            position = i;
            written = w;
            if (i == end) {
                continue;
            }
            position++;
            if (c == '"') {
                if (position == limit) {
                    // the quote ended the buffer: keep the value (not the quote) and read on
                    int kept = written - start;
                    position = written;
                    limit = written;
                    boolean more = fill(start);
                    start = position - kept;
                    written = position;
                    if (!more) {
                        add(closed(start, written));
                        return END_OF_FILE;
                    }
                }
                if (buffer[position] == '"') {
                    buffer[written++] = '"';
                    position++;
                    afterCarriageReturn = false;
                    continue;
                }
                add(closed(start, written));
                return afterClosingQuote();
            }
            if (c == UNDECODABLE) {
                throw new UndecodableException(line);
            }
            if (c == '\n') {
                if (!afterCarriageReturn) {
                    line++;
                }
                lineStart = shifted + position;
            } else if (c == '\r') {
                line++;
                lineStart = shifted + position;
            }
            afterCarriageReturn = c == '\r';
            buffer[written++] = c;
        }
    }

    /** The text of a quoted value, held to the bound whether or not the buffer was refilled within it. */
    private String closed(int start, int end) throws LimitException {
        if (end - start > maxFieldChars) {
            throw tooLong();
        }
        return new String(buffer, start, end - start);
    }

    /** After a closing quote only white space may come before the delimiter or the line's end. */
    private int afterClosingQuote() throws IOException {
        while (available()) {
            char c = buffer[position];
            if (c == delimiter) {
                position++;
                return DELIMITER;
            }
            if (c == '\r' || c == '\n') {
                return endOfLine(c);
            }
            if (c == UNDECODABLE) {
                throw new UndecodableException(line);
            }
            if (!Character.isWhitespace(c)) {
                throw new MalformedException("the file is not valid CSV: line " + line + " has text after the closing quote of a quoted value"
                        + " (character " + (shifted + position - lineStart + 1) + "); a quoted value must be the"
                        + " whole cell, with each quote inside it doubled");
            }
            position++;
        }
        return END_OF_FILE;
    }

    /** Consumes the line break at the position; a LF after a CR is consumed with the next record. */
    private int endOfLine(char c) {
        position++;
        line++;
        lineStart = shifted + position;
        pendingLineFeed = c == '\r';
        return END_OF_LINE;
    }

    private void add(String value) {
        if (count == values.length) {
            values = Arrays.copyOf(values, Math.max(4, count * 2));
        }
        values[count++] = value;
    }

    /** Whether a character is at the position, reading more when the buffer is used up. */
    private boolean available() throws IOException {
        return position < limit || fill(position);
    }

    /**
     * Reads more text after the limit, first moving the characters from {@code keep} to the front
     * (growing the buffer when they fill it).
     *
     * @return false at the end of the text
     */
    private boolean fill(int keep) throws IOException {
        if (ended) {
            return false;
        }
        if (keep > 0) {
            System.arraycopy(buffer, keep, buffer, 0, limit - keep);
            limit -= keep;
            position -= keep;
            shifted += keep;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n;
        do {
            n = in.read(buffer, limit, buffer.length - limit);
        } while (n == 0);
        if (n < 0) {
            ended = true;
            return false;
        }
        limit += n;
        return true;
    }

    private LimitException tooLong() {
        return new LimitException("line " + line + " has a cell longer than " + maxCellLength
                + " characters, the most a cell may hold");
    }
}
