package dev.intake.core;

import dev.intake.core.result.Problem;
import java.util.function.Consumer;

/**
 * A host's own check of a whole row, run after columns, constraints, references and defaults: the
 * escape hatch for rules no built-in covers (e.g. "the revision must be one of the part's").
 */
@FunctionalInterface
public interface RowCheck {

    /**
     * Checks a row.
     *
     * @param row the row's values, resolved references and defaults included
     * @param context the import's context
     * @param problems receives every problem found
     * @throws Exception if the host's data cannot be read; the import stops with that failure
     */
    void check(RowValues row, ImportContext context, Consumer<Problem> problems) throws Exception;
}
