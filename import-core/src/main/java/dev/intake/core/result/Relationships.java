package dev.intake.core.result;

import java.util.List;
import java.util.Objects;

/**
 * What the relationship phase of an import did.
 *
 * @param created how many relationships were (or would be) created
 * @param failed how many failed
 * @param failures the failures, one per failed relationship
 */
public record Relationships(int created, int failed, List<RelationshipFailure> failures) {
    /** None: the import had no relationship phase. */
    public static final Relationships NONE = new Relationships(0, 0, List.of());

    /**
     * Validates and copies the components. /
     *
     * @param created how many relationships were (or would be) created
     * @param failed how many failed
     * @param failures the failures, one per failed relationship
     * @throws IllegalArgumentException if a count is negative or failures do not match failed
     */
    public Relationships {
        failures = List.copyOf(Objects.requireNonNull(failures, "failures must not be null"));
        if (created < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (failures.size() != failed) {
            throw new IllegalArgumentException("failed is " + failed + " but " + failures.size() + " failures are listed");
        }
    }
}
