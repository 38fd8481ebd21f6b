package dev.intake.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.IntakeException;
import dev.intake.core.Mode;
import dev.intake.core.internal.Texts;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Rules;
import dev.intake.core.type.Conversion;
import dev.intake.core.type.Types;
import dev.intake.core.type.ValueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;

/**
 * Import definitions as data: the JSON form in which a host stores its users' saved definitions,
 * read into an {@link ImportDefinition} against the host's {@link Targets} (the fields and
 * attributes a column may fill, with their types). A bad document is refused with every problem
 * and its JSON path.
 *
 * <pre>
 * {
 *   "name": "Mechanical parts (create or update)",
 *   "action": "CREATE_OR_UPDATE",
 *   "columns": [
 *     { "header": "Number", "field": "number", "required": true },
 *     { "header": "Name", "field": "name", "required": true, "maxLength": 200 },
 *     { "header": "Finish", "attribute": "finish" },
 *     { "header": "Grade", "attribute": "grade", "type": "option", "options": ["A", "B"] }
 *   ],
 *   "fixedValues": { "world": "Mechanical" }
 * }
 * </pre>
 *
 * <ul>
 *   <li>{@code name} (required), {@code description}; {@code guid} or {@code id}, the host's
 *       identity of the document, are allowed and not read. Any other field is a problem.</li>
 *   <li>{@code action}: {@code CREATE} (mode {@code CREATE_ONLY}), {@code UPDATE}
 *       ({@code UPDATE_ONLY}) or {@code CREATE_OR_UPDATE} ({@code UPSERT}); Intake's mode names
 *       are accepted too. Rows match existing records on the targets' key field, which an update
 *       needs a column for.</li>
 *   <li>{@code columns}: each a file {@code header} (the column's label) and exactly one of
 *       {@code field} or {@code attribute}; optionally {@code required}, {@code maxLength},
 *       {@code aliases}, {@code description}, and {@code type} ({@code text}, {@code integer},
 *       {@code decimal}, {@code boolean}, {@code date}, {@code email}, {@code currency},
 *       {@code option} with {@code options}) for a target the host gives no type; a target's type
 *       cannot be changed. The column's key is its target's name.</li>
 *   <li>{@code fixedValues}: values every row gets, by target name, read with the target's type
 *       when the document is read: a value the type refuses is a problem at
 *       {@code $.fixedValues.<name>} with the type's code ({@code INVALID_OPTION} for an option).</li>
 * </ul>
 */
public final class DefinitionJson {
    private static final Set<String> DOCUMENT_FIELDS = Set.of("name", "description", "action", "columns", "fixedValues",
            "guid", "id");
    private static final Set<String> COLUMN_FIELDS = Set.of("header", "field", "attribute", "required", "maxLength",
            "aliases", "description", "type", "options");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(1 << 20)
                .maxNestingDepth(16).build());
    }

    private DefinitionJson() {
    }

    /** What a column fills: a field of the host's record, or a custom attribute. */
    public enum Kind {
        /** A field of the host's record, such as an item's number. */
        FIELD,
        /** A custom attribute. */
        ATTRIBUTE
    }

    /**
     * What a column or fixed value fills.
     *
     * @param kind field or attribute
     * @param name the field's or attribute's name; also the column's key
     */
    public record Target(Kind kind, String name) {
        /**
         * Validates the components. /
         *
         * @param kind field or attribute
         * @param name the name
         */
        public Target {
            Objects.requireNonNull(kind, "kind must not be null");
            Objects.requireNonNull(name, "name must not be null");
        }
    }

    /**
     * One problem of a document.
     *
     * @param path where, as a JSON path ({@code $.columns[2].field})
     * @param code what kind of problem
     * @param message what is wrong, for the person who saved the definition
     */
    public record Problem(String path, ProblemCode code, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** Thrown when a document is not a valid definition; lists every problem. */
    public static final class InvalidDefinitionException extends IntakeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        InvalidDefinitionException(List<Problem> problems) {
            super("the definition is not valid: " + String.join("; ", problems.stream().map(Problem::toString).toList()),
                    -1, null, null);
            this.problems = List.copyOf(problems);
        }

        /** @return every problem, in document order */
        public List<Problem> problems() {
            return problems;
        }
    }

    /**
     * A definition read from a document: the definition, what each column fills, and the values
     * fixed for every row, already read with their types.
     *
     * @param definition the import definition (column keys are target names)
     * @param targets what each column fills, by column key
     * @param fixedValues the fixed values by target, read with their types
     */
    public record Definition(ImportDefinition definition, Map<String, Target> targets, Map<Target, Object> fixedValues) {
        /**
         * Copies the components. /
         *
         * @param definition the import definition
         * @param targets what each column fills
         * @param fixedValues the fixed values
         */
        public Definition {
            targets = Map.copyOf(targets);
            fixedValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixedValues));
        }
    }

    /**
     * The fields and attributes a host's definitions may fill, with their types, and the key field
     * rows match existing records on. Immutable once built.
     */
    public static final class Targets {
        private final Map<Target, ValueType<?>> types;
        private final String key;

        private Targets(Map<Target, ValueType<?>> types, String key) {
            this.types = Map.copyOf(types);
            this.key = key;
        }

        /** @return a builder */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds {@link Targets}. */
        public static final class Builder {
            private final Map<Target, ValueType<?>> types = new LinkedHashMap<>();
            private String key;

            private Builder() {
            }

            /**
             * Adds a field.
             *
             * @param name the field's name
             * @param type its type
             * @return this builder
             */
            public Builder field(String name, ValueType<?> type) {
                types.put(new Target(Kind.FIELD, name), Objects.requireNonNull(type, "type must not be null"));
                return this;
            }

            /**
             * Adds an attribute.
             *
             * @param name the attribute's name
             * @param type its type
             * @return this builder
             */
            public Builder attribute(String name, ValueType<?> type) {
                types.put(new Target(Kind.ATTRIBUTE, name), Objects.requireNonNull(type, "type must not be null"));
                return this;
            }

            /**
             * Sets the field rows match existing records on.
             *
             * @param field the field's name, one added with {@link #field}
             * @return this builder
             */
            public Builder key(String field) {
                key = field;
                return this;
            }

            /**
             * @return the targets
             * @throws IllegalStateException if the key is not a field
             */
            public Targets build() {
                if (key != null && !types.containsKey(new Target(Kind.FIELD, key))) {
                    throw new IllegalStateException("the key " + key + " is not a field");
                }
                return new Targets(types, key);
            }
        }
    }

    /**
     * Reads a document.
     *
     * @param document the JSON document's bytes
     * @param targets what its columns may fill
     * @return the definition
     * @throws InvalidDefinitionException listing every problem, with its JSON path
     */
    public static Definition read(byte[] document, Targets targets) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(List.of(new Problem("$", ProblemCode.UNREADABLE_FILE,
                    "not valid JSON: " + JsonErrors.explain(e))));
        } catch (IOException e) {
            throw new InvalidDefinitionException(List.of(new Problem("$", ProblemCode.UNREADABLE_FILE,
                    "the document could not be read")));
        }
        return new Reader(targets).read(root);
    }

    /** Reads one document, collecting every problem. */
    private static final class Reader {
        private final Targets targets;
        private final List<Problem> problems = new ArrayList<>();

        Reader(Targets targets) {
            this.targets = Objects.requireNonNull(targets, "targets must not be null");
        }

        Definition read(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw new InvalidDefinitionException(List.of(new Problem("$", ProblemCode.INVALID_FORMAT,
                        "a definition is a JSON object")));
            }
            unknownFields(root, "$", DOCUMENT_FIELDS);
            String name = text(root, "name", "$.name", true);
            ImportDefinition.Builder builder = ImportDefinition.builder(name == null ? "definition" : name);
            String description = text(root, "description", "$.description", false);
            if (description != null) {
                builder.description(description);
            }
            Mode mode = mode(root);
            Map<String, Target> columns = new LinkedHashMap<>();
            Set<String> headers = new HashSet<>();
            JsonNode list = root.get("columns");
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add(new Problem("$.columns", ProblemCode.REQUIRED, "columns must be a non-empty array"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    column(list.get(i), "$.columns[" + i + "]", builder, columns, headers);
                }
            }
            Map<Target, Object> fixed = fixedValues(root.get("fixedValues"), columns);
            String key = targets.key;
            if (key != null && columns.containsKey(key) && columns.get(key).kind() == Kind.FIELD) {
                builder.key(key);
            } else if (key != null && mode != Mode.CREATE_ONLY) {
                problems.add(new Problem("$.columns", ProblemCode.MISSING_COLUMN, "an action that updates needs a column"
                        + " for the field " + key + ", on which rows match existing records"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException(problems);
            }
            builder.mode(mode);
            return new Definition(builder.build(), columns, fixed);
        }

        private Mode mode(JsonNode root) {
            String action = text(root, "action", "$.action", true);
            if (action == null) {
                return Mode.CREATE_ONLY;
            }
            switch (action.toUpperCase(Locale.ROOT)) {
                case "CREATE", "CREATE_ONLY":
                    return Mode.CREATE_ONLY;
                case "UPDATE", "UPDATE_ONLY":
                    return Mode.UPDATE_ONLY;
                case "CREATE_OR_UPDATE", "UPSERT":
                    return Mode.UPSERT;
                default:
                    problems.add(new Problem("$.action", ProblemCode.INVALID_OPTION, "action must be CREATE, UPDATE or"
                            + " CREATE_OR_UPDATE, not " + Texts.shown(action)));
                    return Mode.CREATE_ONLY;
            }
        }

        private void column(JsonNode node, String path, ImportDefinition.Builder builder, Map<String, Target> columns,
                Set<String> headers) {
            if (!node.isObject()) {
                problems.add(new Problem(path, ProblemCode.INVALID_FORMAT, "a column is an object"));
                return;
            }
            unknownFields(node, path, COLUMN_FIELDS);
            String header = text(node, "header", path + ".header", true);
            String field = text(node, "field", path + ".field", false);
            String attribute = text(node, "attribute", path + ".attribute", false);
            if (header != null && !headers.add(header.strip().toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(path + ".header", ProblemCode.DUPLICATE_COLUMN, "the header " + Texts.shown(header)
                        + " is used by another column"));
            }
            if ((field == null) == (attribute == null)) {
                problems.add(new Problem(path, ProblemCode.MISSING_ONE_OF, "a column fills exactly one of field or"
                        + " attribute"));
                return;
            }
            Target target = field != null ? new Target(Kind.FIELD, field) : new Target(Kind.ATTRIBUTE, attribute);
            String targetPath = path + (field != null ? ".field" : ".attribute");
            ValueType<?> type = type(node, path, target, targetPath);
            if (columns.containsKey(target.name())) {
                problems.add(new Problem(targetPath, ProblemCode.DUPLICATE_COLUMN, "another column fills "
                        + target.name()));
                return;
            }
            columns.put(target.name(), target);
            if (type == null || header == null) {
                return;
            }
            Column.Builder<?> column = Column.of(target.name(), type).label(header.strip());
            if (bool(node, "required", path + ".required")) {
                column.required();
            }
            JsonNode maxLength = node.get("maxLength");
            if (maxLength != null) {
                if (!maxLength.canConvertToInt() || !maxLength.isIntegralNumber() || maxLength.intValue() < 1) {
                    problems.add(new Problem(path + ".maxLength", ProblemCode.INVALID_INTEGER,
                            "maxLength must be a whole number of 1 or more"));
                } else if (!type.javaType().equals(String.class)) {
                    problems.add(new Problem(path + ".maxLength", ProblemCode.NOT_ALLOWED,
                            "maxLength applies to text, not to a " + type.name()));
                } else {
                    @SuppressWarnings("unchecked")
                    Column.Builder<String> text = (Column.Builder<String>) column;
                    text.rule(Rules.maxLength(maxLength.intValue()));
                }
            }
            JsonNode aliases = node.get("aliases");
            if (aliases != null) {
                if (!aliases.isArray()) {
                    problems.add(new Problem(path + ".aliases", ProblemCode.INVALID_FORMAT, "aliases is an array of texts"));
                } else {
                    for (int i = 0; i < aliases.size(); i++) {
                        if (aliases.get(i).isTextual() && !aliases.get(i).asText().isBlank()) {
                            column.alias(aliases.get(i).asText());
                        } else {
                            problems.add(new Problem(path + ".aliases[" + i + "]", ProblemCode.INVALID_FORMAT,
                                    "an alias is a text"));
                        }
                    }
                }
            }
            String description = text(node, "description", path + ".description", false);
            if (description != null) {
                column.description(description);
            }
            builder.column(column);
        }

        /** The column's type: the target's, or the document's for a target the host leaves untyped. */
        private ValueType<?> type(JsonNode node, String path, Target target, String targetPath) {
            ValueType<?> known = targets.types.get(target);
            String named = text(node, "type", path + ".type", false);
            JsonNode options = node.get("options");
            if (known != null) {
                if (named != null && !named.equalsIgnoreCase(known.name())) {
                    problems.add(new Problem(path + ".type", ProblemCode.NOT_ALLOWED, target.name() + " is a "
                            + known.name() + ", not a " + Texts.shown(named)));
                }
                if (options != null) {
                    problems.add(new Problem(path + ".options", ProblemCode.NOT_ALLOWED, "the options of "
                            + target.name() + " are the application's"));
                }
                return known;
            }
            if (named == null) {
                problems.add(new Problem(targetPath, ProblemCode.NOT_FOUND, "no " + target.kind().name()
                        .toLowerCase(Locale.ROOT) + " is named " + Texts.shown(target.name()) + "; give the column a type"
                        + " to add one"));
                return null;
            }
            if (!named.toLowerCase(Locale.ROOT).equals("option")) {
                Optional<ValueType<?>> simple = Types.named(named);
                if (simple.isEmpty()) {
                    problems.add(new Problem(path + ".type", ProblemCode.INVALID_OPTION, "type must be text, integer,"
                            + " decimal, boolean, date, email, currency or option, not " + Texts.shown(named)));
                }
                return simple.orElse(null);
            }
            List<String> values = new ArrayList<>();
            if (options == null || !options.isArray() || options.isEmpty()) {
                problems.add(new Problem(path + ".options", ProblemCode.REQUIRED, "an option column lists its options"));
                return null;
            }
            for (int i = 0; i < options.size(); i++) {
                if (!options.get(i).isTextual() || options.get(i).asText().isBlank()
                        || values.stream().anyMatch(options.get(i).asText()::equalsIgnoreCase)) {
                    problems.add(new Problem(path + ".options[" + i + "]", ProblemCode.INVALID_FORMAT,
                            "an option is a text of its own"));
                } else {
                    values.add(options.get(i).asText());
                }
            }
            return values.isEmpty() ? null : Types.option(values);
        }

        private Map<Target, Object> fixedValues(JsonNode node, Map<String, Target> columns) {
            Map<Target, Object> fixed = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return fixed;
            }
            if (!node.isObject()) {
                problems.add(new Problem("$.fixedValues", ProblemCode.INVALID_FORMAT,
                        "fixedValues is an object of names to values"));
                return fixed;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "$.fixedValues." + entry.getKey();
                Target target = columns.get(entry.getKey());
                if (target == null) {
                    target = targets.types.containsKey(new Target(Kind.ATTRIBUTE, entry.getKey()))
                            ? new Target(Kind.ATTRIBUTE, entry.getKey()) : new Target(Kind.FIELD, entry.getKey());
                }
                ValueType<?> type = targets.types.get(target);
                if (type == null) {
                    problems.add(new Problem(path, ProblemCode.NOT_FOUND, "no field or attribute is named "
                            + Texts.shown(entry.getKey())));
                    continue;
                }
                if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                    problems.add(new Problem(path, ProblemCode.INVALID_FORMAT, "a fixed value is a text, a number or"
                            + " a boolean"));
                    continue;
                }
                Conversion<?> value = type.prepare().convert(entry.getKey(), entry.getValue().asText().strip());
                if (value.isOk()) {
                    fixed.put(target, value.get());
                } else {
                    problems.add(new Problem(path, value.code().orElse(ProblemCode.INVALID_FORMAT), value.message()));
                }
            }
            return fixed;
        }

        private void unknownFields(JsonNode node, String path, Set<String> known) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    problems.add(new Problem(path + "." + name, ProblemCode.UNKNOWN_FIELD, Texts.shown(name)
                            + " is not a field of " + (path.equals("$") ? "a definition" : "a column")));
                }
            }
        }

        private String text(JsonNode node, String name, String path, boolean required) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                if (required) {
                    problems.add(new Problem(path, ProblemCode.REQUIRED, name + " is required"));
                }
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                problems.add(new Problem(path, ProblemCode.INVALID_FORMAT, name + " must be a text that is not blank"));
                return null;
            }
            return value.asText();
        }

        private boolean bool(JsonNode node, String name, String path) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return false;
            }
            if (!value.isBoolean()) {
                problems.add(new Problem(path, ProblemCode.INVALID_BOOLEAN, name + " must be true or false"));
                return false;
            }
            return value.booleanValue();
        }
    }
}
