package dev.intake.core;

/**
 * Limits on one file. Exceeding one is a file-level problem ({@code TOO_MANY_ROWS} or
 * {@code LIMIT_EXCEEDED}), never a silent truncation. Sources enforce them while reading, so memory
 * stays bounded whatever the file holds.
 *
 * @param maxRows most non-blank data rows; default 1,000,000
 * @param maxBytes most bytes of the file as stored; default 1 GiB
 * @param maxCellLength most characters in one cell; default 32,767 (Excel's own limit)
 * @param maxColumns most columns in the header or a row; default 1,000
 * @param maxCharacters most characters of cell text read from one file, a text that many cells share
 *     (an XLSX shared string) counted at each use; default 2<sup>30</sup>. It bounds the work a small
 *     compressed file can ask for; a CSV's characters are already bounded by its bytes
 * @param maxProblemsPerRow most problems listed for one row; default 50. A row with more lists the
 *     first ones and a {@code PROBLEMS_OMITTED} problem counting the rest, so that neither a report
 *     nor its memory grows with what one broken row can hold
 */
public record Limits(long maxRows, long maxBytes, int maxCellLength, int maxColumns, long maxCharacters,
        int maxProblemsPerRow) {

    private static final Limits DEFAULTS = new Limits(1_000_000, 1L << 30, 32_767, 1_000, 1L << 30, 50);

    /**
     * Validates the limits. /
     *
     * @param maxRows most non-blank data rows; default 1,000,000
     * @param maxBytes most bytes of the file as stored; default 1 GiB
     * @param maxCellLength most characters in one cell; default 32,767 (Excel's own limit)
     * @param maxColumns most columns in the header or a row; default 1,000
     * @param maxCharacters most characters of cell text read from one file; default 2<sup>30</sup>
     * @param maxProblemsPerRow most problems listed for one row, 2 or more; default 50
     * @throws IllegalArgumentException if a limit is not positive, or maxProblemsPerRow is below 2
     */
    public Limits {
        if (maxRows < 1 || maxBytes < 1 || maxCellLength < 1 || maxColumns < 1 || maxCharacters < 1
                || maxProblemsPerRow < 2) {
            throw new IllegalArgumentException("limits must be positive: maxRows=" + maxRows + ", maxBytes=" + maxBytes
                    + ", maxCellLength=" + maxCellLength + ", maxColumns=" + maxColumns
                    + ", maxCharacters=" + maxCharacters + ", maxProblemsPerRow=" + maxProblemsPerRow
                    + " (at least 2)");
        }
    }

    /**
     * @return the default limits (see the components)
     */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /**
     * @param value most data rows
     * @return a copy with that limit
     */
    public Limits withMaxRows(long value) {
        return new Limits(value, maxBytes, maxCellLength, maxColumns, maxCharacters, maxProblemsPerRow);
    }

    /**
     * @param value most bytes
     * @return a copy with that limit
     */
    public Limits withMaxBytes(long value) {
        return new Limits(maxRows, value, maxCellLength, maxColumns, maxCharacters, maxProblemsPerRow);
    }

    /**
     * @param value most characters in a cell
     * @return a copy with that limit
     */
    public Limits withMaxCellLength(int value) {
        return new Limits(maxRows, maxBytes, value, maxColumns, maxCharacters, maxProblemsPerRow);
    }

    /**
     * @param value most columns
     * @return a copy with that limit
     */
    public Limits withMaxColumns(int value) {
        return new Limits(maxRows, maxBytes, maxCellLength, value, maxCharacters, maxProblemsPerRow);
    }

    /**
     * @param value most characters of cell text in the file
     * @return a copy with that limit
     */
    public Limits withMaxCharacters(long value) {
        return new Limits(maxRows, maxBytes, maxCellLength, maxColumns, value, maxProblemsPerRow);
    }

    /**
     * @param value most problems listed for one row, 2 or more
     * @return a copy with that limit
     */
    public Limits withMaxProblemsPerRow(int value) {
        return new Limits(maxRows, maxBytes, maxCellLength, maxColumns, maxCharacters, value);
    }
}
