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
 */
public record Limits(long maxRows, long maxBytes, int maxCellLength, int maxColumns) {

    private static final Limits DEFAULTS = new Limits(1_000_000, 1L << 30, 32_767, 1_000);

    /**
     * Validates the limits. /
     *
     * @param maxRows most non-blank data rows; default 1,000,000
     * @param maxBytes most bytes of the file as stored; default 1 GiB
     * @param maxCellLength most characters in one cell; default 32,767 (Excel's own limit)
     * @param maxColumns most columns in the header or a row; default 1,000
     * @throws IllegalArgumentException if a limit is not positive
     */
    public Limits {
        if (maxRows < 1 || maxBytes < 1 || maxCellLength < 1 || maxColumns < 1) {
            throw new IllegalArgumentException("limits must be positive: maxRows=" + maxRows + ", maxBytes=" + maxBytes
                    + ", maxCellLength=" + maxCellLength + ", maxColumns=" + maxColumns);
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
        return new Limits(value, maxBytes, maxCellLength, maxColumns);
    }

    /**
     * @param value most bytes
     * @return a copy with that limit
     */
    public Limits withMaxBytes(long value) {
        return new Limits(maxRows, value, maxCellLength, maxColumns);
    }

    /**
     * @param value most characters in a cell
     * @return a copy with that limit
     */
    public Limits withMaxCellLength(int value) {
        return new Limits(maxRows, maxBytes, value, maxColumns);
    }

    /**
     * @param value most columns
     * @return a copy with that limit
     */
    public Limits withMaxColumns(int value) {
        return new Limits(maxRows, maxBytes, maxCellLength, value);
    }
}
