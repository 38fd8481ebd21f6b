package dev.intake.core.result;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in the user's data or request: a stable {@link ProblemCode}, the column where
 * it applies (absent for whole-row and whole-file problems) and a message a person can act on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the stable code
 * @param column the column key (or, for header problems, the header text), if the problem has one
 * @param message the human message
 */
public record Problem(ProblemCode code, Optional<String> column, String message) {

    /**
     * Validates the components. /
     *
     * @param code the stable code
     * @param column the column key (or, for header problems, the header text), if the problem has one
     * @param message the human message
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if the message is blank
     */
    public Problem {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(column, "column must not be null");
        Objects.requireNonNull(message, "message must not be null");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }

    /**
     * A problem that applies to one column.
     *
     * @param code the code
     * @param column the column key
     * @param message the message
     * @return the problem
     */
    public static Problem at(ProblemCode code, String column, String message) {
        return new Problem(code, Optional.of(Objects.requireNonNull(column, "column must not be null")), message);
    }

    /**
     * A problem of a whole row or file, with no column.
     *
     * @param code the code
     * @param message the message
     * @return the problem
     */
    public static Problem of(ProblemCode code, String message) {
        return new Problem(code, Optional.empty(), message);
    }
}
