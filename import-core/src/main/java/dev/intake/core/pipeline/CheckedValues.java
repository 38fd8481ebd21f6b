package dev.intake.core.pipeline;

import dev.intake.core.ImportRow;
import dev.intake.core.internal.RowLayout;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The pipeline's {@link ImportRow}: the arrays a row was checked in, taken as they are (nobody
 * changes them once the row is checked) and read through the import's shared layout.
 */
final class CheckedValues extends SlotValues implements ImportRow {
    private final String[] groups;
    private final long[] referencedRows;

    CheckedValues(long rowNumber, RowLayout layout, Object[] values, String[] texts, Object[] references,
            Object[] attributes, String[] groups, long[] referencedRows) {
        super(rowNumber, layout, values, texts, references, attributes);
        this.groups = groups;
        this.referencedRows = referencedRows;
    }

    @Override
    public Optional<String> group(String name) {
        int slot = layout.group(name);
        return Optional.ofNullable(slot < 0 ? null : groups[slot]);
    }

    @Override
    public Map<String, String> groups() {
        return layout.groupMap(groups);
    }

    @Override
    public OptionalLong referencedRow(String name) {
        int slot = layout.rowReference(name);
        return slot < 0 || referencedRows[slot] == 0 ? OptionalLong.empty() : OptionalLong.of(referencedRows[slot]);
    }

    @Override
    public String toString() {
        Map<String, Object> attributeMap = attributes();
        return "ImportRow[" + rowNumber() + ": " + layout.columnMap(values)
                + (attributeMap.isEmpty() ? "" : ", attributes=" + attributeMap) + "]";
    }
}
