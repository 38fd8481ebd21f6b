package dev.intake.core.source;

import dev.intake.core.result.Problem;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * One row as a source read it: its number as a spreadsheet shows it and its cells as text.
 *
 * <p>Cells are the raw text of the file. A format module renders typed cells, such as XLSX numbers
 * and dates, as canonical text ({@code 1234.5}, {@code 2026-06-15}) and marks them
 * {@linkplain #isCanonical(int) canonical}, so that a column reading numbers by a locale still reads
 * them right. A missing cell is an empty string.
 *
 * @param rowNumber the row number (the header is row 1)
 * @param cells the cells, in source column order
 * <p>A source that reads structured rows (JSON objects) may find problems that belong to one row
 * rather than the file, such as a field the definition does not know; it gives them in
 * {@link #problems()} and the engine reports them with the row's other problems, failing the row.
 *
 * @param rowNumber the row number (the header is row 1)
 * @param cells the cells, in source column order
 * @param canonical the indexes of the cells rendered from typed values; see {@link #isCanonical(int)}
 * @param problems row problems the source found while reading the row; usually none
 */
public record SourceRow(long rowNumber, List<String> cells, BitSet canonical, List<Problem> problems) {
    private static final BitSet NONE = new BitSet();

    /**
     * Validates and copies the components. /
     *
     * @param rowNumber the row number (the header is row 1)
     * @param cells the cells, in source column order
     * @param canonical the indexes of the cells rendered from typed values; null for none
     * @param problems row problems the source found; null for none
     * @throws IllegalArgumentException if the row number is below 1
     */
    public SourceRow {
        if (rowNumber < 1) {
            throw new IllegalArgumentException("rowNumber must be 1 or more, not " + rowNumber);
        }
        cells = List.copyOf(Objects.requireNonNull(cells, "cells must not be null"));
        canonical = canonical == null || canonical.isEmpty() ? NONE : (BitSet) canonical.clone();
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /**
     * A row of cells, some rendered from typed values, with no problems of its own.
     *
     * @param rowNumber the row number (the header is row 1)
     * @param cells the cells, in source column order
     * @param canonical the indexes of the cells rendered from typed values; null for none
     * @throws IllegalArgumentException if the row number is below 1
     */
    public SourceRow(long rowNumber, List<String> cells, BitSet canonical) {
        this(rowNumber, cells, canonical, List.of());
    }

    /**
     * A row of text cells, none rendered from a typed value (a CSV row, rows of a request).
     *
     * @param rowNumber the row number (the header is row 1)
     * @param cells the cells, in source column order
     * @throws IllegalArgumentException if the row number is below 1
     */
    public SourceRow(long rowNumber, List<String> cells) {
        this(rowNumber, cells, NONE, List.of());
    }

    /**
     * @return a copy of the indexes of the cells rendered from typed values
     */
    @Override
    public BitSet canonical() {
        return (BitSet) canonical.clone();
    }

    /**
     * Whether a cell was rendered from a typed value (an XLSX number, date or boolean) in canonical
     * form, rather than typed as text by a person.
     *
     * @param index the cell's zero-based index
     * @return true for a canonical cell
     */
    public boolean isCanonical(int index) {
        return canonical.get(index);
    }

    /**
     * Whether every cell is empty or only white space, and the source found no problem in the
     * row; such rows are skipped and not counted.
     *
     * @return true for a blank row
     */
    public boolean isBlank() {
        if (!problems.isEmpty()) {
            return false;
        }
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
