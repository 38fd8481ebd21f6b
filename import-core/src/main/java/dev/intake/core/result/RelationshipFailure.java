package dev.intake.core.result;

import java.util.List;
import java.util.Objects;

/**
 * A relationship of a later phase (e.g. a BOM link) that could not be created.
 *
 * @param index the relationship's position in the request, starting at 0
 * @param errors why it failed; never empty
 */
public record RelationshipFailure(int index, List<Problem> errors) {
    /**
     * Validates and copies the components. /
     *
     * @param index the relationship's position in the request, starting at 0
     * @param errors why it failed; never empty
     * @throws IllegalArgumentException if errors is empty or index negative
     */
    public RelationshipFailure {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        errors = List.copyOf(Objects.requireNonNull(errors, "errors must not be null"));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a failed relationship needs at least one error");
        }
    }
}
