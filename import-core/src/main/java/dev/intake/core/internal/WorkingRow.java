package dev.intake.core.internal;

import dev.intake.core.ImportRow;
import dev.intake.core.RowValues;
import java.util.Map;
import java.util.Optional;

/** The mutable state of one row while the pipeline checks it, kept in arrays by the layout's slots. */
final class WorkingRow implements RowValues {
    private final long rowNumber;
    private final RowLayout layout;
    final Object[] values;
    final String[] texts;
    final Object[] references;
    final Object[] attributes;

    WorkingRow(long rowNumber, RowLayout layout) {
        this.rowNumber = rowNumber;
        this.layout = layout;
        this.values = new Object[layout.columns()];
        this.texts = new String[layout.columns()];
        this.references = new Object[layout.references()];
        this.attributes = new Object[layout.attributes()];
    }

    @Override
    public long rowNumber() {
        return rowNumber;
    }

    @Override
    public boolean isGiven(String column) {
        return layout.isGiven(values, texts, column);
    }

    @Override
    public <T> Optional<T> value(String column, Class<T> type) {
        return layout.value(values, column, type);
    }

    /**
     * @param column a column key
     * @return whether the column has a converted value
     */
    boolean hasValue(String column) {
        int slot = layout.column(column);
        return slot >= 0 && values[slot] != null;
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
    public Map<String, Object> attributes() {
        return layout.attributeMap(attributes);
    }

    /** Hands the arrays to an ImportRow, with the group keys the layout's group columns hold. */
    ImportRow freeze() {
        String[] groups = new String[layout.groups()];
        for (int i = 0; i < groups.length; i++) {
            int column = layout.groupColumn(i);
            groups[i] = column < 0 ? null : texts[column];
        }
        return FrozenRows.create(rowNumber, layout, values, texts, references, attributes, groups);
    }
}
