package dev.intake.core.result;

import java.util.List;
import java.util.Objects;

/**
 * A row that was rejected, with every problem found in it.
 *
 * @param rowNumber the row number as a spreadsheet shows it
 * @param errors the problems, in the order found; never empty
 */
public record FailedRow(long rowNumber, List<Problem> errors) {
    /**
     * Validates and copies the components. /
     *
     * @param rowNumber the row number as a spreadsheet shows it
     * @param errors the problems, in the order found; never empty
     * @throws NullPointerException if errors is null
     * @throws IllegalArgumentException if errors is empty
     */
    public FailedRow {
        errors = List.copyOf(Objects.requireNonNull(errors, "errors must not be null"));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a failed row needs at least one error");
        }
    }
}
