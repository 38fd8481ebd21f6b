package dev.intake.core;

/**
 * Decides the value of a column whose cell is empty, possibly through a lookup (e.g. a part's only
 * revision). Runs after references resolve, so it can use them.
 *
 * @param <T> the column's value type
 */
@FunctionalInterface
public interface DefaultSource<T> {

    /**
     * Decides a default.
     *
     * @param row the row's values so far, resolved references included
     * @param context the import's context
     * @return the decision, never null
     */
    Defaulted<T> defaultFor(RowValues row, ImportContext context);
}
