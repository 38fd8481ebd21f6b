package dev.intake.core;

import dev.intake.core.internal.FrozenRows;
import dev.intake.core.internal.RowLayout;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A row that passed every check: its converted values, resolved references, custom attributes and
 * group keys. A host's row mapper turns it into its own record. Immutable and thread-safe.
 */
public final class ImportRow implements RowValues {
    private final long rowNumber;
    private final RowLayout layout;
    private final Object[] values;
    private final String[] texts;
    private final Object[] references;
    private final Object[] attributes;
    private final String[] groups;

    /**
     * Creates a row; the pipeline does this, and tests of a host's mapper may too.
     *
     * @param rowNumber the row number as a spreadsheet shows it
     * @param values converted values by column key (unset columns absent)
     * @param texts the trimmed non-empty cell texts by column key
     * @param references resolved records by reference name
     * @param attributes custom attribute values by key, in header order
     * @param groups group keys by group name
     * @throws NullPointerException if a map, key or value is null
     */
    public ImportRow(long rowNumber, Map<String, ?> values, Map<String, String> texts, Map<String, ?> references,
            Map<String, ?> attributes, Map<String, String> groups) {
        Set<String> columns = new LinkedHashSet<>(values.keySet());
        columns.addAll(texts.keySet());
        RowLayout slots = RowLayout.of(columns, references.keySet(), attributes.keySet(), groups.keySet());
        Object[] valueSlots = new Object[slots.columns()];
        String[] textSlots = new String[slots.columns()];
        Object[] referenceSlots = new Object[slots.references()];
        Object[] attributeSlots = new Object[slots.attributes()];
        String[] groupSlots = new String[slots.groups()];
        for (Map.Entry<String, ?> value : values.entrySet()) {
            valueSlots[slots.column(value.getKey())] = Objects.requireNonNull(value.getValue(), value.getKey());
        }
        for (Map.Entry<String, String> text : texts.entrySet()) {
            textSlots[slots.column(text.getKey())] = Objects.requireNonNull(text.getValue(), text.getKey());
        }
        for (Map.Entry<String, ?> reference : references.entrySet()) {
            referenceSlots[slots.reference(reference.getKey())] = Objects.requireNonNull(reference.getValue(),
                    reference.getKey());
        }
        for (Map.Entry<String, ?> attribute : attributes.entrySet()) {
            attributeSlots[slots.attribute(attribute.getKey())] = Objects.requireNonNull(attribute.getValue(),
                    attribute.getKey());
        }
        for (Map.Entry<String, String> group : groups.entrySet()) {
            groupSlots[slots.group(group.getKey())] = Objects.requireNonNull(group.getValue(), group.getKey());
        }
        this.rowNumber = rowNumber;
        this.layout = slots;
        this.values = valueSlots;
        this.texts = textSlots;
        this.references = referenceSlots;
        this.attributes = attributeSlots;
        this.groups = groupSlots;
    }

    static {
        FrozenRows.register(ImportRow::new);
    }

    /** Takes the arrays as they are; the pipeline hands over arrays nobody changes afterwards. */
    private ImportRow(long rowNumber, RowLayout layout, Object[] values, String[] texts, Object[] references,
            Object[] attributes, String[] groups) {
        this.rowNumber = rowNumber;
        this.layout = layout;
        this.values = values;
        this.texts = texts;
        this.references = references;
        this.attributes = attributes;
        this.groups = groups;
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

    @Override
    public Optional<String> text(String column) {
        return layout.text(texts, column);
    }

    @Override
    public <T> Optional<T> reference(String name, Class<T> type) {
        return layout.reference(references, name, type);
    }

    /**
     * @return the custom attribute values by key, in header order, unmodifiable
     */
    @Override
    public Map<String, Object> attributes() {
        return layout.attributeMap(attributes);
    }

    /**
     * The key of a find-or-create group the row joins.
     *
     * @param name the group's name (its column key)
     * @return the key, or empty when the row gives none
     */
    public Optional<String> group(String name) {
        int slot = layout.group(name);
        return Optional.ofNullable(slot < 0 ? null : groups[slot]);
    }

    /**
     * @return the group keys by group name, unmodifiable
     */
    public Map<String, String> groups() {
        return layout.groupMap(groups);
    }

    @Override
    public String toString() {
        Map<String, Object> attributeMap = attributes();
        return "ImportRow[" + rowNumber + ": " + layout.columnMap(values)
                + (attributeMap.isEmpty() ? "" : ", attributes=" + attributeMap) + "]";
    }
}
