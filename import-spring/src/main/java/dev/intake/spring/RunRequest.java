package dev.intake.spring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.intake.core.Mode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a run was asked beyond its file: a mode of those the definition allows, a header mapping, the
 * submitter's roles (the run executes later, without the request), the cells edited over the file,
 * the rows the file holds as counted when it was submitted, and the run whose file it checks again.
 * Kept in front of the submitted file in the run's stored upload (a magic line, the request's JSON
 * by its length, then the file's bytes as sent), so the run store needs no field of its own for it,
 * and first in the run's results.
 *
 * @param mode the mode, when not the definition's
 * @param headerMapping the file's headers to columns' keys ({@code ""}: not read)
 * @param roles the submitter's roles, for the import's context when the run executes later
 * @param edits new texts of cells, by row number and column key ({@code EditedSource})
 * @param expectedRows the file's data rows as counted at submission; -1 when not counted
 * @param basedOn the run whose file this run checks or imports again, if any
 */
record RunRequest(Optional<Mode> mode, Map<String, String> headerMapping, java.util.Set<String> roles,
        Map<Long, Map<String, String>> edits, long expectedRows, Optional<String> basedOn) {
    private static final byte[] MAGIC = "INTAKE-RUN-1\n".getBytes(StandardCharsets.US_ASCII);
    /** Edits included: a page's worth of fixes many times over. */
    static final int MAX_REQUEST = 16 << 20;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    RunRequest {
        headerMapping = Map.copyOf(headerMapping);
        roles = java.util.Set.copyOf(roles);
        java.util.TreeMap<Long, Map<String, String>> sorted = new java.util.TreeMap<>();
        edits.forEach((row, cells) -> sorted.put(row, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(cells))));
        edits = java.util.Collections.unmodifiableMap(sorted);
    }

    /** A first run of a file, not edited. */
    RunRequest(Optional<Mode> mode, Map<String, String> headerMapping, java.util.Set<String> roles, long expectedRows) {
        this(mode, headerMapping, roles, Map.of(), expectedRows, Optional.empty());
    }

    /** @return the number of cells edited */
    int editedCells() {
        return edits.values().stream().mapToInt(Map::size).sum();
    }

    /** Writes the request, then the file's bytes follow. */
    void writeTo(OutputStream out) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(json)) {
            generator.writeStartObject();
            if (mode.isPresent()) {
                generator.writeStringField("mode", mode.get().name());
            }
            generator.writeObjectFieldStart("headerMapping");
            for (Map.Entry<String, String> entry : headerMapping.entrySet()) {
                generator.writeStringField(entry.getKey(), entry.getValue());
            }
            generator.writeEndObject();
            generator.writeArrayFieldStart("roles");
            for (String role : new java.util.TreeSet<>(roles)) {
                generator.writeString(role);
            }
            generator.writeEndArray();
            writeEdits(generator);
            generator.writeNumberField("expectedRows", expectedRows);
            if (basedOn.isPresent()) {
                generator.writeStringField("basedOn", basedOn.get());
            }
            generator.writeEndObject();
        }
        out.write(MAGIC);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(json.size());
        json.writeTo(out);
    }

    /** Writes the edits as {@code "edits": {"3": {"title": "Run 3"}}}. */
    void writeEdits(JsonGenerator generator) throws IOException {
        generator.writeObjectFieldStart("edits");
        for (Map.Entry<Long, Map<String, String>> row : edits.entrySet()) {
            generator.writeObjectFieldStart(Long.toString(row.getKey()));
            for (Map.Entry<String, String> cell : row.getValue().entrySet()) {
                generator.writeStringField(cell.getKey(), cell.getValue());
            }
            generator.writeEndObject();
        }
        generator.writeEndObject();
    }

    /**
     * Reads edits as {@link #writeEdits} writes them, the parser on the object's start.
     *
     * @throws IOException if they are not an object of row numbers to objects of texts
     */
    static Map<Long, Map<String, String>> readEdits(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("edits must be an object of row numbers to objects of column keys to texts");
        }
        Map<Long, Map<String, String>> edits = new java.util.TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            long row;
            try {
                row = Long.parseLong(parser.currentName());
            } catch (NumberFormatException e) {
                throw new IOException("edits must be keyed by row numbers, not " + parser.currentName());
            }
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the edits of row " + row + " must be an object of column keys to texts");
            }
            Map<String, String> cells = edits.computeIfAbsent(row, r -> new LinkedHashMap<>());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String column = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw new IOException("the edit of row " + row + ", column " + column + " must be a text");
                }
                cells.put(column, parser.getText());
            }
        }
        return edits;
    }

    /** Reads the request from the front of a stored upload, leaving the stream at the file's first byte. */
    static RunRequest readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("a run's stored upload does not start with its request");
        }
        int length = data.readInt();
        if (length < 0 || length > MAX_REQUEST) {
            throw new IOException("a run's request of " + length + " bytes");
        }
        byte[] json = new byte[length];
        data.readFully(json);
        Mode mode = null;
        Map<String, String> mapping = new LinkedHashMap<>();
        java.util.Set<String> roles = new java.util.TreeSet<>();
        Map<Long, Map<String, String>> edits = Map.of();
        long expected = -1;
        String basedOn = null;
        try (JsonParser parser = FACTORY.createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("mode")) {
                    mode = Mode.valueOf(parser.getText());
                } else if (field.equals("headerMapping")) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String header = parser.currentName();
                        parser.nextToken();
                        mapping.put(header, parser.getText());
                    }
                } else if (field.equals("roles")) {
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        roles.add(parser.getText());
                    }
                } else if (field.equals("edits")) {
                    edits = readEdits(parser);
                } else if (field.equals("expectedRows")) {
                    expected = parser.getLongValue();
                } else if (field.equals("basedOn")) {
                    basedOn = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new RunRequest(Optional.ofNullable(mode), mapping, roles, edits, expected, Optional.ofNullable(basedOn));
    }
}
