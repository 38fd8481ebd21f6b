package dev.intake.core.pipeline;

import dev.intake.core.ImportRow;
import dev.intake.core.internal.RowLayout;
import java.util.Arrays;

/** The mutable state of one row while the pipeline checks it, kept in arrays by the layout's slots. */
final class WorkingRow extends SlotValues {
    private static final long[] NONE = new long[0];

    /** The row of the file each row reference names; 0 when none. */
    final long[] referencedRows;

    WorkingRow(long rowNumber, RowLayout layout) {
        super(rowNumber, layout, new Object[layout.columns()], new String[layout.columns()],
                new Object[layout.references()], new Object[layout.attributes()]);
        this.referencedRows = layout.rowReferences() == 0 ? NONE : new long[layout.rowReferences()];
    }

    /** Hands the arrays to an ImportRow, with the group keys the layout's group columns hold. */
    ImportRow freeze() {
        String[] groups = new String[layout.groups()];
        for (int i = 0; i < groups.length; i++) {
            int column = layout.groupColumn(i);
            groups[i] = column < 0 ? null : texts[column];
        }
        return new CheckedValues(rowNumber(), layout, values, texts, references, attributes, groups, referencedRows);
    }

    @Override
    public String toString() {
        return "WorkingRow[" + rowNumber() + ": " + layout.columnMap(values) + ", rows " + Arrays.toString(referencedRows) + "]";
    }
}
