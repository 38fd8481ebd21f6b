package dev.intake.core.type;

import java.util.List;

/**
 * How the text of a cell becomes a typed value. Implementations are immutable and thread-safe; the
 * built-in ones come from {@link Types}.
 *
 * @param <T> the Java type of the values
 */
public interface ValueType<T> {

    /**
     * A short name for templates and messages, such as {@code integer} or {@code date}.
     *
     * @return the name, never null
     */
    String name();

    /**
     * The Java type of the values.
     *
     * @return the class, never null
     */
    Class<T> javaType();

    /**
     * Reads a cell. Called only with trimmed, non-empty text; an empty cell never reaches a type.
     *
     * @param column what users call the column, its label (the key when it has none), for messages
     * @param text the trimmed cell text, never empty
     * @return the value or the problem, never null
     */
    Conversion<T> convert(String column, String text);

    /**
     * Reads a cell that a format module rendered from a typed value, such as an XLSX number cell
     * ({@code 1234.5}: a dot before the fraction, no grouping, whatever the user's locale). Types
     * that read text by a locale read such cells in that canonical form instead; the others read
     * them as {@link #convert} does, which is the default.
     *
     * @param column what users call the column, its label (the key when it has none), for messages
     * @param text the trimmed cell text, never empty
     * @return the value or the problem, never null
     */
    default Conversion<T> convertCanonical(String column, String text) {
        return convert(column, text);
    }

    /**
     * The text a person using this type writes for a value a source gave in canonical form (an XLSX
     * number or date, see {@code SourceRow.isCanonical}): what a text-only file such as a CSV error
     * report writes for such a cell, so that it is read back as the same value. By default the
     * canonical text, which every built-in type reads; a type that reads numbers by a locale writes
     * its own decimal separator ({@code 1234.5} is {@code 1234,5} in German).
     *
     * @param canonical the canonical text
     * @return the text to write; never null
     */
    default String textOfCanonical(String canonical) {
        return canonical;
    }

    /**
     * The allowed values, for types that have a fixed list (options, booleans); templates offer
     * them as a dropdown.
     *
     * @return the allowed values in display order, or an empty list
     */
    default List<String> allowedValues() {
        return List.of();
    }

    /**
     * Called once per import before the first row: a type whose values come from the host (e.g.
     * configured options) fetches them here and returns a type fixed for this import.
     *
     * @return the type to use for this import, never null
     */
    default ValueType<T> prepare() {
        return this;
    }
}
