package dev.intake.core;

import dev.intake.core.internal.Setters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A row that passed every check: its converted values, resolved references, custom attributes,
 * group keys and the rows of the file it refers to. A host's row mapper turns it into its own
 * record. Implementations are immutable and thread-safe; the pipeline makes them, and
 * {@link #builder(long)} makes them for tests of a host's mapper or repository.
 */
public interface ImportRow extends RowValues {

    /**
     * The key of a find-or-create group the row joins.
     *
     * @param name the group's name (its column key)
     * @return the key, or empty when the row gives none
     */
    Optional<String> group(String name);

    /**
     * @return the group keys by group name, unmodifiable, never null
     */
    Map<String, String> groups();

    /**
     * The row of this file that a {@link RowReference} names. That row is written before this one
     * (imports write rows in the order of their references), so a repository finds it by the
     * referenced value as it finds an existing record. A row reference that names an existing
     * record instead is under {@link #reference(String, Class)}.
     *
     * @param name the row reference's name
     * @return the row number of the referenced row, or empty when the row names no row of the file
     */
    OptionalLong referencedRow(String name);

    /**
     * Starts a row, for tests of a host's mapper, validator or repository.
     *
     * @param rowNumber the row number as a spreadsheet shows it, 2 or more
     * @return a builder
     * @throws IllegalArgumentException if the row number is below 2
     */
    static Builder builder(long rowNumber) {
        return new Builder(rowNumber);
    }

    /**
     * Builds an {@link ImportRow} by hand. Each name may be set once per kind. Not thread-safe.
     */
    final class Builder {
        private final long rowNumber;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> texts = new LinkedHashMap<>();
        private final Map<String, Object> references = new LinkedHashMap<>();
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final Map<String, String> groups = new LinkedHashMap<>();
        private final Map<String, Long> referencedRows = new LinkedHashMap<>();

        private Builder(long rowNumber) {
            if (rowNumber < 2) {
                throw new IllegalArgumentException("rowNumber must be 2 or more (row 1 is the header), not " + rowNumber);
            }
            this.rowNumber = rowNumber;
        }

        /**
         * Sets a column's converted value; its text is the value's {@code toString()} unless
         * {@link #text} sets it.
         *
         * @param column the column key
         * @param value the value
         * @return this builder
         */
        public Builder value(String column, Object value) {
            put(values, column, value, "value");
            texts.putIfAbsent(column, value.toString());
            return this;
        }

        /**
         * Sets a column's cell text, as the file had it (trimmed).
         *
         * @param column the column key
         * @param text the text
         * @return this builder
         */
        public Builder text(String column, String text) {
            Objects.requireNonNull(text, "text must not be null");
            texts.put(Objects.requireNonNull(column, "column must not be null"), text);
            return this;
        }

        /**
         * Sets a resolved reference.
         *
         * @param name the reference's name
         * @param record the record
         * @return this builder
         */
        public Builder reference(String name, Object record) {
            put(references, name, record, "reference");
            return this;
        }

        /**
         * Sets a custom attribute's value; attributes keep the order set.
         *
         * @param key the attribute key
         * @param value the value
         * @return this builder
         */
        public Builder attribute(String key, Object value) {
            put(attributes, key, value, "attribute");
            return this;
        }

        /**
         * Sets the key of a group the row joins.
         *
         * @param name the group's name
         * @param key the key
         * @return this builder
         */
        public Builder group(String name, String key) {
            put(groups, name, key, "group");
            return this;
        }

        /**
         * Sets the row of the file a row reference names.
         *
         * @param name the row reference's name
         * @param rowNumber the referenced row's number
         * @return this builder
         */
        public Builder referencedRow(String name, long rowNumber) {
            put(referencedRows, name, rowNumber, "referenced row");
            return this;
        }

        /**
         * @return the row
         */
        public ImportRow build() {
            return new BuiltRow(rowNumber, values, texts, references, attributes, groups, referencedRows);
        }

        private static <V> void put(Map<String, V> map, String name, V value, String what) {
            Objects.requireNonNull(name, "name must not be null");
            map.put(name, Setters.once(map.get(name), value, what + " " + name));
        }
    }
}
