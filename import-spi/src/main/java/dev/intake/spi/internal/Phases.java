package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RelationshipFailure;
import dev.intake.core.result.Relationships;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.spi.AfterRows;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.ImportedRecords;
import dev.intake.spi.TransactionBoundary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The phases after an import's rows (such as BOM relationships): the keys and ids of the records the
 * rows wrote, kept only when there are phases, and the phases run each in a transaction of its own
 * once the rows are imported.
 */
final class Phases {
    private final List<AfterRows> phases;
    private final TransactionBoundary transactions;
    private final ImportContext context;
    private final Failures failures;
    private final Map<String, Optional<String>> imported = new LinkedHashMap<>();

    Phases(List<AfterRows> phases, TransactionBoundary transactions, ImportContext context, Failures failures) {
        this.phases = phases;
        this.transactions = transactions;
        this.context = context;
        this.failures = failures;
    }

    /** Remembers a written (or, in a dry run, planned) row's key, when a phase will need it. */
    void remember(WrittenRow row) {
        if (!phases.isEmpty() && row.key().isPresent()) {
            imported.put(row.key().get(), row.id());
        }
    }

    /**
     * Runs the phases when the rows were settled (or, in a dry run, would be), and adds up what they
     * did: after a per-row commit that read the file through, even when every row failed (a phase
     * may link records that existed before); after an all-or-nothing commit, only when it committed.
     */
    void run(RunMode mode, boolean perRow, ImportReport.Builder report, Tally tally) {
        boolean rowsImported = mode == RunMode.DRY_RUN || perRow ? !report.hasFileErrors() : report.isCommitted();
        if (phases.isEmpty() || !rowsImported) {
            return;
        }
        tally.phase(ImportProgress.Phase.RELATIONSHIPS);
        ImportedRecords records = new ImportedRecords(imported);
        int created = 0;
        List<RelationshipFailure> failed = new ArrayList<>();
        for (AfterRows phase : phases) {
            try {
                Relationships done = mode == RunMode.DRY_RUN ? phase.run(records, mode, context)
                        : transactions.inTransaction(() -> phase.run(records, mode, context));
                created += done.created();
                failed.addAll(done.failures());
            } catch (Exception e) {
                failures.log("a phase after the rows failed", e);
                report.fileError(Problem.of(ProblemCode.WRITE_FAILED, "the rows were imported but a phase after"
                        + " them failed and wrote nothing; the cause is in the application log"));
            }
        }
        report.relationships(new Relationships(created, failed.size(), failed));
    }
}
