package dev.intake.spi;

import dev.intake.core.IntakeException;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by a {@link RecordRepository} that refuses a row for a reason the user can fix, with the
 * problems to report on the row as they are: "email ada@example.com belongs to another employee"
 * ({@code DUPLICATE_KEY} on {@code email}) rather than the database's own words. The row fails and
 * writes nothing; other rows go on as the commit policy says. Any other exception from a repository
 * is reported as {@code WRITE_FAILED} with a message that names no cause (the cause goes to the
 * application's log), so a repository that knows what went wrong says it through this type.
 */
public final class RowRefusedException extends IntakeException {
    private static final long serialVersionUID = 1L;

    /** The problems; problems are immutable values. */
    private final transient List<Problem> problems;

    /**
     * Refuses a row.
     *
     * @param problem the first problem
     * @param more further problems
     * @throws IllegalArgumentException if a problem's code is not a row code
     */
    public RowRefusedException(Problem problem, Problem... more) {
        this(concat(problem, more));
    }

    /**
     * Refuses a row.
     *
     * @param problems the problems, at least one, each with a row code
     * @throws IllegalArgumentException if there are none or a code is not a row code
     */
    public RowRefusedException(List<Problem> problems) {
        super(first(problems).message());
        for (Problem problem : problems) {
            if (problem.code().scope() != ProblemCode.Scope.ROW) {
                throw new IllegalArgumentException(problem.code() + " is not a row problem code");
            }
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * @return the problems to report on the row, never empty
     */
    public List<Problem> problems() {
        return problems;
    }

    private static Problem first(List<Problem> problems) {
        Objects.requireNonNull(problems, "problems must not be null");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refused row needs at least one problem");
        }
        return Objects.requireNonNull(problems.get(0), "a problem must not be null");
    }

    private static List<Problem> concat(Problem problem, Problem... more) {
        Objects.requireNonNull(problem, "problem must not be null");
        Problem[] all = new Problem[more.length + 1];
        all[0] = problem;
        System.arraycopy(more, 0, all, 1, more.length);
        return List.of(all);
    }
}
