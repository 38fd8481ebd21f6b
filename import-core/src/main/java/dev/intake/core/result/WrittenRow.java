package dev.intake.core.result;

import java.util.Objects;
import java.util.Optional;

/**
 * A row that created or updated a record; in a dry run, one that would.
 *
 * @param rowNumber the row number as a spreadsheet shows it
 * @param id the record's id (absent in a dry run)
 * @param key the record's natural key, where the host gives one
 */
public record WrittenRow(long rowNumber, Optional<String> id, Optional<String> key) {
    /**
     * Validates the components. /
     *
     * @param rowNumber the row number as a spreadsheet shows it
     * @param id the record's id (absent in a dry run)
     * @param key the record's natural key, where the host gives one
     * @throws NullPointerException if id or key is null
     * @throws IllegalArgumentException if the row number is below 2
     */
    public WrittenRow {
        if (rowNumber < 2) {
            throw new IllegalArgumentException("rowNumber must be 2 or more (row 1 is the header), not " + rowNumber);
        }
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(key, "key must not be null");
    }
}
