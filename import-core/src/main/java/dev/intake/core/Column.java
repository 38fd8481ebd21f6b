package dev.intake.core;

import dev.intake.core.internal.Setters;
import dev.intake.core.rule.Rule;
import dev.intake.core.type.Types;
import dev.intake.core.type.ValueType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of an import definition: its key, the label users see, aliases the header may use
 * instead, its type, whether it is required, rules on its values, and an optional default. Immutable
 * and thread-safe; built with {@link #of(String, ValueType)} or a typed factory such as
 * {@link #text(String)}.
 *
 * @param <T> the Java type of its values
 */
public final class Column<T> {
    private final String key;
    private final String label;
    private final List<String> aliases;
    private final ValueType<T> type;
    private final boolean required;
    private final List<Rule<? super T>> rules;
    private final String description;
    private final String example;
    private final DefaultSource<T> defaultSource;
    private final TextComparison comparison;

    private Column(Builder<T> builder) {
        this.key = builder.key;
        this.label = builder.label == null ? builder.key : builder.label;
        this.aliases = List.copyOf(builder.aliases);
        this.type = builder.type;
        this.required = builder.required;
        this.rules = List.copyOf(builder.rules);
        this.description = builder.description == null ? "" : builder.description;
        this.example = builder.example;
        this.defaultSource = builder.defaultSource;
        this.comparison = builder.comparison != null ? builder.comparison
                : type == Types.email() ? TextComparison.caseInsensitive() : TextComparison.exact();
    }

    /**
     * Starts a column of any type.
     *
     * @param key the key, as in the header and in messages (e.g. {@code due_date})
     * @param type the value type
     * @param <T> the Java type of its values
     * @return a builder
     * @throws IllegalArgumentException if the key is blank or has surrounding white space
     */
    public static <T> Builder<T> of(String key, ValueType<T> type) {
        return new Builder<>(key, type);
    }

    /**
     * @param key the key
     * @return a text column builder
     */
    public static Builder<String> text(String key) {
        return of(key, Types.text());
    }

    /**
     * @param key the key
     * @return an integer column builder
     */
    public static Builder<Long> integer(String key) {
        return of(key, Types.integer());
    }

    /**
     * @param key the key
     * @return a decimal column builder
     */
    public static Builder<BigDecimal> decimal(String key) {
        return of(key, Types.decimal());
    }

    /**
     * A decimal column read as people write numbers in a locale ({@code 1.234,56} in Germany); see
     * {@link Types#decimal(Locale)}.
     *
     * @param key the key
     * @param locale the locale
     * @return a decimal column builder
     */
    public static Builder<BigDecimal> decimal(String key, Locale locale) {
        return of(key, Types.decimal(locale));
    }

    /**
     * An integer column read as people write numbers in a locale ({@code 1.234} in Germany); see
     * {@link Types#integer(Locale)}.
     *
     * @param key the key
     * @param locale the locale
     * @return an integer column builder
     */
    public static Builder<Long> integer(String key, Locale locale) {
        return of(key, Types.integer(locale));
    }

    /**
     * @param key the key
     * @return a boolean column builder
     */
    public static Builder<Boolean> bool(String key) {
        return of(key, Types.bool());
    }

    /**
     * @param key the key
     * @return an ISO date column builder
     */
    public static Builder<LocalDate> date(String key) {
        return of(key, Types.date());
    }

    /**
     * An email column: its values compare case-insensitively ({@code Judy@acme.com} is
     * {@code judy@acme.com}), as mail systems treat addresses in practice; {@link
     * Builder#comparedAs} with {@link TextComparison#exact()} makes them exact again.
     *
     * @param key the key
     * @return an email column builder
     */
    public static Builder<String> email(String key) {
        return of(key, Types.email());
    }

    /**
     * @param key the key
     * @return a currency column builder
     */
    public static Builder<Currency> currency(String key) {
        return of(key, Types.currency());
    }

    /**
     * An option column with fixed values.
     *
     * @param key the key
     * @param values the allowed values
     * @return an option column builder
     */
    public static Builder<String> option(String key, String... values) {
        return of(key, Types.option(values));
    }

    /**
     * @return the key, never null
     */
    public String key() {
        return key;
    }

    /**
     * @return the label users see (the key when none was set), never null
     */
    public String label() {
        return label;
    }

    /**
     * @return other header names this column answers to, never null
     */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * @return the value type, never null
     */
    public ValueType<T> type() {
        return type;
    }

    /**
     * @return whether the column must be in the header and every row must give it
     */
    public boolean required() {
        return required;
    }

    /**
     * @return the rules on its values, in order, never null
     */
    public List<Rule<? super T>> rules() {
        return rules;
    }

    /**
     * @return the description for templates; empty when none
     */
    public String description() {
        return description;
    }

    /**
     * @return an example value for templates, if set
     */
    public Optional<String> example() {
        return Optional.ofNullable(example);
    }

    /**
     * @return where an empty cell's value comes from, if anywhere
     */
    public Optional<DefaultSource<T>> defaultSource() {
        return Optional.ofNullable(defaultSource);
    }

    /**
     * How the column's values compare: for a key repeated in the file, for rows that name other rows
     * by it, and for the find-or-create groups it names.
     *
     * @return the comparison; {@link TextComparison#exact()} unless declared (case-insensitive for
     *     {@link #email(String)} columns), never null
     */
    public TextComparison comparison() {
        return comparison;
    }

    /**
     * What a value of the column compares as: its {@link #comparison()} key for text values, the
     * value itself otherwise.
     *
     * @param value a value of the column, as its type produced it
     * @return what it compares as; null for null
     */
    public Object comparable(Object value) {
        return value instanceof String text && comparison != TextComparison.exact() ? comparison.key(text) : value;
    }

    @Override
    public String toString() {
        return "Column[" + key + ": " + type.name() + (required ? ", required" : "") + "]";
    }

    /**
     * Builds a {@link Column}. A single-valued setter called twice throws
     * {@link IllegalStateException}. Not thread-safe.
     *
     * @param <T> the Java type of the column's values
     */
    public static final class Builder<T> {
        private final String key;
        private final ValueType<T> type;
        private String label;
        private final List<String> aliases = new ArrayList<>();
        private boolean required;
        private final List<Rule<? super T>> rules = new ArrayList<>();
        private String description;
        private String example;
        private DefaultSource<T> defaultSource;
        private TextComparison comparison;

        private Builder(String key, ValueType<T> type) {
            Objects.requireNonNull(key, "key must not be null");
            if (key.isBlank() || !key.equals(key.strip())) {
                throw new IllegalArgumentException("a column key must not be blank or padded: '" + key + "'");
            }
            this.key = key;
            this.type = Objects.requireNonNull(type, "type must not be null");
        }

        /**
         * Sets the label users see in templates and reports. Default: the key.
         *
         * @param value the label, e.g. {@code Due Date}
         * @return this builder
         */
        public Builder<T> label(String value) {
            label = once(label, value, "label");
            return this;
        }

        /**
         * Adds header names the column also answers to.
         *
         * @param values the aliases
         * @return this builder
         */
        public Builder<T> alias(String... values) {
            for (String value : values) {
                aliases.add(Objects.requireNonNull(value, "an alias must not be null"));
            }
            return this;
        }

        /**
         * Makes the column required: absent from the header is {@code MISSING_COLUMN}, an empty cell
         * with no default is {@code REQUIRED}. Default: optional.
         *
         * @return this builder
         */
        public Builder<T> required() {
            if (required) {
                throw new IllegalStateException("column " + key + " is already required");
            }
            required = true;
            return this;
        }

        /**
         * Adds a rule on the column's values; rules run in the order added.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder<T> rule(Rule<? super T> rule) {
            rules.add(Objects.requireNonNull(rule, "rule must not be null"));
            return this;
        }

        /**
         * Sets the description shown in templates. Default: none.
         *
         * @param value the description
         * @return this builder
         */
        public Builder<T> description(String value) {
            description = once(description, value, "description");
            return this;
        }

        /**
         * Sets the example value of templates. Default: none.
         *
         * @param value the example as a user would type it
         * @return this builder
         */
        public Builder<T> example(String value) {
            example = once(example, value, "example");
            return this;
        }

        /**
         * Gives empty cells a fixed value.
         *
         * @param value the default
         * @return this builder
         */
        public Builder<T> defaultValue(T value) {
            Objects.requireNonNull(value, "value must not be null");
            return defaultFrom((row, context) -> Defaulted.value(value));
        }

        /**
         * Decides the value of empty cells from the rest of the row, e.g. through a lookup.
         *
         * @param source the default source
         * @return this builder
         */
        public Builder<T> defaultFrom(DefaultSource<T> source) {
            defaultSource = once(defaultSource, source, "default");
            return this;
        }

        /**
         * Declares how the column's values compare: a key repeated within the file, rows naming
         * other rows by the column, and rows joining one find-or-create group all compare through
         * it (the host's repositories match existing records and groups the same way). Default:
         * {@link TextComparison#exact()}, {@link TextComparison#caseInsensitive()} for email
         * columns.
         *
         * @param value the comparison, e.g. {@code TextComparison.caseInsensitive()}
         * @return this builder
         * @throws IllegalStateException if the column's values are not text, or a comparison is set
         */
        public Builder<T> comparedAs(TextComparison value) {
            Objects.requireNonNull(value, "value must not be null");
            if (type.javaType() != String.class) {
                throw new IllegalStateException("column " + key + " holds " + type.javaType().getSimpleName()
                        + " values; only text values have a comparison");
            }
            comparison = once(comparison, value, "comparison");
            return this;
        }

        /**
         * @return the column
         */
        public Column<T> build() {
            return new Column<>(this);
        }

        private <V> V once(V current, V value, String what) {
            return Setters.once(current, value, what + " of column " + key);
        }
    }
}
