package dev.intake.csv;

import dev.intake.core.Limits;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.csv.internal.CsvRowSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A CSV file as an {@link ImportSource}: RFC 4180 quoting, quoted fields may span lines, records
 * read exactly as commons-csv's {@code RFC4180} format reads them with empty lines kept and spaces
 * around values ignored, by a reader of Intake's own that makes each value in one pass over its
 * buffer and enforces the limits in the same pass.
 *
 * <ul>
 *   <li>Encoding: strict UTF-8 by default; invalid bytes are {@code UNREADABLE_FILE}, never
 *       replaced. A byte-order mark (UTF-8, UTF-16, UTF-32) is removed and decides the encoding.
 *       Text that looks like UTF-16 without a byte-order mark is rejected.</li>
 *   <li>Delimiter: detected from the header line among {@code ,} {@code ;} tab and {@code |} unless
 *       set.</li>
 *   <li>Row numbers: record numbers, the header being row 1; a quoted field spanning lines is one
 *       row; empty lines keep their numbers.</li>
 *   <li>Limits: bytes, cell length and columns are enforced while reading, so one huge field or a
 *       huge file is {@code LIMIT_EXCEEDED} in bounded memory.</li>
 *   <li>Formula guards: a leading {@code '} before what a spreadsheet would run as a formula
 *       ({@code '=SUM(A1)}, {@code '@cmd}, {@code '+A1}), which Intake's CSV templates and error
 *       reports add against CSV injection (and other tools add the same way), is removed, so a
 *       downloaded report imports exactly the values the user's file had. A phone number such as
 *       {@code +1 555 0110} is never guarded, so it never loses or gains anything.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; every {@link #open(Limits)} reads the file anew.
 */
public final class CsvSource implements ImportSource {

    /** Opens the bytes of a file; called once per {@link #open(Limits)}. */
    @FunctionalInterface
    public interface Input {
        /**
         * Opens the bytes.
         *
         * @return a new stream, closed by the row source
         * @throws IOException if the bytes cannot be opened
         */
        InputStream open() throws IOException;
    }

    private final String name;
    private final Input input;
    private final Charset charset;
    private final Character delimiter;

    private CsvSource(Builder builder) {
        this.name = builder.name;
        this.input = builder.input;
        this.charset = builder.charset == null ? StandardCharsets.UTF_8 : builder.charset;
        this.delimiter = builder.delimiter;
    }

    /**
     * The data rows of a CSV file, counted from its bytes without parsing it: records with anything
     * on them (a line break inside a quoted cell is no record), less the header. What a progress bar
     * needs before an import starts; a little above the rows an import reads when some records hold
     * only separators or white space. A file at gigabyte speed: one pass, no allocation per row.
     *
     * @param file the file
     * @return the data rows, 0 for an empty file or one with only a header
     * @throws IOException if the file cannot be read
     */
    public static long countDataRows(Path file) throws IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return countDataRows(in);
        }
    }

    /**
     * The data rows of a CSV file's bytes, counted as {@link #countDataRows(Path)} counts them.
     *
     * @param in the bytes, read to their end; not closed
     * @return the data rows
     * @throws IOException if the bytes cannot be read
     */
    public static long countDataRows(java.io.InputStream in) throws IOException {
        long records = 0;
        boolean quoted = false;
        boolean content = false;
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '"') {
                    quoted = !quoted;
                    content = true;
                } else if (b == '\n' && !quoted) {
                    if (content) {
                        records++;
                    }
                    content = false;
                } else if (b != '\r' && b != ' ' && b != '\t') {
                    content = true;
                }
            }
        }
        if (content) {
            records++;
        }
        return Math.max(0, records - 1);
    }

    /**
     * A CSV file with the defaults: strict UTF-8, delimiter detected.
     *
     * @param file the file
     * @return the source
     */
    public static CsvSource of(Path file) {
        return builder(file).build();
    }

    /**
     * CSV content in memory (e.g. an upload) with the defaults.
     *
     * @param name a name for messages
     * @param content the bytes
     * @return the source
     */
    public static CsvSource of(String name, byte[] content) {
        byte[] copy = content.clone();
        return builder(name, () -> new ByteArrayInputStream(copy)).build();
    }

    /**
     * Starts a source for a file.
     *
     * @param file the file
     * @return a builder
     */
    public static Builder builder(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        return new Builder(String.valueOf(file.getFileName()), () -> Files.newInputStream(file));
    }

    /**
     * Starts a source for bytes from anywhere.
     *
     * @param name a name for messages
     * @param input opens the bytes
     * @return a builder
     */
    public static Builder builder(String name, Input input) {
        return new Builder(name, input);
    }

    @Override
    public RowSource open(Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits must not be null");
        return CsvRowSource.open(input.open(), charset, Optional.ofNullable(delimiter), limits);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * @return the declared charset; UTF-8 unless set
     */
    public Charset charset() {
        return charset;
    }

    /**
     * @return the delimiter, when set; empty means detected
     */
    public Optional<Character> delimiter() {
        return Optional.ofNullable(delimiter);
    }

    /** Builds a {@link CsvSource}. Each setter may be called once. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Input input;
        private Charset charset;
        private Character delimiter;

        private Builder(String name, Input input) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            this.input = Objects.requireNonNull(input, "input must not be null");
        }

        /**
         * Sets the charset of files without a byte-order mark; decoding is strict whatever the
         * charset. Default: UTF-8.
         *
         * @param value the charset, e.g. {@code windows-1252}
         * @return this builder
         */
        public Builder charset(Charset value) {
            if (charset != null) {
                throw new IllegalStateException("the charset is already set");
            }
            charset = Objects.requireNonNull(value, "charset must not be null");
            return this;
        }

        /**
         * Sets the delimiter. Default: detected from the header line among {@code , ; tab |}.
         *
         * @param value the delimiter
         * @return this builder
         * @throws IllegalArgumentException for a quote, a line break or white space other than tab
         */
        public Builder delimiter(char value) {
            if (delimiter != null) {
                throw new IllegalStateException("the delimiter is already set");
            }
            if (value == '"' || value == '\r' || value == '\n' || (Character.isWhitespace(value) && value != '\t')) {
                throw new IllegalArgumentException("'" + value + "' cannot be a delimiter");
            }
            delimiter = value;
            return this;
        }

        /**
         * @return the source
         */
        public CsvSource build() {
            return new CsvSource(this);
        }
    }
}
