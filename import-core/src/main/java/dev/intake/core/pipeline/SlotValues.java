package dev.intake.core.pipeline;

import dev.intake.core.RowValues;
import dev.intake.core.internal.RowLayout;
import java.util.Map;
import java.util.Optional;

/**
 * A row's values in arrays by the import's shared layout, read as {@link RowValues}: what the row
 * being checked and the checked row have in common.
 */
abstract class SlotValues implements RowValues {
    private final long rowNumber;
    final RowLayout layout;
    final Object[] values;
    final String[] texts;
    final Object[] references;
    final Object[] attributes;

    SlotValues(long rowNumber, RowLayout layout, Object[] values, String[] texts, Object[] references,
            Object[] attributes) {
        this.rowNumber = rowNumber;
        this.layout = layout;
        this.values = values;
        this.texts = texts;
        this.references = references;
        this.attributes = attributes;
    }

    @Override
    public long rowNumber() {
        return rowNumber;
    }

    @Override
    public boolean isGiven(String column) {
        return layout.isGiven(values, column);
    }

    @Override
    public boolean isEmpty(String column) {
        return layout.isEmpty(values, texts, column);
    }

    @Override
    public <T> Optional<T> value(String column, Class<T> type) {
        return layout.value(values, column, type);
    }

    @Override
    public Optional<String> text(String column) {
        return layout.text(texts, column);
    }

    @Override
    public <T> Optional<T> reference(String name, Class<T> type) {
        return layout.reference(references, name, type);
    }

    @Override
    public String label(String column) {
        return layout.label(column);
    }

    @Override
    public Map<String, Object> attributes() {
        return layout.attributeMap(attributes);
    }
}
