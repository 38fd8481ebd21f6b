package dev.intake.core;

import java.util.Map;
import java.util.Optional;

/**
 * The values of one row as the pipeline has read them so far: what constraints, lookups, defaults
 * and row checks see. Values are keyed by column key; a cell that was empty, or could not be read
 * as its column's type, has no value.
 *
 * <p>A column is in one of three states. It is <em>given</em> when its cell was read as a value
 * that is not {@code false} ({@link #isGiven}); <em>empty</em> when its cell has no text, or holds a
 * flag set to {@code false}, which asks for nothing ({@link #isEmpty}); and neither when its cell
 * holds text the column could not read (the row already has a problem for it). Constraints
 * count only given columns as conflicting and only empty ones as missing, so one bad cell gives one
 * problem.
 */
public interface RowValues {

    /**
     * @return the row number as a spreadsheet shows it
     */
    long rowNumber();

    /**
     * The name users know a column by, for messages: its label (the template's header, e.g.
     * {@code Full name}), the key when it has none. A check writes {@code row.label("full_name") +
     * " is required"} so that its message speaks the template's words while the problem's column
     * stays the key.
     *
     * @param column the column key
     * @return its label; the key itself when the column has no label or is not known
     */
    default String label(String column) {
        return column;
    }

    /**
     * Whether the user gave the column: its cell was read as a value, and that value is not
     * {@code false}.
     *
     * @param column the column key
     * @return true when given
     */
    boolean isGiven(String column);

    /**
     * Whether the row leaves the column empty: its cell has no text (or the file has no such
     * column), or holds a flag set to {@code false}. A cell whose text could not be read is not
     * empty, and not given either.
     *
     * @param column the column key
     * @return true when empty
     */
    boolean isEmpty(String column);

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
     * The converted value of a column declared once, typed by the column itself:
     * {@code row.get(ASSIGNED_TO)} for a {@code Column<String> ASSIGNED_TO}.
     *
     * @param column the column (matched by its key)
     * @param <T> the column's value type
     * @return the value, or empty when the cell was empty or invalid
     * @throws IllegalArgumentException if the row holds a value of another type under that key
     */
    default <T> Optional<T> get(Column<T> column) {
        return value(column.key(), column.type().javaType());
    }

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
     * A resolved reference declared once, typed by the reference itself:
     * {@code row.get(PROCEDURE)} for a {@code Reference<Procedure> PROCEDURE}.
     *
     * @param reference the reference (matched by its name)
     * @param <T> the record type
     * @return the record, or empty when not given or not resolved
     * @throws IllegalArgumentException if the row holds a record of another type under that name
     */
    default <T> Optional<T> get(Reference<T> reference) {
        return reference(reference.name(), reference.type());
    }

    /**
     * The custom attributes of the row with their converted values, in header order.
     *
     * @return the attributes; empty when none, never null
     */
    Map<String, Object> attributes();
}
