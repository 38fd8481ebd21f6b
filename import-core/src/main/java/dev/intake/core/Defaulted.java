package dev.intake.core;

import dev.intake.core.result.ProblemCode;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DefaultSource} decides for an empty cell: a value, no value, or a problem (e.g. "the
 * part has several revisions; give revision").
 *
 * @param <T> the value's type
 */
public final class Defaulted<T> {
    private static final Defaulted<?> NONE = new Defaulted<>(null, null, null);

    private final T value;
    private final ProblemCode code;
    private final String message;

    private Defaulted(T value, ProblemCode code, String message) {
        this.value = value;
        this.code = code;
        this.message = message;
    }

    /**
     * Use this value.
     *
     * @param value the value, not null
     * @param <T> its type
     * @return the decision
     */
    public static <T> Defaulted<T> value(T value) {
        return new Defaulted<>(Objects.requireNonNull(value, "value must not be null"), null, null);
    }

    /**
     * Leave the field unset.
     *
     * @param <T> the value's type
     * @return the decision
     */
    @SuppressWarnings("unchecked")
    public static <T> Defaulted<T> none() {
        return (Defaulted<T>) NONE;
    }

    /**
     * The row cannot go on without the user giving a value.
     *
     * @param code the problem code
     * @param message the message
     * @param <T> the value's type
     * @return the decision
     */
    public static <T> Defaulted<T> problem(ProblemCode code, String message) {
        return new Defaulted<>(null, Objects.requireNonNull(code, "code must not be null"),
                Objects.requireNonNull(message, "message must not be null"));
    }

    /**
     * @return the value, if one was decided
     */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /**
     * @return the problem code, if the decision is a problem
     */
    public Optional<ProblemCode> code() {
        return Optional.ofNullable(code);
    }

    /**
     * @return the problem message, or empty text when the decision is not a problem
     */
    public String message() {
        return message == null ? "" : message;
    }
}
