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
 * no reference; constraints decide whether that is allowed. Immutable and thread-safe.
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
     * One way of naming the record: the columns and the lookup that finds it by them.
     *
     * @param columns the columns, all of which must be given
     * @param lookup the lookup
     * @param <T> the record type
     */
    public record Form<T>(List<String> columns, Lookup<? extends T> lookup) {
        /**
         * Validates and copies the components.
         *
         * @param columns the columns, all of which must be given
         * @param lookup the lookup
         * @throws IllegalArgumentException if there are no columns
         */
        public Form {
            columns = List.copyOf(columns);
            Objects.requireNonNull(lookup, "lookup must not be null");
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a reference form needs at least one column");
            }
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
         * Adds a form: when all of the columns are given, the lookup finds the record.
         *
         * @param lookup the lookup
         * @param columns the columns of this form
         * @return this builder
         */
        public Builder<T> form(Lookup<? extends T> lookup, String... columns) {
            forms.add(new Form<>(List.of(columns), lookup));
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
