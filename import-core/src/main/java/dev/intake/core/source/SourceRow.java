package dev.intake.core.source;

import java.util.List;
import java.util.Objects;

/**
 * One row as a source read it: its number as a spreadsheet shows it and its cells as text.
 *
 * <p>Cells are the raw text of the file (a format module renders typed cells, such as XLSX numbers
 * and dates, as canonical text). A missing cell is an empty string.
 *
 * @param rowNumber the row number (the header is row 1)
 * @param cells the cells, in source column order
 */
public record SourceRow(long rowNumber, List<String> cells) {
    /**
     * Validates and copies the components. /
     *
     * @param rowNumber the row number (the header is row 1)
     * @param cells the cells, in source column order
     * @throws IllegalArgumentException if the row number is below 1
     */
    public SourceRow {
        if (rowNumber < 1) {
            throw new IllegalArgumentException("rowNumber must be 1 or more, not " + rowNumber);
        }
        cells = List.copyOf(Objects.requireNonNull(cells, "cells must not be null"));
    }

    /**
     * Whether every cell is empty or only white space; such rows are skipped and not counted.
     *
     * @return true for a blank row
     */
    public boolean isBlank() {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
