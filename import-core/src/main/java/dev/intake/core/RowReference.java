package dev.intake.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference from a row to another row of the same file, or to an existing record: an employee's
 * manager, a part's parent assembly. The row gives a value in its {@link #column()}; the record it
 * names is
 * <ol>
 *   <li>the existing record the {@link #existing()} reference finds by that value, when the
 *       definition declares one and it finds exactly one (more than one is {@code AMBIGUOUS}, one
 *       the host refuses {@code NOT_ALLOWED}); otherwise</li>
 *   <li>the row of the file, earlier or later, whose {@link #target()} column holds that value;
 *       otherwise the row has a {@code NOT_FOUND} problem.</li>
 * </ol>
 *
 * <p>Values of the target column are unique within a file: a repeat is {@code DUPLICATE_KEY}. A
 * row that refers to a row that failed fails too ({@code REFERENCED_ROW_FAILED}, naming that row),
 * and rows that refer to each other in a cycle, a row naming itself included, each get a
 * {@code REFERENCE_CYCLE}. Rows are written in the order of their references: a referenced row of
 * the file before the rows that refer to it. A row that refers to a later row is therefore written
 * after it, in a later pass over the file (a file ordered parents first is read once more only for
 * the rows that break that order); the report lists written rows in the order they were written.
 * Immutable and thread-safe.
 */
public final class RowReference {
    private final String name;
    private final String column;
    private final String target;
    private final Reference<?> existing;

    private RowReference(Builder builder) {
        this.name = builder.name;
        this.column = builder.column;
        this.target = builder.target;
        this.existing = builder.existing;
    }

    /**
     * Starts a row reference.
     *
     * @param name its name, e.g. {@code manager}; unique among the definition's references
     * @param column the column whose value names the other row, e.g. {@code manager_email}
     * @return a builder
     * @throws IllegalArgumentException if the name or column is blank
     */
    public static Builder builder(String name, String column) {
        return new Builder(name, column);
    }

    /**
     * @return the name, never null
     */
    public String name() {
        return name;
    }

    /**
     * @return the column whose value names the other row, never null
     */
    public String column() {
        return column;
    }

    /**
     * The column of the other row that holds the value. Empty means the definition's key, which
     * must then be a single column.
     *
     * @return the target column, if set
     */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /**
     * The reference that finds existing records by the value, asked before the rows of the file; its
     * name is this reference's and its forms use {@link #column()} alone. Its record is then
     * {@code row.reference(name, type)}.
     *
     * @return the reference, if values may name existing records
     */
    public Optional<Reference<?>> existing() {
        return Optional.ofNullable(existing);
    }

    @Override
    public String toString() {
        return "RowReference[" + name + ": " + column + " -> " + (target == null ? "key" : target) + "]";
    }

    /** Builds a {@link RowReference}. Each setter may be called once. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String column;
        private String target;
        private Reference<?> existing;

        private Builder(String name, String column) {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(column, "column must not be null");
            if (name.isBlank() || column.isBlank()) {
                throw new IllegalArgumentException("a row reference needs a name and a column");
            }
            this.name = name;
            this.column = column;
        }

        /**
         * Sets the column of the other row that holds the value. Default: the definition's key.
         *
         * @param value the target column's key
         * @return this builder
         */
        public Builder target(String value) {
            target = dev.intake.core.internal.Setters.once(target, value, "target of row reference " + name);
            return this;
        }

        /**
         * Lets values name existing records too, found by a reference of the same name whose forms use
         * the referring column alone. Default: only rows of the file.
         *
         * @param value the reference
         * @return this builder
         */
        public Builder existing(Reference<?> value) {
            existing = dev.intake.core.internal.Setters.once(existing, value, "existing records of row reference " + name);
            return this;
        }

        /**
         * Builds and sets the reference that finds existing records; see {@link #existing(Reference)}.
         *
         * @param value the reference's builder
         * @return this builder
         */
        public Builder existing(Reference.Builder<?> value) {
            return existing(value.build());
        }

        /**
         * @return the row reference
         */
        public RowReference build() {
            return new RowReference(this);
        }
    }
}
