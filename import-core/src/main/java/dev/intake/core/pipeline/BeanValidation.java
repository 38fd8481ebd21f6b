package dev.intake.core.pipeline;

import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Jakarta Bean Validation of the records rows map to: each violation becomes a row problem on the
 * column its property names. {@code @NotNull}/{@code @NotBlank}/{@code @NotEmpty} give
 * {@code REQUIRED}; {@code @Size} gives {@code TOO_SHORT} or {@code TOO_LONG}; {@code @Min},
 * {@code @Max}, {@code @Positive} and their kin {@code OUT_OF_RANGE}; {@code @Email}
 * {@code INVALID_EMAIL}; anything else {@code INVALID_FORMAT}.
 */
public final class BeanValidation {
    private static final Map<String, ProblemCode> CODES = Map.ofEntries(
            Map.entry("NotNull", ProblemCode.REQUIRED),
            Map.entry("NotBlank", ProblemCode.REQUIRED),
            Map.entry("NotEmpty", ProblemCode.REQUIRED),
            Map.entry("Min", ProblemCode.OUT_OF_RANGE),
            Map.entry("Max", ProblemCode.OUT_OF_RANGE),
            Map.entry("DecimalMin", ProblemCode.OUT_OF_RANGE),
            Map.entry("DecimalMax", ProblemCode.OUT_OF_RANGE),
            Map.entry("Positive", ProblemCode.OUT_OF_RANGE),
            Map.entry("PositiveOrZero", ProblemCode.OUT_OF_RANGE),
            Map.entry("Negative", ProblemCode.OUT_OF_RANGE),
            Map.entry("NegativeOrZero", ProblemCode.OUT_OF_RANGE),
            Map.entry("Past", ProblemCode.OUT_OF_RANGE),
            Map.entry("PastOrPresent", ProblemCode.OUT_OF_RANGE),
            Map.entry("Future", ProblemCode.OUT_OF_RANGE),
            Map.entry("FutureOrPresent", ProblemCode.OUT_OF_RANGE),
            Map.entry("Email", ProblemCode.INVALID_EMAIL),
            Map.entry("Pattern", ProblemCode.INVALID_FORMAT));

    private BeanValidation() {
    }

    /**
     * A record validator backed by a Jakarta {@link Validator}.
     *
     * @param validator the validator, e.g. from {@code Validation.buildDefaultValidatorFactory()}
     * @param groups the validation groups; none means the default group
     * @param <R> the record type
     * @return the record validator; thread-safe when the validator is
     */
    public static <R> RecordValidator<R> of(Validator validator, Class<?>... groups) {
        Objects.requireNonNull(validator, "validator must not be null");
        Class<?>[] copy = groups.clone();
        return record -> {
            List<ConstraintViolation<R>> violations = new ArrayList<>(validator.validate(record, copy));
            violations.sort(Comparator.comparing((ConstraintViolation<R> v) -> v.getPropertyPath().toString())
                    .thenComparing(ConstraintViolation::getMessage));
            List<Problem> problems = new ArrayList<>(violations.size());
            for (ConstraintViolation<R> violation : violations) {
                problems.add(toProblem(violation));
            }
            return problems;
        };
    }

    private static Problem toProblem(ConstraintViolation<?> violation) {
        String property = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                property = node.getName();
                break;
            }
        }
        Annotation annotation = violation.getConstraintDescriptor().getAnnotation();
        String kind = annotation.annotationType().getSimpleName();
        ProblemCode code = CODES.getOrDefault(kind, ProblemCode.INVALID_FORMAT);
        if ("Size".equals(kind) || "Length".equals(kind)) {
            code = tooShort(violation) ? ProblemCode.TOO_SHORT : ProblemCode.TOO_LONG;
        }
        String message = property == null ? violation.getMessage() : property + " " + violation.getMessage();
        return property == null ? Problem.of(code, message) : Problem.at(code, property, message);
    }

    private static boolean tooShort(ConstraintViolation<?> violation) {
        Object min = violation.getConstraintDescriptor().getAttributes().get("min");
        Object value = violation.getInvalidValue();
        int size;
        if (value instanceof CharSequence) {
            size = ((CharSequence) value).length();
        } else if (value instanceof Collection) {
            size = ((Collection<?>) value).size();
        } else if (value instanceof Map) {
            size = ((Map<?, ?>) value).size();
        } else {
            return false;
        }
        return min instanceof Integer && size < (Integer) min;
    }
}
