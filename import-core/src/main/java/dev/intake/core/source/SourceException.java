package dev.intake.core.source;

import dev.intake.core.IntakeException;
import dev.intake.core.result.Problem;
import java.util.Objects;

/**
 * Thrown by a {@link RowSource} that cannot go on. Carries the file-level {@link Problem} the report
 * shows; its message never contains a stack trace or anything from the machine but the file.
 */
public class SourceException extends IntakeException {
    private static final long serialVersionUID = 1L;

    /** The problem, for the report. */
    private final transient Problem problem;

    /**
     * A source failure.
     *
     * @param problem the file-level problem
     * @param rowNumber the row being read, or -1 when unknown
     * @param cause the cause, or null
     */
    public SourceException(Problem problem, long rowNumber, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem must not be null").message(), rowNumber,
                problem.column().orElse(null), cause);
        this.problem = problem;
    }

    /**
     * @return the file-level problem, never null
     */
    public Problem problem() {
        return problem;
    }
}
