package dev.intake.core;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How the values of a text column compare: two values are the same when their comparison keys are
 * equal. A column declares it ({@link Column.Builder#comparedAs}) and everything that compares its
 * values uses it: a repeated key within the file ({@code DUPLICATE_KEY}), rows that name other rows
 * of the file ({@link RowReference}), and rows that join one find-or-create group. Existing records
 * and groups are the host's: its repositories match them the same way, e.g. on a column that holds
 * {@link #key(String)} of the value under a unique index, so that {@code Judy@acme.com} and
 * {@code judy@acme.com} are one employee in the file and in the database alike.
 *
 * <pre>{@code
 * Column.text("department").comparedAs(TextComparison.caseInsensitive())   // engineering = Engineering
 * Column.email("email")                                                    // case-insensitive by default
 * Column.text("part_number").comparedAs(TextComparison.nfkc().andThen(TextComparison.caseInsensitive()))
 * Column.text("code").comparedAs(TextComparison.of("digits only", v -> v.replaceAll("\\D", "")))
 * }</pre>
 *
 * <p>A comparison key is computed once per value; implementations are pure functions, thread-safe,
 * and return a non-null key for every non-null text.
 */
@FunctionalInterface
public interface TextComparison {

    /**
     * The comparison key of a value: values with equal keys are the same.
     *
     * @param value a value of the column, as its type produced it; never null
     * @return its comparison key, never null
     */
    String key(String value);

    /**
     * The same comparison, then another on its result.
     *
     * @param next the comparison applied to this one's key
     * @return the two in turn
     */
    default TextComparison andThen(TextComparison next) {
        Objects.requireNonNull(next, "next must not be null");
        TextComparison first = this;
        return of(first + ", then " + next, value -> next.key(first.key(value)));
    }

    /**
     * A named comparison of the host's own; the name is what {@code toString} gives, for messages
     * and logs.
     *
     * @param name what the comparison does, e.g. {@code digits only}
     * @param key the comparison key of a value
     * @return the comparison
     */
    static TextComparison of(String name, UnaryOperator<String> key) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(key, "key must not be null");
        return new NamedComparison(name, key);
    }

    /**
     * Values are the same only when equal, character for character: the default of every column
     * but email columns.
     *
     * @return the exact comparison
     */
    static TextComparison exact() {
        return NamedComparison.EXACT;
    }

    /**
     * Leading and trailing white space (Unicode's, not only ASCII's) does not matter.
     *
     * @return the trimming comparison
     */
    static TextComparison trimmed() {
        return NamedComparison.TRIMMED;
    }

    /**
     * Letter case does not matter, in every script: values compare by their upper case, then lower
     * case, in the root locale (so {@code STRASSE} and {@code straße}, {@code ΣΊΣΥΦΟΣ} and
     * {@code σίσυφος} are the same, and a Turkish dotted {@code İ} does not depend on the server's
     * locale). The default of email columns.
     *
     * @return the case-insensitive comparison
     */
    static TextComparison caseInsensitive() {
        return NamedComparison.CASE_INSENSITIVE;
    }

    /**
     * Unicode compatibility forms do not matter (normalization form NFKC): a full-width
     * {@code ＡＢＣ１２３} is {@code ABC123}, a ligature {@code ﬁ} is {@code fi}, a composed and a
     * decomposed {@code é} are one.
     *
     * @return the NFKC comparison
     */
    static TextComparison nfkc() {
        return NamedComparison.NFKC;
    }
}
