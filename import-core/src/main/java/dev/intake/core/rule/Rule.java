package dev.intake.core.rule;

import dev.intake.core.result.Problem;
import java.util.Optional;

/**
 * A check on one converted value of a column (length, range, pattern). Built-in rules come from
 * {@link Rules}. Implementations are immutable and thread-safe.
 *
 * @param <T> the type of the values it checks
 */
@FunctionalInterface
public interface Rule<T> {

    /**
     * Checks a value.
     *
     * @param column what users call the column, its label (the key when it has none): for the
     *     message and the problem's column, which the engine then sets to the key
     * @param value the converted value, never null
     * @return the problem, or empty when the value passes
     */
    Optional<Problem> check(String column, T value);
}
