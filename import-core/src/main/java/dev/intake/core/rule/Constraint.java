package dev.intake.core.rule;

import dev.intake.core.RowValues;
import dev.intake.core.result.Problem;
import java.util.List;
import java.util.function.Consumer;

/**
 * A rule between columns of one row (exactly one of, all or none, excludes, ...). Built-in
 * constraints come from {@link Constraints}. Implementations are immutable and thread-safe.
 */
public interface Constraint {

    /**
     * The columns the constraint names; a definition rejects a constraint naming an unknown column.
     *
     * @return the column keys
     */
    List<String> columns();

    /**
     * Checks a row, reporting every problem found.
     *
     * @param row the row's values
     * @param problems receives the problems
     */
    void check(RowValues row, Consumer<Problem> problems);
}
