package dev.intake.spi.internal;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.spi.RowRefusedException;
import java.util.List;

/**
 * Turns what a host component threw into problems a user can read: a repository's own refusal as it
 * is, anything else as {@code WRITE_FAILED} with a message that names no cause. The cause goes to
 * the application's log ({@code System.Logger} {@value #LOGGER}), with the importer and the row, so
 * no SQL text, constraint name or stack trace reaches a report.
 */
final class Failures {
    static final String LOGGER = "dev.intake.spi";
    private static final System.Logger LOG = System.getLogger(LOGGER);

    private final String importer;
    private final ImportDefinition definition;

    Failures(ImportDefinition definition) {
        this.importer = definition.name();
        this.definition = definition;
    }

    /** The problems of a row whose write threw. */
    List<Problem> ofRow(long rowNumber, Exception e) {
        if (e instanceof RowRefusedException refused) {
            return refused.problems();
        }
        log("row " + rowNumber + " could not be written", e);
        return List.of(Problem.of(ProblemCode.WRITE_FAILED, "the row could not be written; the cause is in the application log"));
    }

    /** The problem of each row of a batch the repository answered wrongly; logged once. */
    Problem ofBatch(List<Long> rows, Exception e) {
        log("rows " + rows.get(0) + " to " + rows.get(rows.size() - 1) + " could not be written together", e);
        return Problem.of(ProblemCode.WRITE_FAILED, "the row could not be written; the cause is in the application log");
    }

    /** The problem of a row that was written, in a transaction that then failed to commit. */
    Problem notCommitted(long rowNumber, Exception e) {
        log("the transaction of row " + rowNumber + " could not be committed", e);
        return Problem.of(ProblemCode.WRITE_FAILED,
                "the row was written but its transaction could not be committed; the cause is in the application log");
    }

    /** The problem of the rows joining a group that could be neither found nor created. */
    Problem ofGroup(GroupKey group, Exception e) {
        log("the " + group + " could not be found or created", e);
        String label = definition.column(group.name()).map(Column::label).orElse(group.name());
        return Problem.of(ProblemCode.WRITE_FAILED, "the " + label + " " + group.key()
                + " could not be found or created; the cause is in the application log");
    }

    /** Logs a failure that the report names without its cause. */
    void log(String what, Exception e) {
        LOG.log(System.Logger.Level.WARNING, "import " + importer + ": " + what, e);
    }
}
