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
 * @param maxKeysInMemory most values of a column the engine holds in memory to tell a repeated key's
 *     first row or find the row another row names; default 100,000. Past it those values move to
 *     temporary files (under {@code java.io.tmpdir/intake-spill}, or the directory the system
 *     property {@code intake.spill.dir} names; removed when the import ends, a killed one's by the
 *     next), so the heap an import needs does not grow with its rows; the answers stay the same.
 *     0 spills from the first row
 */
public record Limits(long maxRows, long maxBytes, int maxCellLength, int maxColumns, long maxCharacters,
        int maxProblemsPerRow, int maxKeysInMemory) {

    /** The default of {@link #maxKeysInMemory()}. */
    public static final int DEFAULT_MAX_KEYS_IN_MEMORY = 100_000;

    private static final Limits DEFAULTS = new Limits(1_000_000, 1L << 30, 32_767, 1_000, 1L << 30, 50,
            DEFAULT_MAX_KEYS_IN_MEMORY);

    /**
     * Validates the limits. /
     *
     * @param maxRows most non-blank data rows; default 1,000,000
     * @param maxBytes most bytes of the file as stored; default 1 GiB
     * @param maxCellLength most characters in one cell; default 32,767 (Excel's own limit)
     * @param maxColumns most columns in the header or a row; default 1,000
     * @param maxCharacters most characters of cell text read from one file; default 2<sup>30</sup>
     * @param maxProblemsPerRow most problems listed for one row, 2 or more; default 50
     * @param maxKeysInMemory most values of a column held in memory before they spill to temporary
     *     files, 0 or more; default 100,000
     * @throws IllegalArgumentException if a limit is not positive, maxProblemsPerRow is below 2 or
     *     maxKeysInMemory negative
     */
    public Limits {
        if (maxRows < 1 || maxBytes < 1 || maxCellLength < 1 || maxColumns < 1 || maxCharacters < 1
                || maxProblemsPerRow < 2 || maxKeysInMemory < 0) {
            throw new IllegalArgumentException("limits must be positive: maxRows=" + maxRows + ", maxBytes=" + maxBytes
                    + ", maxCellLength=" + maxCellLength + ", maxColumns=" + maxColumns
                    + ", maxCharacters=" + maxCharacters + ", maxProblemsPerRow=" + maxProblemsPerRow
                    + " (at least 2), maxKeysInMemory=" + maxKeysInMemory + " (0 or more)");
        }
    }

    /**
     * The limits as before {@code maxKeysInMemory}, which takes its default.
     *
     * @param maxRows most non-blank data rows
     * @param maxBytes most bytes of the file as stored
     * @param maxCellLength most characters in one cell
     * @param maxColumns most columns in the header or a row
     * @param maxCharacters most characters of cell text read from one file
     * @param maxProblemsPerRow most problems listed for one row, 2 or more
     */
    public Limits(long maxRows, long maxBytes, int maxCellLength, int maxColumns, long maxCharacters,
            int maxProblemsPerRow) {
        this(maxRows, maxBytes, maxCellLength, maxColumns, maxCharacters, maxProblemsPerRow,
                DEFAULT_MAX_KEYS_IN_MEMORY);
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
        return new Limits(value, maxBytes, maxCellLength, maxColumns, maxCharacters, maxProblemsPerRow, maxKeysInMemory);
    }

    /**
     * @param value most bytes
     * @return a copy with that limit
     */
    public Limits withMaxBytes(long value) {
        return new Limits(maxRows, value, maxCellLength, maxColumns, maxCharacters, maxProblemsPerRow, maxKeysInMemory);
    }

    /**
     * @param value most characters in a cell
     * @return a copy with that limit
     */
    public Limits withMaxCellLength(int value) {
        return new Limits(maxRows, maxBytes, value, maxColumns, maxCharacters, maxProblemsPerRow, maxKeysInMemory);
    }

    /**
     * @param value most columns
     * @return a copy with that limit
     */
    public Limits withMaxColumns(int value) {
        return new Limits(maxRows, maxBytes, maxCellLength, value, maxCharacters, maxProblemsPerRow, maxKeysInMemory);
    }

    /**
     * @param value most characters of cell text in the file
     * @return a copy with that limit
     */
    public Limits withMaxCharacters(long value) {
        return new Limits(maxRows, maxBytes, maxCellLength, maxColumns, value, maxProblemsPerRow, maxKeysInMemory);
    }

    /**
     * @param value most problems listed for one row, 2 or more
     * @return a copy with that limit
     */
    public Limits withMaxProblemsPerRow(int value) {
        return new Limits(maxRows, maxBytes, maxCellLength, maxColumns, maxCharacters, value, maxKeysInMemory);
    }

    /**
     * @param value most values of a column held in memory before they spill to temporary files
     * @return a copy with that limit
     */
    public Limits withMaxKeysInMemory(int value) {
        return new Limits(maxRows, maxBytes, maxCellLength, maxColumns, maxCharacters, maxProblemsPerRow, value);
    }
}
