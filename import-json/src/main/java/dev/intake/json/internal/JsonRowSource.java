package dev.intake.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.intake.core.Limits;
import dev.intake.core.internal.Texts;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import dev.intake.json.JsonErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads rows from a JSON document with Jackson's streaming parser; see {@code JsonSource} for what
 * it promises. One row object is in memory at a time.
 */
public final class JsonRowSource implements RowSource {
    /** Deep enough for a body, its rows, a row and its attributes, with room to spare. */
    private static final int MAX_NESTING = 16;
    private static final int MAX_NUMBER_LENGTH = 1_000;
    private static final int SHOWN = 60;

    private final JsonParser parser;
    private final Limits limits;
    private final List<String> header;
    private final Map<String, Integer> fieldIndex = new HashMap<>();
    private final Map<String, Integer> attributeIndex = new HashMap<>();
    private final List<String> fieldNames;
    private final Set<String> reserved;
    private final Optional<String> rowsField;
    private final Optional<String> attributesField;
    private final Set<String> noBooleans;
    private final boolean textAttributes;
    /** Whether the attribute names came from an earlier reading of the document, not from this one's. */
    private boolean namesFromEarlierReading;
    private final boolean lines;
    private final long firstRowNumber;
    private long index;
    private long lastLine;
    private boolean started;
    private boolean ended;

    /**
     * Opens a reader; the stream is closed with it.
     *
     * @param in the document's bytes
     * @param limits the limits to read under
     * @param fields the fields a row may have, in header order
     * @param reserved normalized names an attribute may not take
     * @param attributes the attribute names the rows use, in header order after the fields
     * @param rowsField the field of the root object holding the rows, or empty for a root array
     * @param attributesField the field of a row holding its attributes, if any
     * @param lines whether the document is JSON Lines
     * @param firstRowNumber the first row's number
     * @param noBooleans the fields that refuse a JSON boolean (their type is not a boolean)
     * @param textAttributes whether an attribute's value must be a JSON string
     * @throws IOException if the parser cannot be created
     */
    public JsonRowSource(InputStream in, Limits limits, List<String> fields, Set<String> reserved, List<String> attributes,
            Optional<String> rowsField, Optional<String> attributesField, boolean lines, long firstRowNumber,
            Set<String> noBooleans, boolean textAttributes)
            throws IOException {
        int stringLength = Math.max(limits.maxCellLength(), 1);
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxBytes())
                        .maxStringLength(stringLength)
                        .maxNameLength(stringLength)
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        try {
            this.parser = factory.createParser(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        this.limits = limits;
        this.reserved = reserved;
        this.noBooleans = noBooleans;
        this.textAttributes = textAttributes;
        this.rowsField = rowsField;
        this.attributesField = attributesField;
        this.lines = lines;
        this.firstRowNumber = firstRowNumber;
        this.fieldNames = List.copyOf(fields);
        List<String> names = new ArrayList<>(fields);
        for (String field : fields) {
            fieldIndex.put(field, fieldIndex.size());
        }
        for (String attribute : attributes) {
            attributeIndex.put(attribute, names.size());
            names.add(attribute);
        }
        this.header = List.copyOf(names);
    }

    /**
     * Tells the reader its attribute names came from an earlier reading of the same document: an
     * attribute outside them then means the document changed between the readings, which makes it
     * unreadable rather than losing the attribute's values. Names that already pass the column
     * limit tell nothing: the earlier reading stopped there, and the engine refuses the header.
     *
     * @return this reader
     */
    public JsonRowSource namesFromEarlierReading() {
        this.namesFromEarlierReading = fieldIndex.size() + attributeIndex.size() <= limits.maxColumns();
        return this;
    }

    /**
     * Reads the whole document for the attribute names its rows use, first seen first; names that
     * are a field's (in any spelling) are left out, the rows giving them get a problem instead.
     *
     * @return the names, at most one more than the column limit allows (the engine refuses that)
     * @throws SourceException if the document cannot be read
     */
    public List<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>();
        Set<String> normalized = new HashSet<>();
        int room = limits.maxColumns() + 1 - fieldIndex.size();
        for (Optional<SourceRow> row = header(); row.isPresent() && nextToken() != null; ) {
            if (ended()) {
                break;
            }
            JsonToken token = parser.currentToken();
            if (token != JsonToken.START_OBJECT) {
                skip();
                continue;
            }
            while (nextToken() == JsonToken.FIELD_NAME) {
                String name = currentName();
                JsonToken value = nextToken();
                if (attributesField.isPresent() && attributesField.get().equals(name) && value == JsonToken.START_OBJECT) {
                    while (nextToken() == JsonToken.FIELD_NAME) {
                        String attribute = currentName().strip();
                        String key = Texts.normalize(attribute);
                        if (!key.isEmpty() && !reserved.contains(key) && names.size() < room && normalized.add(key)) {
                            names.add(attribute);
                        }
                        nextToken();
                        skip();
                    }
                } else {
                    skip();
                }
            }
        }
        return List.copyOf(names);
    }

    @Override
    public Optional<SourceRow> header() {
        if (started) {
            throw new IllegalStateException("the header was read already");
        }
        started = true;
        if (lines) {
            return Optional.of(new SourceRow(firstRowNumber - 1, header));
        }
        JsonToken root = nextToken();
        if (root == null) {
            throw problem(ProblemCode.EMPTY_FILE, "the document is empty", null);
        }
        if (rowsField.isEmpty()) {
            if (root != JsonToken.START_ARRAY) {
                throw unreadable("the document must be an array of row objects");
            }
            return Optional.of(new SourceRow(firstRowNumber - 1, header));
        }
        if (root != JsonToken.START_OBJECT) {
            throw unreadable("the document must be an object with a " + rowsField.get() + " array");
        }
        while (nextToken() == JsonToken.FIELD_NAME) {
            String name = currentName();
            JsonToken value = nextToken();
            if (rowsField.get().equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw unreadable(rowsField.get() + " must be an array of row objects");
                }
                return Optional.of(new SourceRow(firstRowNumber - 1, header));
            }
            skip();
        }
        throw problem(ProblemCode.EMPTY_FILE, "the document has no " + rowsField.get() + " array", null);
    }

    @Override
    public Optional<SourceRow> next() {
        if (!started) {
            throw new IllegalStateException("read the header first");
        }
        if (ended) {
            return Optional.empty();
        }
        JsonToken token = nextToken();
        if (ended()) {
            return Optional.empty();
        }
        long rowNumber;
        if (lines) {
            long line = parser.currentTokenLocation().getLineNr();
            if (line <= lastLine) {
                throw unreadable("line " + line + " holds a second row; JSON Lines holds one object per line");
            }
            lastLine = line;
            rowNumber = firstRowNumber - 1 + line;
        } else {
            rowNumber = firstRowNumber + index;
        }
        index++;
        String[] cells = new String[header.size()];
        Arrays.fill(cells, "");
        List<Problem> problems = new ArrayList<>(0);
        if (token != JsonToken.START_OBJECT) {
            problems.add(Problem.of(ProblemCode.INVALID_FORMAT, "the row must be an object of fields, not "
                    + kind(token)));
            skip();
        } else {
            readRow(cells, problems);
        }
        return Optional.of(new SourceRow(rowNumber, Arrays.asList(cells), null, problems));
    }

    private void readRow(String[] cells, List<Problem> problems) {
        Set<String> given = new HashSet<>();
        while (nextToken() == JsonToken.FIELD_NAME) {
            String name = currentName();
            JsonToken value = nextToken();
            if (!given.add(name)) {
                problems.add(Problem.at(ProblemCode.DUPLICATE_FIELD, Texts.shown(name), "the field " + Texts.shown(name)
                        + " is given twice in the row"));
                skip();
                continue;
            }
            if (attributesField.isPresent() && attributesField.get().equals(name)) {
                readAttributes(value, cells, problems);
                continue;
            }
            Integer at = fieldIndex.get(name);
            if (at == null) {
                String known = Texts.closest(name, fieldNames).orElse(null);
                problems.add(Problem.at(ProblemCode.UNKNOWN_FIELD, Texts.shown(name), "the field " + Texts.shown(name)
                        + " is not one a row may have" + (known == null ? "" : "; did you mean " + known + "?")));
                skip();
                continue;
            }
            if (noBooleans.contains(name) && (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE)) {
                problems.add(Problem.at(ProblemCode.INVALID_FORMAT, name, name + " must be a text or a number, not"
                        + " a boolean"));
                continue;
            }
            scalar(name, value, cells, at, problems);
        }
    }

    private void readAttributes(JsonToken value, String[] cells, List<Problem> problems) {
        String field = attributesField.orElseThrow();
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            problems.add(Problem.at(ProblemCode.INVALID_FORMAT, field, field
                    + " must be an object of attribute names to values, not " + kind(value)));
            skip();
            return;
        }
        Set<String> given = new HashSet<>();
        while (nextToken() == JsonToken.FIELD_NAME) {
            String attribute = currentName().strip();
            JsonToken token = nextToken();
            String key = Texts.normalize(attribute);
            if (!given.add(key)) {
                problems.add(Problem.at(ProblemCode.DUPLICATE_FIELD, Texts.shown(attribute), "the attribute "
                        + Texts.shown(attribute) + " is given twice in the row"));
                skip();
                continue;
            }
            if (reserved.contains(key)) {
                problems.add(Problem.at(ProblemCode.DUPLICATE_FIELD, Texts.shown(attribute), "the attribute "
                        + Texts.shown(attribute) + " has the name of a field; give it as the field"));
                skip();
                continue;
            }
            Integer at = attributeIndex.get(attribute);
            if (at == null) {
                if (namesFromEarlierReading) {
                    throw unreadable("the document changed since it was first read: the attribute "
                            + Texts.shown(attribute) + " was not in it");
                }
                // only past the column limit, which the engine refuses before any row
                skip();
                continue;
            }
            if (textAttributes && token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
                problems.add(Problem.at(ProblemCode.INVALID_FORMAT, Texts.shown(attribute), "the attribute "
                        + Texts.shown(attribute) + " must be a text (in double quotes), not " + kind(token)));
                skip();
                continue;
            }
            scalar(attribute, token, cells, at, problems);
        }
    }

    private void scalar(String name, JsonToken value, String[] cells, int at, List<Problem> problems) {
        switch (value) {
            case VALUE_STRING -> {
                String text = text();
                if (loneSurrogate(text)) {
                    problems.add(Problem.at(ProblemCode.INVALID_FORMAT, Texts.shown(name), Texts.shown(name)
                            + " holds half of a UTF-16 pair (an escape such as \\ud800 alone), which is not text"));
                } else {
                    cells[at] = text;
                }
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> cells[at] = text();
            case VALUE_TRUE -> cells[at] = "true";
            case VALUE_FALSE -> cells[at] = "false";
            case VALUE_NULL -> cells[at] = "";
            default -> {
                problems.add(Problem.at(ProblemCode.INVALID_FORMAT, Texts.shown(name), Texts.shown(name)
                        + " must be a text, a number or a boolean, not " + kind(value)));
                skip();
            }
        }
    }

    /** Whether a text has a surrogate without its pair: JSON's escapes allow it, no database stores it as text. */
    private static boolean loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rows are over: the array closed (the rest of the body checked), or the lines. */
    private boolean ended() {
        JsonToken token = parser.currentToken();
        if (lines ? token == null : token == JsonToken.END_ARRAY) {
            if (!lines && rowsField.isPresent()) {
                while (nextToken() == JsonToken.FIELD_NAME) {
                    nextToken();
                    skip();
                }
            }
            if (!lines && nextToken() != null) {
                throw unreadable("the document goes on after its end");
            }
            ended = true;
            return true;
        }
        if (token == null) {
            throw unreadable("the document ends before its rows do");
        }
        return false;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }

    private JsonToken nextToken() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private String currentName() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private String text() {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void skip() {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private SourceException failure(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return problem(ProblemCode.LIMIT_EXCEEDED, reason(e), e);
        }
        if (e instanceof JsonProcessingException) {
            return unreadable("the document is not valid JSON: " + reason(e));
        }
        return problem(ProblemCode.UNREADABLE_FILE, "the document could not be read", e);
    }

    private static String reason(IOException e) {
        return e instanceof JsonProcessingException json ? JsonErrors.describe(json) : "it could not be read";
    }

    private SourceException unreadable(String message) {
        return problem(ProblemCode.UNREADABLE_FILE, message, null);
    }

    private SourceException problem(ProblemCode code, String message, Throwable cause) {
        JsonLocation at = parser.currentLocation();
        String where = at.getLineNr() > 0 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "";
        long row = index == 0 ? -1 : lines ? firstRowNumber - 1 + lastLine : firstRowNumber + index - 1;
        return new SourceException(Problem.of(code, message + where), row, cause);
    }

    @Override
    public boolean mayBeTemplate() {
        return false;
    }

    @Override
    public boolean skipsBlankRows() {
        return false;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // closing a read-only stream; nothing was lost
        }
    }
}
