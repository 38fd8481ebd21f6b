package dev.intake.core.result;

import java.util.Objects;

/**
 * A row of the file that was not imported, and not counted among the file's rows, for a reason
 * the user should still see: the template's example row left as it was downloaded. Immutable.
 *
 * @param rowNumber the row number as a spreadsheet shows it
 * @param reason why it was skipped, in the user's words
 */
public record SkippedRow(long rowNumber, String reason) {
    /**
     * Validates the components. /
     *
     * @param rowNumber the row number, 2 or more
     * @param reason why it was skipped
     */
    public SkippedRow {
        if (rowNumber < 2) {
            throw new IllegalArgumentException("rowNumber must be 2 or more, not " + rowNumber);
        }
        Objects.requireNonNull(reason, "reason must not be null");
    }
}
