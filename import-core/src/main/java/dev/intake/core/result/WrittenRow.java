package dev.intake.core.result;

import java.util.Objects;
import java.util.Optional;

/**
 * A row that created or updated a record; in a dry run, one that would.
 *
 * @param rowNumber the row number as a spreadsheet shows it
 * @param id the record's id (absent in a dry run)
 * @param key the record's natural key, where the host gives one
 * @param matched for a row that updates, the existing record's key as the host held it, when the
 *     repository names it and it is not {@code key} (matched through the key column's comparison:
 *     {@code Judy@acme.com} for a row that gave {@code judy@acme.com})
 */
public record WrittenRow(long rowNumber, Optional<String> id, Optional<String> key, Optional<String> matched) {
    /**
     * Validates the components.
     *
     * @param rowNumber the row number as a spreadsheet shows it
     * @param id the record's id (absent in a dry run)
     * @param key the record's natural key, where the host gives one
     * @param matched the existing record's key as the host held it, when it is not key
     * @throws NullPointerException if id, key or matched is null
     * @throws IllegalArgumentException if the row number is below 2
     */
    public WrittenRow {
        if (rowNumber < 2) {
            throw new IllegalArgumentException("rowNumber must be 2 or more (row 1 is the header), not " + rowNumber);
        }
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(matched, "matched must not be null");
    }

    /**
     * A row whose existing record, if any, holds the key the row gave.
     *
     * @param rowNumber the row number as a spreadsheet shows it
     * @param id the record's id (absent in a dry run)
     * @param key the record's natural key, where the host gives one
     */
    public WrittenRow(long rowNumber, Optional<String> id, Optional<String> key) {
        this(rowNumber, id, key, Optional.empty());
    }
}
