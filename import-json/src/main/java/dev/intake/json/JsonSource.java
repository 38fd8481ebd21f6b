package dev.intake.json;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Limits;
import dev.intake.core.internal.Texts;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.json.internal.JsonRowSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rows given as JSON objects, as an {@link ImportSource}, read with Jackson's streaming parser: a
 * bare array of row objects, the array under a named field of a larger body (an API request's
 * {@code rows}), or JSON Lines (one object per line).
 *
 * <pre>{@code
 * ImportSource rows = JsonSource.builder("request", () -> body)
 *     .fields(definition)            // the fields a row may have: the definition's column keys
 *     .rowsField("rows")             // {"designId": ..., "rows": [{...}, ...], ...}
 *     .attributesField("attributes") // {"name": ..., "attributes": {"finish": "anodized"}}
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>The header is the definition's column keys, then the custom attribute names the rows use
 *       (first seen first), so the engine reads JSON rows exactly as it reads a spreadsheet with
 *       those columns: the same definition gives the same outcomes from CSV, XLSX or JSON.</li>
 *   <li>A row's scalar fields are its cells: strings as they are, numbers as their text in the
 *       document ({@code 2.50} stays {@code 2.50}), booleans as {@code true}/{@code false},
 *       {@code null} as an empty cell. The attributes field, an object of names to scalar values,
 *       feeds custom attributes (the definition needs an attribute catalog that accepts them, e.g.
 *       {@link dev.intake.core.AttributeCatalog#open}).</li>
 *   <li>Row problems, each naming the field: a field the definition does not know
 *       ({@code UNKNOWN_FIELD}), a field given twice ({@code DUPLICATE_FIELD}), an object or array
 *       where a value belongs, or a row that is not an object ({@code INVALID_FORMAT}). Such a row
 *       fails with every problem it has; the others go on.</li>
 *   <li>Every element of the array is a row, an empty object too (it fails what it lacks): the
 *       caller sent it, unlike a blank line of a spreadsheet.</li>
 *   <li>Row numbers: the first row is {@link Builder#firstRowNumber(long)} (default 2, where a
 *       spreadsheet's first data row is), the next one more. In JSON Lines a row's number follows
 *       its line: line 1 holds the first row number.</li>
 *   <li>Bounds, as Jackson's {@code StreamReadConstraints}: the document's length is the limits'
 *       bytes, a string's or a name's the cell length, a number's at most 1,000 digits, nesting
 *       at most 16 deep. Exceeding one is {@code LIMIT_EXCEEDED}; malformed JSON (or bytes that are
 *       not UTF-8/16/32) is {@code UNREADABLE_FILE}; both name the line and column. The engine
 *       bounds the number of rows.</li>
 *   <li>A body whose rows field is missing is {@code EMPTY_FILE}; one whose rows field is not an
 *       array, or whose root is not what the layout expects, is {@code UNREADABLE_FILE}. Fields of
 *       the body other than the rows field are skipped (the host reads them itself).</li>
 * </ul>
 *
 * <p>With an attributes field the first {@link #open(Limits)} reads the document twice: once for
 * the attribute names, once for the rows. Later opens (an import reads a document once to check and
 * digest it, then again to write it) read the rows only, with the names the first one found; a row
 * with an attribute those names lack makes the document {@code UNREADABLE_FILE}, as a document that
 * changed between readings, rather than losing its value. Thread-safe; every open reads the rows
 * anew.
 */
public final class JsonSource implements ImportSource {

    /** Opens the bytes of a document; called for each reading. */
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
    private final List<String> fields;
    private final Set<String> reserved;
    private final String rowsField;
    private final String attributesField;
    private final boolean lines;
    private final long firstRowNumber;
    private final Set<String> noBooleans;
    private final boolean textAttributes;
    /** The attribute names the first complete reading found, under a column limit. */
    private volatile ScannedNames scanned;

    /** Attribute names read from the document under a column limit. */
    private record ScannedNames(int maxColumns, List<String> names) {
    }

    private JsonSource(Builder builder) {
        this.noBooleans = Set.copyOf(builder.noBooleans);
        this.textAttributes = builder.textAttributes;
        this.name = builder.name;
        this.input = builder.input;
        this.fields = List.copyOf(builder.fields);
        this.reserved = Set.copyOf(builder.reserved);
        this.rowsField = builder.rowsField;
        this.attributesField = builder.attributesField;
        this.lines = builder.lines;
        this.firstRowNumber = builder.firstRowNumber;
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
     * Starts a source for a document in memory, such as a request body.
     *
     * @param name a name for messages
     * @param content the bytes (copied)
     * @return a builder
     */
    public static Builder builder(String name, byte[] content) {
        byte[] copy = content.clone();
        return new Builder(name, () -> new ByteArrayInputStream(copy));
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
        if (attributesField == null) {
            return reader(limits, List.of());
        }
        ScannedNames scanned = this.scanned;
        if (scanned != null && scanned.maxColumns() == limits.maxColumns()) {
            return reader(limits, scanned.names()).namesFromEarlierReading();
        }
        List<String> attributes;
        try (JsonRowSource scan = reader(limits, List.of())) {
            attributes = scan.attributeNames();
            this.scanned = new ScannedNames(limits.maxColumns(), attributes);
        } catch (SourceException e) {
            // the reading of the rows meets the same problem at the same place, after the rows before it
            attributes = List.of();
        }
        return reader(limits, attributes);
    }

    private JsonRowSource reader(Limits limits, List<String> attributes) throws IOException {
        return new JsonRowSource(input.open(), limits, fields, reserved, attributes,
                Optional.ofNullable(rowsField), Optional.ofNullable(attributesField), lines, firstRowNumber,
                noBooleans, textAttributes);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * @return the fields a row may have, in header order
     */
    public List<String> fields() {
        return fields;
    }

    /** Builds a {@link JsonSource}. Each setter may be called once. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Input input;
        private final List<String> fields = new ArrayList<>();
        private final Set<String> reserved = new LinkedHashSet<>();
        private boolean fieldsSet;
        private String rowsField;
        private String attributesField;
        private boolean lines;
        private Long first;
        private long firstRowNumber = 2;
        private final Set<String> noBooleans = new HashSet<>();
        private boolean textAttributes;

        private Builder(String name, Input input) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            this.input = Objects.requireNonNull(input, "input must not be null");
        }

        /**
         * Sets the fields a row may have to a definition's column keys. A custom attribute may not
         * take the name, label or alias of one of its columns. A field whose column is not a boolean
         * refuses a JSON {@code true} or {@code false} (a row problem); a number is taken as its text.
         *
         * @param definition the definition the rows are imported with
         * @return this builder
         */
        public Builder fields(ImportDefinition definition) {
            Objects.requireNonNull(definition, "definition must not be null");
            List<String> keys = new ArrayList<>();
            for (Column<?> column : definition.columns()) {
                keys.add(column.key());
                if (!column.type().name().equals("boolean")) {
                    noBooleans.add(column.key());
                }
                reserved.add(Texts.normalize(column.label()));
                column.aliases().forEach(alias -> reserved.add(Texts.normalize(alias)));
            }
            return fields(keys);
        }

        /**
         * Sets the fields a row may have.
         *
         * @param names the field names, as the JSON spells them
         * @return this builder
         * @throws IllegalArgumentException for a blank or repeated name
         */
        public Builder fields(List<String> names) {
            if (fieldsSet) {
                throw new IllegalStateException("the fields are already set");
            }
            for (String field : names) {
                if (field.isBlank() || fields.contains(field)) {
                    throw new IllegalArgumentException("field names must be distinct and not blank: " + names);
                }
                fields.add(field);
                reserved.add(Texts.normalize(field));
            }
            fieldsSet = true;
            return this;
        }

        /**
         * Reads the rows from the array under this field of a root object; the other fields are
         * skipped. Default: the root is the array.
         *
         * @param value the field's name, e.g. {@code rows}
         * @return this builder
         */
        public Builder rowsField(String value) {
            if (rowsField != null || lines) {
                throw new IllegalStateException("the layout is already set");
            }
            rowsField = Objects.requireNonNull(value, "rowsField must not be null");
            return this;
        }

        /**
         * Reads JSON Lines: one row object per line.
         *
         * @return this builder
         */
        public Builder lines() {
            if (rowsField != null || lines) {
                throw new IllegalStateException("the layout is already set");
            }
            lines = true;
            return this;
        }

        /**
         * Takes only JSON strings (or null) as attribute values: a number or a boolean is a row
         * problem, for an API that says its attributes map names to texts. Default: a number or a
         * boolean is taken as its text.
         *
         * @return this builder
         */
        public Builder textAttributes() {
            textAttributes = true;
            return this;
        }

        /**
         * Reads custom attributes from an object under this field of each row.
         *
         * @param value the field's name, e.g. {@code attributes}
         * @return this builder
         */
        public Builder attributesField(String value) {
            if (attributesField != null) {
                throw new IllegalStateException("the attributes field is already set");
            }
            attributesField = Objects.requireNonNull(value, "attributesField must not be null");
            return this;
        }

        /**
         * Sets the number of the first row. Default: 2, the first data row of a spreadsheet, so that
         * an API's {@code rows[0]} is reported as row 2.
         *
         * @param value the number, 2 or more (row 1 is the header)
         * @return this builder
         */
        public Builder firstRowNumber(long value) {
            if (first != null) {
                throw new IllegalStateException("the first row number is already set");
            }
            if (value < 2) {
                throw new IllegalArgumentException("the first row number must be 2 or more, not " + value);
            }
            first = value;
            firstRowNumber = value;
            return this;
        }

        /**
         * @return the source
         * @throws IllegalStateException if no fields were set, or the attributes field is one of them
         */
        public JsonSource build() {
            if (!fieldsSet) {
                throw new IllegalStateException("set the fields a row may have, e.g. fields(definition)");
            }
            if (attributesField != null && fields.contains(attributesField)) {
                throw new IllegalStateException("the attributes field " + attributesField + " is also a field");
            }
            return new JsonSource(this);
        }
    }
}
