package dev.intake.xlsx.internal;

import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.io.IOException;

/**
 * Why the reader refused the workbook. An {@link IOException} so that it can leave an input stream
 * read by the XML parser; the row source turns it into the report's file-level problem.
 */
final class Refusal extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    private Refusal(Problem problem) {
        super(problem.message());
        this.problem = problem;
    }

    static Refusal unreadable(String message) {
        return new Refusal(Problem.of(ProblemCode.UNREADABLE_FILE, message));
    }

    static Refusal limit(String message) {
        return new Refusal(Problem.of(ProblemCode.LIMIT_EXCEEDED, message));
    }

    static Refusal worksheetNotFound(String message) {
        return new Refusal(Problem.of(ProblemCode.WORKSHEET_NOT_FOUND, message));
    }

    Problem problem() {
        return problem;
    }
}
