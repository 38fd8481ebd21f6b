package dev.intake.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A reference from a row to a record of the host by natural key, in one or more forms (e.g. a
 * procedure by {@code procedure_id}, or by {@code procedure_title} with {@code procedure_version}).
 * The form whose columns are all given is looked up: zero matches is {@code NOT_FOUND}, more than one
 * {@code AMBIGUOUS}, and a match the host refuses is {@code NOT_ALLOWED}. A row that gives no form has
 * no reference; constraints decide whether that is allowed. A form looks up one row at a time
 * ({@link Builder#form}) or a chunk of rows' keys in one call ({@link Builder#batchForm(String, Class,
 * BatchLookup)}). Immutable and thread-safe.
 *
 * @param <T> the record type
 */
public final class Reference<T> {
    private final String name;
    private final Class<T> type;
    private final List<Form<T>> forms;
    private final Function<? super T, Optional<String>> refusal;
    private final String ambiguityHint;
    private final Function<? super T, String> describer;

    private Reference(String name, Class<T> type) {
        this.name = name;
        this.type = type;
        this.forms = List.of();
        this.refusal = record -> Optional.empty();
        this.ambiguityHint = null;
        this.describer = String::valueOf;
    }

    private Reference(Builder<T> builder) {
        this.name = builder.name;
        this.type = builder.type;
        this.forms = List.copyOf(builder.forms);
        this.refusal = builder.refusal == null ? record -> Optional.empty() : builder.refusal;
        this.ambiguityHint = builder.ambiguityHint;
        this.describer = builder.describer == null ? String::valueOf : builder.describer;
    }

    /**
     * Starts a reference.
     *
     * @param name its name, e.g. {@code procedure}
     * @param type the record type
     * @param <T> the record type
     * @return a builder
     */
    public static <T> Builder<T> builder(String name, Class<T> type) {
        return new Builder<>(name, type);
    }

    /**
     * Declares a reference without its lookups, as a constant that typed reads use
     * ({@code row.get(PROCEDURE)}) while the lookups, which need the host's beans, are bound when
     * the definition is built ({@link #bind()}):
     *
     * <pre>{@code
     * static final Reference<Procedure> PROCEDURE = Reference.declare("procedure", Procedure.class);
     *
     * ImportDefinition runs(ProcedureRepository procedures) {        // e.g. a Spring @Bean method
     *     return ImportDefinition.builder("runs")
     *             .column(Column.integer("procedure_id"))
     *             .reference(PROCEDURE.bind().batchForm("procedure_id", Long.class, (ids, ctx) -> procedures.byIds(ids)))
     *             .build();
     * }
     * }</pre>
     *
     * A declaration has no forms: a definition refuses it until it is bound.
     *
     * @param name its name, e.g. {@code procedure}
     * @param type the record type
     * @param <T> the record type
     * @return the declared reference
     */
    public static <T> Reference<T> declare(String name, Class<T> type) {
        Builder<T> checked = new Builder<>(name, type);
        return new Reference<>(checked.name, checked.type);
    }

    /**
     * Starts binding this reference's lookups: a builder of the same name and type, so that the
     * reference it builds is read by the same typed reads as this one.
     *
     * @return a builder with this reference's name and type, and no forms
     */
    public Builder<T> bind() {
        return new Builder<>(name, type);
    }

    /**
     * @return whether lookups are bound (false for a {@link #declare declaration})
     */
    public boolean isBound() {
        return !forms.isEmpty();
    }

    /**
     * @return the name, never null
     */
    public String name() {
        return name;
    }

    /**
     * @return the record type, never null
     */
    public Class<T> type() {
        return type;
    }

    /**
     * @return the forms, in the order declared, never empty
     */
    public List<Form<T>> forms() {
        return forms;
    }

    /**
     * Whether the host refuses a match, and why.
     *
     * @param record the match
     * @return the reason, or empty when accepted
     */
    public Optional<String> refusal(T record) {
        return refusal.apply(record);
    }

    /**
     * @return what an {@code AMBIGUOUS} message suggests, if set
     */
    public Optional<String> ambiguityHint() {
        return Optional.ofNullable(ambiguityHint);
    }

    /**
     * Describes a match in messages.
     *
     * @param record the match
     * @return its description
     */
    public String describe(T record) {
        return describer.apply(record);
    }

    /**
     * One way of naming the record: the columns, all of which must be given, and the lookup that
     * finds the record by them, one row at a time or a chunk of rows at once. Immutable.
     *
     * @param <T> the record type
     */
    public static final class Form<T> {
        private final List<String> columns;
        // held as Optionals: the checks ask for them of every row that uses the form
        private final Optional<Lookup<? extends T>> lookup;
        private final Optional<BatchLookup<Object, ? extends T>> batch;
        private final Optional<Class<?>> keyType;

        private Form(List<String> columns, Lookup<? extends T> lookup, BatchLookup<Object, ? extends T> batch,
                Class<?> keyType) {
            this.columns = List.copyOf(columns);
            if (this.columns.isEmpty()) {
                throw new IllegalArgumentException("a reference form needs at least one column");
            }
            if (this.columns.stream().distinct().count() != this.columns.size()) {
                throw new IllegalArgumentException("a reference form names a column twice: " + this.columns);
            }
            this.lookup = Optional.ofNullable(lookup);
            this.batch = Optional.ofNullable(batch);
            this.keyType = Optional.ofNullable(keyType);
        }

        /**
         * @return the columns, all of which must be given for this form to apply; never empty
         */
        public List<String> columns() {
            return columns;
        }

        /**
         * @return the lookup of one row, when this form looks rows up one at a time
         */
        public Optional<Lookup<? extends T>> lookup() {
            return lookup;
        }

        /**
         * @return the lookup of a chunk's keys, when this form looks rows up a chunk at a time
         */
        public Optional<BatchLookup<Object, ? extends T>> batchLookup() {
            return batch;
        }

        /**
         * The type a batched form's single column must hold; empty for a form of several columns
         * (whose key is the list of their values) and for a form that looks up rows one at a time.
         *
         * @return the key type
         */
        public Optional<Class<?>> keyType() {
            return keyType;
        }

        /**
         * The key a batched form asks its lookup for: the value of its one column, or the list of
         * the values of its columns in order.
         *
         * @param row a row that gives every column of this form
         * @return the key
         * @throws IllegalArgumentException if the row does not give a column of this form
         */
        public Object key(RowValues row) {
            if (columns.size() == 1) {
                return given(row, columns.get(0));
            }
            List<Object> key = new ArrayList<>(columns.size());
            for (String column : columns) {
                key.add(given(row, column));
            }
            return List.copyOf(key);
        }

        /** A column's value; without orElseThrow's supplier, a lambda made anew for every row. */
        private static Object given(RowValues row, String column) {
            Optional<Object> value = row.value(column, Object.class);
            if (value.isEmpty()) {
                throw new IllegalArgumentException("the row does not give " + column);
            }
            return value.get();
        }
    }

    /**
     * Builds a {@link Reference}. A single-valued setter called twice throws
     * {@link IllegalStateException}. Not thread-safe.
     *
     * @param <T> the record type
     */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> type;
        private final List<Form<T>> forms = new ArrayList<>();
        private Function<? super T, Optional<String>> refusal;
        private String ambiguityHint;
        private Function<? super T, String> describer;

        private Builder(String name, Class<T> type) {
            Objects.requireNonNull(name, "name must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a reference name must not be blank");
            }
            this.name = name;
            this.type = Objects.requireNonNull(type, "type must not be null");
        }

        /**
         * Adds a form that looks up one row at a time: when all of the columns are given, the
         * lookup finds the record.
         *
         * @param lookup the lookup
         * @param columns the columns of this form
         * @return this builder
         */
        public Builder<T> form(Lookup<? extends T> lookup, String... columns) {
            forms.add(new Form<>(List.of(columns), Objects.requireNonNull(lookup, "lookup must not be null"), null, null));
            return this;
        }

        /**
         * Adds a form of one column that looks up a chunk of rows at once: the lookup receives the
         * distinct values the chunk's rows give, as the column converts them (a {@code Long} for an
         * integer column, a {@code String} for text).
         *
         * @param column the column
         * @param keyType the type of the column's values; the definition checks it against the column
         * @param lookup finds the records of many values
         * @param <K> the key type
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public <K> Builder<T> batchForm(String column, Class<K> keyType, BatchLookup<K, ? extends T> lookup) {
            Objects.requireNonNull(column, "column must not be null");
            Objects.requireNonNull(keyType, "keyType must not be null");
            Objects.requireNonNull(lookup, "lookup must not be null");
            forms.add(new Form<>(List.of(column), null, (BatchLookup<Object, ? extends T>) (BatchLookup<?, ?>) lookup,
                    keyType));
            return this;
        }

        /**
         * Adds a form of several columns that looks up a chunk of rows at once: the lookup receives
         * the distinct keys, each the list of the columns' converted values in the order given here
         * (e.g. {@code [title, version]}).
         *
         * @param lookup finds the records of many keys
         * @param columns the columns of this form, two or more
         * @return this builder
         * @throws IllegalArgumentException if fewer than two columns are given
         */
        @SuppressWarnings("unchecked")
        public Builder<T> batchForm(BatchLookup<List<Object>, ? extends T> lookup, String... columns) {
            Objects.requireNonNull(lookup, "lookup must not be null");
            if (columns.length < 2) {
                throw new IllegalArgumentException("a batched form of one column is batchForm(column, keyType, lookup)");
            }
            forms.add(new Form<>(List.of(columns), null, (BatchLookup<Object, ? extends T>) (BatchLookup<?, ?>) lookup,
                    null));
            return this;
        }

        /**
         * Lets the host refuse a match with a reason, reported as {@code NOT_ALLOWED} (e.g. "user
         * linus@example.com is inactive"). Default: every match is accepted.
         *
         * @param value returns the reason, or empty to accept
         * @return this builder
         */
        public Builder<T> refuse(Function<? super T, Optional<String>> value) {
            if (refusal != null) {
                throw new IllegalStateException("the refusal of reference " + name + " is already set");
            }
            refusal = Objects.requireNonNull(value, "refusal must not be null");
            return this;
        }

        /**
         * Sets the advice an {@code AMBIGUOUS} message ends with, e.g. "use procedure_id to choose
         * one". Default: none.
         *
         * @param value the hint
         * @return this builder
         */
        public Builder<T> ambiguityHint(String value) {
            if (ambiguityHint != null) {
                throw new IllegalStateException("the ambiguity hint of reference " + name + " is already set");
            }
            ambiguityHint = Objects.requireNonNull(value, "hint must not be null");
            return this;
        }

        /**
         * Sets how matches are described in messages. Default: {@code toString()}.
         *
         * @param value the describer
         * @return this builder
         */
        public Builder<T> describedBy(Function<? super T, String> value) {
            if (describer != null) {
                throw new IllegalStateException("the describer of reference " + name + " is already set");
            }
            describer = Objects.requireNonNull(value, "describer must not be null");
            return this;
        }

        /**
         * Builds the reference.
         *
         * @return the reference
         * @throws IllegalStateException if no form was added
         */
        public Reference<T> build() {
            if (forms.isEmpty()) {
                throw new IllegalStateException("reference " + name + " needs at least one form");
            }
            return new Reference<>(this);
        }
    }
}
