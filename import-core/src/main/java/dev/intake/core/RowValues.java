package dev.intake.core;

import java.util.Map;
import java.util.Optional;

/**
 * The values of one row as the pipeline has read them so far: what constraints, lookups, defaults
 * and row checks see. Values are keyed by column key; a cell that was empty, or could not be
 * converted, has no value.
 */
public interface RowValues {

    /**
     * @return the row number as a spreadsheet shows it
     */
    long rowNumber();

    /**
     * Whether the user gave the column: its cell is not empty and its value is not {@code false}.
     * A flag set to false asks for nothing, so constraints treat it as not given; a cell that
     * could not be converted still counts as given.
     *
     * @param column the column key
     * @return true when given
     */
    boolean isGiven(String column);

    /**
     * The converted value of a column.
     *
     * @param column the column key
     * @param type the expected type
     * @param <T> the type
     * @return the value, or empty when the cell was empty or invalid
     * @throws IllegalArgumentException if the value is of another type
     */
    <T> Optional<T> value(String column, Class<T> type);

    /**
     * The trimmed text of a column's cell.
     *
     * @param column the column key
     * @return the text, or empty when the cell was empty or the column absent
     */
    Optional<String> text(String column);

    /**
     * A resolved reference.
     *
     * @param name the reference's name
     * @param type the expected type
     * @param <T> the type
     * @return the record, or empty when not given or not resolved
     * @throws IllegalArgumentException if the record is of another type
     */
    <T> Optional<T> reference(String name, Class<T> type);

    /**
     * The custom attributes of the row with their converted values, in header order.
     *
     * @return the attributes; empty when none, never null
     */
    Map<String, Object> attributes();
}
