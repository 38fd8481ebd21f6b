package dev.intake.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** An {@link ImportRow} made by its builder, for hosts' tests: maps, copied once. */
final class BuiltRow implements ImportRow {
    private final long rowNumber;
    private final Map<String, Object> values;
    private final Map<String, String> texts;
    private final Map<String, Object> references;
    private final Map<String, Object> attributes;
    private final Map<String, String> groups;
    private final Map<String, Long> referencedRows;

    BuiltRow(long rowNumber, Map<String, Object> values, Map<String, String> texts, Map<String, Object> references,
            Map<String, Object> attributes, Map<String, String> groups, Map<String, Long> referencedRows) {
        this.rowNumber = rowNumber;
        this.values = Map.copyOf(values);
        this.texts = Map.copyOf(texts);
        this.references = Map.copyOf(references);
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.referencedRows = Map.copyOf(referencedRows);
    }

    @Override
    public long rowNumber() {
        return rowNumber;
    }

    @Override
    public boolean isGiven(String column) {
        Object value = values.get(column);
        return value != null && !Boolean.FALSE.equals(value);
    }

    @Override
    public boolean isEmpty(String column) {
        return !texts.containsKey(column) || Boolean.FALSE.equals(values.get(column));
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

    @Override
    public Optional<String> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    @Override
    public Map<String, String> groups() {
        return groups;
    }

    @Override
    public OptionalLong referencedRow(String name) {
        Long row = referencedRows.get(name);
        return row == null ? OptionalLong.empty() : OptionalLong.of(row);
    }

    private static <T> Optional<T> typed(Object value, String name, Class<T> type) {
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
