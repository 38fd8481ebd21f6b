package dev.intake.core.internal;

import dev.intake.core.ImportRow;
import dev.intake.core.RowValues;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The mutable state of one row while the pipeline checks it. */
final class WorkingRow implements RowValues {
    private final long rowNumber;
    final Map<String, Object> values = new HashMap<>();
    final Map<String, String> texts = new HashMap<>();
    final Map<String, Object> references = new HashMap<>();
    final Map<String, Object> attributes = new LinkedHashMap<>();

    WorkingRow(long rowNumber) {
        this.rowNumber = rowNumber;
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

    ImportRow freeze(Map<String, String> groups) {
        return FrozenRows.create(rowNumber, values, texts, references, attributes, groups);
    }

    private static <T> Optional<T> typed(Object value, String name, Class<T> type) {
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(name + " holds a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return Optional.ofNullable(type.cast(value));
    }
}
