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
import java.util.Optional;
import java.util.Set;

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

    private static final Comparator<ConstraintViolation<?>> BY_PROPERTY_THEN_MESSAGE = Comparator
            .comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
            .thenComparing(ConstraintViolation::getMessage);

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
            Set<ConstraintViolation<R>> found = validator.validate(record, copy);
            if (found.isEmpty()) {
                // most records: nothing to sort or turn into problems
                return List.of();
            }
            List<ConstraintViolation<R>> violations = new ArrayList<>(found);
            violations.sort(BY_PROPERTY_THEN_MESSAGE);
            List<Problem> problems = new ArrayList<>(violations.size());
            for (ConstraintViolation<R> violation : violations) {
                problems.add(toProblem(violation));
            }
            return problems;
        };
    }

    /**
     * A row check of the Bean Validation constraints a host's record class puts on its properties,
     * applied to the row's values of the columns of the same names while the row is checked: so
     * that a row reports a value too long beside its other problems, all at once, where validating
     * the mapped record (see {@link #of}) sees only rows that passed every other check.
     *
     * <p>Only given values are checked, against the constraints of a property whose type takes
     * them: a missing value is the column's {@code required()} to report (a property's
     * {@code @NotNull} is not repeated), and an invalid one was reported when it was read.
     *
     * <pre>{@code
     * record NewPart(@Size(max = 500) String name, @PositiveOrZero Long leadTimeDays) { }
     * ImportDefinition.builder("parts")
     *     .column(Column.text("name").required())
     *     .column(Column.integer("leadTimeDays"))
     *     .check(BeanValidation.properties(validator, NewPart.class))
     * }</pre>
     *
     * @param validator the validator, e.g. Spring's {@code LocalValidatorFactoryBean}
     * @param type the record class whose property constraints apply
     * @param groups the validation groups; none means the default group
     * @return the row check; thread-safe when the validator is
     */
    public static dev.intake.core.RowCheck properties(Validator validator, Class<?> type, Class<?>... groups) {
        return properties(validator, type, Map.of(), groups);
    }

    /**
     * The row check of {@link #properties(Validator, Class, Class...)}, with the columns named for
     * the properties they fill where the names differ. A property without an entry is matched to
     * the column of its own name, or of that name in snake or kebab case ({@code fullName} to
     * {@code full_name} or {@code full-name}). Problems name the column, not the property.
     *
     * <pre>{@code
     * record NewEmployee(@Size(max = 100) String fullName, @Email String email) { }
     * .check(BeanValidation.properties(validator, NewEmployee.class, Map.of("mail", "email")))
     * }</pre>
     *
     * @param validator the validator
     * @param type the record class whose property constraints apply
     * @param columns column key to property name, for names the conventions do not match
     * @param groups the validation groups; none means the default group
     * @return the row check; thread-safe when the validator is
     * @throws IllegalArgumentException if a mapping names a property the class does not constrain
     */
    public static dev.intake.core.RowCheck properties(Validator validator, Class<?> type, Map<String, String> columns,
            Class<?>... groups) {
        Objects.requireNonNull(validator, "validator must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(columns, "columns must not be null");
        Class<?>[] copy = groups.clone();
        Map<String, Class<?>> constrained = new java.util.TreeMap<>();
        for (jakarta.validation.metadata.PropertyDescriptor property
                : validator.getConstraintsForClass(type).getConstrainedProperties()) {
            constrained.put(property.getPropertyName(), boxed(property.getElementClass()));
        }
        Map<String, String> explicit = new java.util.HashMap<>();
        columns.forEach((column, property) -> {
            if (!constrained.containsKey(property)) {
                throw new IllegalArgumentException("the column " + column + " is mapped to " + property + ", which "
                        + type.getSimpleName() + " has no constraints on (constrained: " + constrained.keySet() + ")");
            }
            explicit.put(property, column);
        });
        // in the order the class declares them (a record's components), so problems come in a stable order
        Map<String, Class<?>> properties = new java.util.LinkedHashMap<>();
        if (type.isRecord()) {
            for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
                if (constrained.containsKey(component.getName())) {
                    properties.put(component.getName(), constrained.get(component.getName()));
                }
            }
        }
        constrained.forEach(properties::putIfAbsent);
        Map<String, List<String>> candidates = new java.util.LinkedHashMap<>();
        properties.keySet().forEach(property -> candidates.put(property, explicit.containsKey(property)
                ? List.of(explicit.get(property)) : namings(property)));
        return (row, context, problems) -> {
            for (Map.Entry<String, Class<?>> property : properties.entrySet()) {
                Optional<Object> value = Optional.empty();
                String column = null;
                for (String candidate : candidates.get(property.getKey())) {
                    try {
                        value = row.value(candidate, Object.class);
                    } catch (IllegalArgumentException notAColumn) {
                        continue;
                    }
                    if (value.isPresent()) {
                        column = candidate;
                        break;
                    }
                }
                if (column == null || value.isEmpty() || !property.getValue().isInstance(value.get())) {
                    continue;
                }
                List<? extends ConstraintViolation<?>> violations = new ArrayList<>(
                        validator.validateValue(type, property.getKey(), value.get(), copy));
                violations.sort(Comparator.comparing(ConstraintViolation::getMessage));
                for (ConstraintViolation<?> violation : violations) {
                    problems.accept(onColumn(toProblem(violation), property.getKey(), column));
                }
            }
        };
    }

    /** A property's name, then in snake and kebab case when they differ. */
    private static List<String> namings(String property) {
        String snake = property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(List.of(property, snake,
                snake.replace('_', '-')));
        return List.copyOf(names);
    }

    /** A property's problem as its column's: the column's key where the property was named. */
    private static Problem onColumn(Problem problem, String property, String column) {
        if (property.equals(column) || problem.column().isEmpty()) {
            return problem;
        }
        String message = problem.message().startsWith(property + " ")
                ? column + problem.message().substring(property.length()) : problem.message();
        return Problem.at(problem.code(), column, message);
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
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
