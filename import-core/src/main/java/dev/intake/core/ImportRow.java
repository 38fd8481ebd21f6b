package dev.intake.core;

import dev.intake.core.internal.FrozenRows;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A row that passed every check: its converted values, resolved references, custom attributes and
 * group keys. A host's row mapper turns it into its own record. Immutable and thread-safe.
 */
public final class ImportRow implements RowValues {
    private final long rowNumber;
    private final Map<String, Object> values;
    private final Map<String, String> texts;
    private final Map<String, Object> references;
    private final Map<String, Object> attributes;
    private final Map<String, String> groups;

    /**
     * Creates a row; the pipeline does this, and tests of a host's mapper may too.
     *
     * @param rowNumber the row number as a spreadsheet shows it
     * @param values converted values by column key (unset columns absent)
     * @param texts the trimmed non-empty cell texts by column key
     * @param references resolved records by reference name
     * @param attributes custom attribute values by key, in header order
     * @param groups group keys by group name
     */
    public ImportRow(long rowNumber, Map<String, ?> values, Map<String, String> texts, Map<String, ?> references,
            Map<String, ?> attributes, Map<String, String> groups) {
        this(rowNumber, Map.copyOf(values), Map.copyOf(texts), Map.copyOf(references),
                Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), Map.copyOf(groups), true);
    }

    static {
        FrozenRows.register((rowNumber, values, texts, references, attributes, groups) ->
                new ImportRow(rowNumber, values, texts, references, attributes, groups, true));
    }

    /** Takes the maps as they are, unmodifiable; callers hand over maps nobody changes afterwards. */
    private ImportRow(long rowNumber, Map<String, ?> values, Map<String, String> texts, Map<String, ?> references,
            Map<String, ?> attributes, Map<String, String> groups, boolean owned) {
        this.rowNumber = rowNumber;
        this.values = Collections.unmodifiableMap(values);
        this.texts = Collections.unmodifiableMap(texts);
        this.references = Collections.unmodifiableMap(references);
        this.attributes = Collections.unmodifiableMap(attributes);
        this.groups = Collections.unmodifiableMap(groups);
    }

    @Override
    public long rowNumber() {
        return rowNumber;
    }

    @Override
    public boolean isGiven(String column) {
        return texts.containsKey(column) && !Boolean.FALSE.equals(values.get(column));
    }

    @Override
    public <T> Optional<T> value(String column, Class<T> type) {
        return typed(values.get(column), column, type);
    }

    @Override
    public Optional<String> text(String column) {
        return Optional.ofNullable(texts.get(column));
    }

    @Override
    public <T> Optional<T> reference(String name, Class<T> type) {
        return typed(references.get(name), name, type);
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * The key of a find-or-create group the row joins.
     *
     * @param name the group's name (its column key)
     * @return the key, or empty when the row gives none
     */
    public Optional<String> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /**
     * @return the group keys by group name, unmodifiable
     */
    public Map<String, String> groups() {
        return groups;
    }

    private static <T> Optional<T> typed(Object value, String name, Class<T> type) {
        Objects.requireNonNull(type, "type must not be null");
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(name + " holds a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return Optional.ofNullable(type.cast(value));
    }

    @Override
    public String toString() {
        return "ImportRow[" + rowNumber + ": " + values + (attributes.isEmpty() ? "" : ", attributes=" + attributes) + "]";
    }
}
