package dev.intake.core.type;

import dev.intake.core.result.ProblemCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of reading one cell as a type: a value, or a problem code and message.
 *
 * @param <T> the value's type
 */
public final class Conversion<T> {
    private final T value;
    private final ProblemCode code;
    private final String message;

    private Conversion(T value, ProblemCode code, String message) {
        this.value = value;
        this.code = code;
        this.message = message;
    }

    /**
     * A successful conversion.
     *
     * @param value the value, not null
     * @param <T> the value's type
     * @return the conversion
     */
    public static <T> Conversion<T> ok(T value) {
        return new Conversion<>(Objects.requireNonNull(value, "value must not be null"), null, null);
    }

    /**
     * A failed conversion.
     *
     * @param code the problem code
     * @param message the message for the user
     * @param <T> the value's type
     * @return the conversion
     */
    public static <T> Conversion<T> failed(ProblemCode code, String message) {
        return new Conversion<>(null, Objects.requireNonNull(code, "code must not be null"),
                Objects.requireNonNull(message, "message must not be null"));
    }

    /**
     * @return whether a value was read
     */
    public boolean isOk() {
        return code == null;
    }

    /**
     * @return the value, if read
     */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /**
     * The value read, for callers that have checked {@link #isOk()}: what {@code value().orElseThrow()}
     * gives, without an {@code Optional} for every cell of a file.
     *
     * @return the value
     * @throws IllegalStateException if the conversion failed
     */
    public T get() {
        if (value == null) {
            throw new IllegalStateException("the conversion failed: " + message);
        }
        return value;
    }

    /**
     * @return the problem code, if the conversion failed
     */
    public Optional<ProblemCode> code() {
        return Optional.ofNullable(code);
    }

    /**
     * @return the message, if the conversion failed; empty otherwise
     */
    public String message() {
        return message == null ? "" : message;
    }
}
