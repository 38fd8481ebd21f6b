package dev.intake.core.rule;

import static dev.intake.core.internal.Texts.shown;

import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built-in {@link Rule}s. Every rule here is immutable and thread-safe.
 */
public final class Rules {
    private Rules() {
    }

    /**
     * At most {@code max} characters; longer is {@code TOO_LONG}.
     *
     * @param max the most characters
     * @return the rule
     * @throws IllegalArgumentException if max is below 1
     */
    public static Rule<String> maxLength(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxLength must be 1 or more, not " + max);
        }
        return (column, value) -> value.length() <= max ? Optional.empty()
                : Optional.of(Problem.at(ProblemCode.TOO_LONG, column,
                        column + " must be at most " + max + " characters, not " + value.length()));
    }

    /**
     * At least {@code min} characters; shorter is {@code TOO_SHORT}.
     *
     * @param min the fewest characters
     * @return the rule
     * @throws IllegalArgumentException if min is below 1
     */
    public static Rule<String> minLength(int min) {
        if (min < 1) {
            throw new IllegalArgumentException("minLength must be 1 or more, not " + min);
        }
        return (column, value) -> value.length() >= min ? Optional.empty()
                : Optional.of(Problem.at(ProblemCode.TOO_SHORT, column,
                        column + " must be at least " + min + " characters, not " + value.length()));
    }

    /**
     * Exactly {@code length} characters; otherwise {@code TOO_SHORT} or {@code TOO_LONG}.
     *
     * @param length the number of characters
     * @return the rule
     */
    public static Rule<String> exactLength(int length) {
        Rule<String> min = minLength(length);
        Rule<String> max = maxLength(length);
        return (column, value) -> min.check(column, value).or(() -> max.check(column, value));
    }

    /**
     * At least {@code min}; smaller is {@code OUT_OF_RANGE}.
     *
     * @param min the smallest allowed value
     * @return the rule
     */
    public static Rule<Number> min(long min) {
        return range(BigDecimal.valueOf(min), null);
    }

    /**
     * At most {@code max}; larger is {@code OUT_OF_RANGE}.
     *
     * @param max the largest allowed value
     * @return the rule
     */
    public static Rule<Number> max(long max) {
        return range(null, BigDecimal.valueOf(max));
    }

    /**
     * Between {@code min} and {@code max}, both included; outside is {@code OUT_OF_RANGE}.
     *
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the rule
     * @throws IllegalArgumentException if min is greater than max
     */
    public static Rule<Number> range(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " is greater than max " + max);
        }
        return range(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    private static Rule<Number> range(BigDecimal min, BigDecimal max) {
        // The bounds come from longs; whole-number values (what integer columns hold) compare as longs.
        long low = min == null ? Long.MIN_VALUE : min.longValueExact();
        long high = max == null ? Long.MAX_VALUE : max.longValueExact();
        return (column, value) -> {
            if (isWhole(value)) {
                long number = value.longValue();
                return number >= low && number <= high ? Optional.empty() : outOfRange(column, value, min, max);
            }
            BigDecimal number = value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
            if ((min != null && number.compareTo(min) < 0) || (max != null && number.compareTo(max) > 0)) {
                return outOfRange(column, value, min, max);
            }
            return Optional.empty();
        };
    }

    private static boolean isWhole(Number value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static Optional<Problem> outOfRange(String column, Number value, BigDecimal min, BigDecimal max) {
        String bounds;
        if (min != null && max != null) {
            bounds = "between " + min.toPlainString() + " and " + max.toPlainString();
        } else if (min != null) {
            bounds = min.toPlainString() + " or more";
        } else {
            bounds = max.toPlainString() + " or less";
        }
        return Optional.of(Problem.at(ProblemCode.OUT_OF_RANGE, column, column + " must be " + bounds + ", not " + value));
    }

    /**
     * The whole value matches a regular expression; otherwise {@code INVALID_FORMAT}.
     *
     * @param regex the expression, matched against the whole value
     * @param description what the value should look like, for the message (e.g. "like PN-000123")
     * @return the rule
     * @throws java.util.regex.PatternSyntaxException if the expression is invalid
     */
    public static Rule<String> pattern(String regex, String description) {
        Pattern pattern = Pattern.compile(regex);
        Objects.requireNonNull(description, "description must not be null");
        return (column, value) -> pattern.matcher(value).matches() ? Optional.empty()
                : Optional.of(Problem.at(ProblemCode.INVALID_FORMAT, column,
                        column + " must be " + description + ", not " + shown(value)));
    }
}
