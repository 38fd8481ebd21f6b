package dev.intake.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** A {@link TextComparison} with a name for {@code toString}: the built-in ones and the host's named ones. */
final class NamedComparison implements TextComparison {
    /** Character for character. */
    static final NamedComparison EXACT = new NamedComparison("exact", value -> value);
    /** Without surrounding white space. */
    static final NamedComparison TRIMMED = new NamedComparison("trimmed", String::strip);
    /** Upper case, then lower case, in the root locale. */
    static final NamedComparison CASE_INSENSITIVE = new NamedComparison("case-insensitive",
            value -> value.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
    /** Unicode normalization form NFKC. */
    static final NamedComparison NFKC = new NamedComparison("NFKC",
            value -> Normalizer.normalize(value, Normalizer.Form.NFKC));

    private final String name;
    private final UnaryOperator<String> key;

    /**
     * @param name what the comparison does
     * @param key the comparison key of a value
     */
    NamedComparison(String name, UnaryOperator<String> key) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.key = Objects.requireNonNull(key, "key must not be null");
    }

    @Override
    public String key(String value) {
        String compared = key.apply(Objects.requireNonNull(value, "value must not be null"));
        if (compared == null) {
            throw new IllegalStateException("the comparison " + name + " gave no key for " + value);
        }
        return compared;
    }

    @Override
    public String toString() {
        return name;
    }
}
