package dev.intake.core;

/**
 * What an import does with a header column that names neither a column of the definition nor an
 * allowed custom attribute.
 */
public enum UnknownColumns {
    /** The file is rejected with {@code UNKNOWN_COLUMN} before any row is read (the default). */
    REJECT,
    /**
     * The column's cells are not read, and the report lists the column under
     * {@code ignoredColumns}, so nothing is dropped without the user being told.
     */
    IGNORE
}
