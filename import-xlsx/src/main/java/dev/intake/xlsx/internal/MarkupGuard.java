package dev.intake.xlsx.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Watches the XML of one workbook part as it is inflated, before any parser sees it.
 *
 * <ul>
 *   <li>A document type declaration ({@code <!DOCTYPE}, {@code <!ENTITY}) is refused at its first
 *       bytes: XLSX parts never have one, and it is how XXE and billion-laughs files work.</li>
 *   <li>A text, tag, comment, CDATA section or processing instruction longer than a bound is
 *       refused. StAX parsers keep such a construct whole in memory (Aalto even a text; the JDK's
 *       hands text out in chunks), so this is what keeps one hostile cell, attribute or comment
 *       from filling the heap, whatever the parser.</li>
 *   <li>The part may inflate to at most {@code maxRatio} times its compressed size once past a
 *       floor, so a zip bomb stops early; small parts that compress very well (real styles.xml
 *       files do 100-140 times) pass under the floor.</li>
 * </ul>
 *
 * <p>Markup characters are ASCII, so watching bytes is exact for UTF-8 (and for the UTF-16 parts no
 * real writer makes, the parser's own checks remain).
 */
final class MarkupGuard extends FilterInputStream {
    static final long RATIO_FLOOR = 16L << 20;
    static final long MAX_RATIO = 250;

    private enum State { TEXT, LT, BANG, BANG_DASH, COMMENT, CDATA, PI, TAG }

    private final String part;
    private final long maxMarkup;
    private final long maxInflated;
    private State state = State.TEXT;
    private long run;
    private long text;
    private int quote;
    private int repeats;
    private long inflated;
    private Refusal tripped;

    /**
     * @param in the inflated bytes of the part
     * @param part the part's name, for messages
     * @param compressedSize the part's compressed size from the ZIP directory
     * @param maxMarkup most bytes in one tag, comment, CDATA section or instruction
     */
    MarkupGuard(InputStream in, String part, long compressedSize, long maxMarkup) {
        super(in);
        this.part = part;
        this.maxMarkup = maxMarkup;
        this.maxInflated = Math.max(RATIO_FLOOR, Math.multiplyExact(Math.max(compressedSize, 1), MAX_RATIO));
    }

    /** @return the refusal that stopped the stream, or null; the parser may have wrapped it */
    Refusal tripped() {
        return tripped;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (tripped != null) {
            throw tripped;
        }
        int count = in.read(buffer, offset, length);
        if (count <= 0) {
            return count;
        }
        inflated += count;
        if (inflated > maxInflated) {
            throw trip(Refusal.unreadable(part + " expands to more than " + MAX_RATIO
                    + " times its compressed size; the file looks like a zip bomb"));
        }
        watch(buffer, offset, offset + count);
        return count;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int count = read(buffer, 0, buffer.length);
        return Math.max(count, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void watch(byte[] buffer, int from, int to) throws Refusal {
        int i = from;
        while (i < to) {
            if (state == State.TEXT) {
                int start = i;
                while (i < to && buffer[i] != '<') {
                    i++;
                }
                text += i - start;
                if (text > maxMarkup) {
                    throw trip(Refusal.limit(part + " holds a text of more than " + maxMarkup
                            + " bytes; no cell can hold that much"));
                }
                if (i == to) {
                    return;
                }
                state = State.LT;
                run = 0;
                text = 0;
                i++;
            } else if (state == State.TAG) {
                i = tag(buffer, i, to);
            } else {
                step(buffer[i++]);
            }
        }
    }

    /** Runs through a tag up to its closing {@code >} outside quotes; returns where it stopped. */
    private int tag(byte[] buffer, int from, int to) throws Refusal {
        int i = from;
        int quoteChar = quote;
        while (i < to) {
            byte b = buffer[i++];
            if (quoteChar != 0) {
                if (b == quoteChar) {
                    quoteChar = 0;
                }
            } else if (b == '>') {
                state = State.TEXT;
                break;
            } else if (b == '"' || b == '\'') {
                quoteChar = b;
            }
        }
        quote = quoteChar;
        count(i - from);
        return i;
    }

    private void count(int bytes) throws Refusal {
        run += bytes;
        if (run > maxMarkup) {
            throw trip(Refusal.limit(part + " holds markup longer than " + maxMarkup
                    + " bytes; no cell can need that much"));
        }
    }

    /** One byte of the rarer states: just after {@code <}, declarations, comments, CDATA, instructions. */
    private void step(int b) throws Refusal {
        count(1);
        switch (state) {
            case LT -> {
                if (b == '!') {
                    state = State.BANG;
                } else if (b == '?') {
                    state = State.PI;
                    repeats = 0;
                } else {
                    state = b == '>' ? State.TEXT : State.TAG;
                    quote = b == '"' || b == '\'' ? b : 0;
                }
            }
            case BANG -> {
                if (b == '-') {
                    state = State.BANG_DASH;
                } else if (b == '[') {
                    state = State.CDATA;
                    repeats = 0;
                } else {
                    throw trip(Refusal.unreadable(part + " holds a document type declaration, which XLSX"
                            + " files never have; it is refused so no entity in it is ever read"));
                }
            }
            case BANG_DASH -> {
                state = State.COMMENT;
                repeats = 0;
            }
            case COMMENT -> repeats = closes(b, '-');
            case CDATA -> repeats = closes(b, ']');
            case PI -> {
                if (b == '>' && repeats == 1) {
                    state = State.TEXT;
                }
                repeats = b == '?' ? 1 : 0;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** Inside a comment or CDATA section: counts the closing characters before a {@code >}. */
    private int closes(int b, int closing) {
        if (b == '>' && repeats >= 2) {
            state = State.TEXT;
            return 0;
        }
        return b == closing ? repeats + 1 : 0;
    }

    private Refusal trip(Refusal refusal) {
        tripped = refusal;
        return refusal;
    }
}
