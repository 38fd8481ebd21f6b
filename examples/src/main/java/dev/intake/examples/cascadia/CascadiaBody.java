package dev.intake.examples.cascadia;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The top level of an Import API request body, read with Jackson's streaming parser before any row
 * is: the target, the flag, the number and shape of the rows, and the BOM relationships. Every
 * problem found is kept, for the {@code 422 VALIDATION_ERROR} message; the rows themselves are
 * read by the import, as a JSON row source over the same bytes.
 *
 * @param design the design, when given and valid
 * @param branch the branch, when given and valid
 * @param program the program, when given and valid
 * @param bypassBranchProtection the flag (false when not given)
 * @param rows how many rows the body holds
 * @param bom the BOM relationships, in order
 * @param problems what makes the body invalid; empty when it is valid
 */
public record CascadiaBody(Optional<UUID> design, Optional<UUID> branch, Optional<UUID> program,
        boolean bypassBranchProtection, int rows, List<BomEntry> bom, List<String> problems) {

    /** Most rows in one request, as the seed says. */
    public static final int MAX_ROWS = 500;
    /** Most BOM relationships in one request. */
    public static final int MAX_RELATIONSHIPS = 5_000;
    /** Longest text in a body: a row's cell cannot be longer either. */
    public static final int MAX_STRING = 32_767;
    private static final int MAX_NESTING = 16;
    private static final int MAX_NUMBER = 1_000;

    /**
     * Reads a body's top level.
     *
     * @param kind what the request imports
     * @param body the body's bytes
     * @return the body's parts and problems
     */
    public static CascadiaBody read(CascadiaKind kind, byte[] body) {
        return read(kind, () -> new java.io.ByteArrayInputStream(body), body.length);
    }

    /**
     * Reads a body's top level from a stream.
     *
     * @param kind what the request imports
     * @param body opens the body's bytes
     * @param length the body's length
     * @return the body's parts and problems
     */
    public static CascadiaBody read(CascadiaKind kind, dev.intake.json.JsonSource.Input body, long length) {
        return new Reader(kind).read(body, length);
    }

    /** Reads one body. */
    private static final class Reader {
        private final CascadiaKind kind;
        private final List<String> problems = new ArrayList<>();
        private final List<BomEntry> bom = new ArrayList<>();
        private Optional<UUID> design = Optional.empty();
        private Optional<UUID> branch = Optional.empty();
        private Optional<UUID> program = Optional.empty();
        private boolean bypass;
        private int rows;
        private JsonParser parser;

        Reader(CascadiaKind kind) {
            this.kind = kind;
        }

        CascadiaBody read(dev.intake.json.JsonSource.Input body, long length) {
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(length + 1L)
                            .maxStringLength(MAX_STRING)
                            .maxNameLength(MAX_STRING)
                            .maxNestingDepth(MAX_NESTING)
                            .maxNumberLength(MAX_NUMBER)
                            .build())
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build();
            try (java.io.InputStream in = body.open(); JsonParser json = factory.createParser(in)) {
                parser = json;
                readBody();
            } catch (StreamConstraintsException e) {
                problems.add("Request body is over a limit: " + reason(e));
            } catch (JsonProcessingException e) {
                problems.add("Request body is not valid JSON: " + reason(e));
            } catch (IOException e) {
                problems.add("Request body could not be read");
            }
            return new CascadiaBody(design, branch, program, bypass, rows, List.copyOf(bom), List.copyOf(problems));
        }

        private void readBody() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add("Request body must be a JSON object");
                return;
            }
            Set<String> seen = new HashSet<>();
            boolean rowsGiven = false;
            boolean designGiven = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!seen.add(name)) {
                    problems.add(shown(name) + " is given twice");
                    parser.skipChildren();
                    continue;
                }
                switch (name) {
                    case "designId" -> {
                        designGiven = value != JsonToken.VALUE_NULL;
                        design = uuid(value, "Design ID");
                    }
                    case "branchId" -> branch = uuid(value, "Branch ID");
                    case "programId" -> program = uuid(value, "Program ID");
                    case "bypassBranchProtection" -> {
                        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                            bypass = value == JsonToken.VALUE_TRUE;
                        } else if (value != JsonToken.VALUE_NULL) {
                            problems.add("bypassBranchProtection must be true or false");
                            parser.skipChildren();
                        }
                    }
                    case "rows" -> {
                        rowsGiven = true;
                        readRows(value);
                    }
                    case "bomRelationships" -> readBom(value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                problems.add("Request body goes on after its end");
            }
            if (kind.inDesign() && !designGiven) {
                problems.add("Design ID is required");
            }
            if (!rowsGiven) {
                problems.add("Rows are required");
            }
        }

        private Optional<UUID> uuid(JsonToken value, String what) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return Optional.empty();
            }
            if (value == JsonToken.VALUE_STRING) {
                String text = parser.getText().strip();
                try {
                    UUID id = UUID.fromString(text);
                    if (id.toString().equalsIgnoreCase(text)) {
                        return Optional.of(id);
                    }
                } catch (IllegalArgumentException e) {
                    // reported below
                }
            }
            parser.skipChildren();
            problems.add(what + " must be a UUID");
            return Optional.empty();
        }

        private void readRows(JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                problems.add("Rows must be an array");
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    problems.add("rows[" + rows + "] must be an object");
                }
                parser.skipChildren();
                rows++;
            }
            if (rows == 0) {
                problems.add("Rows must hold 1 to " + MAX_ROWS + " rows");
            } else if (rows > MAX_ROWS) {
                problems.add("Rows must hold at most " + MAX_ROWS + " rows, not " + rows);
            }
        }

        private void readBom(JsonToken value) throws IOException {
            if (kind != CascadiaKind.PARTS) {
                problems.add("bomRelationships apply to parts only");
                parser.skipChildren();
                return;
            }
            if (value == JsonToken.VALUE_NULL) {
                return;
            }
            if (value != JsonToken.START_ARRAY) {
                problems.add("bomRelationships must be an array");
                parser.skipChildren();
                return;
            }
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (index == MAX_RELATIONSHIPS) {
                    problems.add("bomRelationships must hold at most " + MAX_RELATIONSHIPS + " entries");
                }
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    problems.add("bomRelationships[" + index + "] must be an object");
                    parser.skipChildren();
                } else if (index < MAX_RELATIONSHIPS) {
                    bom.add(readEntry(index));
                } else {
                    parser.skipChildren();
                }
                index++;
            }
        }

        private BomEntry readEntry(int index) throws IOException {
            String[] fields = new String[5];
            List<String> entryProblems = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<String> names = List.of("parentItemNumber", "childItemNumber", "quantity", "findNumber",
                    "referenceDesignator");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int at = names.indexOf(name);
                if (!seen.add(name)) {
                    entryProblems.add(shown(name) + " is given twice");
                } else if (at < 0) {
                    entryProblems.add(shown(name) + " is not a field of a BOM relationship");
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    entryProblems.add(name + " must be a text or a number");
                } else if (value != JsonToken.VALUE_NULL) {
                    fields[at] = parser.getText();
                }
                parser.skipChildren();
            }
            return new BomEntry(index, fields[0], fields[1], fields[2], fields[3], fields[4],
                    entryProblems.isEmpty() ? null : String.join("; ", entryProblems));
        }
    }

    private static String reason(JsonProcessingException e) {
        return dev.intake.json.JsonErrors.explain(e);
    }

    private static String shown(String name) {
        return name.length() <= 60 ? name : name.substring(0, 60) + "... (" + name.length() + " characters)";
    }
}
