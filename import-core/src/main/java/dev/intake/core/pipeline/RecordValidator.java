package dev.intake.core.pipeline;

import dev.intake.core.result.Problem;
import java.util.List;

/**
 * Checks the record a row maps to with the host's own rules; see {@link BeanValidation} for Jakarta
 * Bean Validation. A problem's column may be a property name: the pipeline maps it to the column
 * whose key matches it ignoring case, {@code _} and {@code -} ({@code dueDate} is {@code due_date}).
 *
 * @param <R> the record type
 */
@FunctionalInterface
public interface RecordValidator<R> {

    /**
     * Validates a record.
     *
     * @param record the record
     * @return every problem, or an empty list; never null
     */
    List<Problem> validate(R record);
}
