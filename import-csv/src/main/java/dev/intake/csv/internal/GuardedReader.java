package dev.intake.csv.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Follows RFC 4180 quoting alongside commons-csv, to stop a field or a record from growing without
 * bound before the parser buffers it, and to know the physical line where an unclosed quote opened.
 */
final class GuardedReader extends FilterReader {

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

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final char delimiter;
    private final long maxFieldChars;
    private final int maxColumns;
    private final int maxCellLength;
    private int state = FIELD_START;
    private long fieldChars;
    private int fields = 1;
    private long line = 1;
    private long quoteLine;
    private boolean previousWasCarriageReturn;
    /** The line of undecodable bytes found after text that was handed out first; 0 for none. */
    private long undecodableLine;

    GuardedReader(Reader in, char delimiter, int maxCellLength, int maxColumns) {
        super(in);
        this.delimiter = delimiter;
        this.maxCellLength = maxCellLength;
        // A quoted value's raw text is at most twice its length plus its quotes ("" escapes).
        this.maxFieldChars = 2L * maxCellLength + 2;
        this.maxColumns = maxColumns;
    }

    @Override
    public int read() throws IOException {
        failIfUndecodable();
        int c = super.read();
        if (c >= 0) {
            accept((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        failIfUndecodable();
        int n = super.read(buffer, offset, length);
        char separator = delimiter;
        int i = offset;
        int end = offset + n;
        while (i < end) {
            if (state == UNQUOTED || state == QUOTED) {
                // Inside a field most characters only lengthen it: above '"' (so no line break, blank
                // or quote), not the delimiter, not a decoding failure. A run of them is counted at
                // once, in locals, so the parser's buffer is walked at the speed of a plain loop.
                int start = i;
                char c;
                while (i < end && (c = buffer[i]) > '"' && c != separator && c != '\uFFFD') {
                    i++;
                }
                if (i > start) {
                    previousWasCarriageReturn = false;
                    fieldChars += i - start;
                    if (fieldChars > maxFieldChars) {
                        throw tooLong();
                    }
                    if (i == end) {
                        break;
                    }
                }
            }
            char c = buffer[i];
            if (c == '\uFFFD' && i > offset) {
                // the text before the bad bytes is handed out first, so the rows before them are read
                undecodableLine = line;
                return i - offset;
            }
            accept(c);
            i++;
        }
        return n;
    }

    private void failIfUndecodable() throws UndecodableException {
        if (undecodableLine > 0) {
            throw new UndecodableException(undecodableLine);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * @return the physical line being read, starting at 1
     */
    long line() {
        return line;
    }

    /**
     * @return the line where the open quote started, or 0 when no quote is open
     */
    long openQuoteLine() {
        return state == QUOTED ? quoteLine : 0;
    }

    private void accept(char c) throws IOException {
        if (c == '\uFFFD') {
            throw new UndecodableException(line);
        }
        boolean lineBreak = c == '\n' || c == '\r';
        if (c == '\n' && previousWasCarriageReturn) {
            previousWasCarriageReturn = false;
            return;
        }
        previousWasCarriageReturn = c == '\r';
        if (lineBreak) {
            line++;
        }
        switch (state) {
            case QUOTED:
                if (c == '"') {
                    state = QUOTE_IN_QUOTED;
                } else {
                    grow();
                }
                return;
            case QUOTE_IN_QUOTED:
                if (c == '"') {
                    state = QUOTED;
                    grow();
                    return;
                }
                break;
            case FIELD_START:
                if (c == '"') {
                    state = QUOTED;
                    quoteLine = line;
                    return;
                }
                break;
            default:
                break;
        }
        if (c == delimiter) {
            state = FIELD_START;
            fieldChars = 0;
            if (++fields > maxColumns) {
                throw new LimitException("line " + line + " has more than " + maxColumns
                        + " cells; at most " + maxColumns + " columns are allowed");
            }
        } else if (lineBreak) {
            state = FIELD_START;
            fieldChars = 0;
            fields = 1;
        } else {
            if (state != FIELD_START || (c != ' ' && c != '\t')) {
                state = UNQUOTED;
            }
            grow();
        }
    }

    private void grow() throws LimitException {
        if (++fieldChars > maxFieldChars) {
            throw tooLong();
        }
    }

    private LimitException tooLong() {
        return new LimitException("line " + line + " has a cell longer than " + maxCellLength
                + " characters, the most a cell may hold");
    }
}
