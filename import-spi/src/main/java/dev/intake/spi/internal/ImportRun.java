package dev.intake.spi.internal;

import dev.intake.core.ImportDefinition;
import dev.intake.core.IntakeException;
import dev.intake.core.Mode;
import dev.intake.core.RequestCheck;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.ImportSource;
import dev.intake.spi.AfterRows;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.GroupRepository;
import dev.intake.spi.ImportInterruptedException;
import dev.intake.spi.ImportJournal;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.RunOptions;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriterSession;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One call of {@code Importer.run}: checks the request, chooses the strategy of the run (a
 * {@link DryRun}, a {@link PerRowCommit} or an {@link AllOrNothingCommit}), runs the phases after
 * the rows, and builds the report. Not thread-safe.
 *
 * @param <R> the host's record type
 */
public final class ImportRun<R> {
    private final RowPipeline<R> pipeline;
    private final RecordRepository<? super R> records;
    private final GroupRepository groups;
    private final TransactionBoundary transactions;
    private final CommitPolicy policy;
    private final int chunkSize;
    private final List<AfterRows> phases;
    private final ImportJournal journal;
    private final RunOptions options;
    private final int writers;
    private final WriterSession.Factory<R> sessions;

    /**
     * Prepares one import.
     *
     * @param pipeline the pipeline, checking rows a chunk at a time
     * @param records the record repository
     * @param groups the group repository, or null when the definition has no groups
     * @param transactions the transaction boundary
     * @param policy the commit policy
     * @param chunkSize rows per transaction of a per-row commit, and between progress reports
     * @param phases the phases after the rows
     * @param journal where a commit records the rows it wrote, or null
     * @param options the run's mode, context and progress listener
     * @param writers the writers of a per-row commit: 1, or several with {@code sessions}
     * @param sessions opens each of several writers' sessions, or null
     */
    public ImportRun(RowPipeline<R> pipeline, RecordRepository<? super R> records, GroupRepository groups,
            TransactionBoundary transactions, CommitPolicy policy, int chunkSize, List<AfterRows> phases,
            ImportJournal journal, RunOptions options, int writers, WriterSession.Factory<R> sessions) {
        this.pipeline = pipeline;
        this.records = records;
        this.groups = groups;
        this.transactions = transactions;
        this.policy = policy;
        this.chunkSize = chunkSize;
        this.phases = phases;
        this.journal = journal;
        this.options = options;
        this.writers = sessions == null ? 1 : writers;
        this.sessions = sessions;
    }

    /**
     * Runs the import.
     *
     * @param source the file
     * @return the report
     */
    public ImportReport run(ImportSource source) {
        ImportDefinition definition = pipeline.definition();
        RunMode runMode = options.runMode();
        ImportReport.Builder report = ImportReport.builder(definition.name(), runMode).sink(options.sink())
                .keepRows(options.keepRows());
        Mode mode = options.mode().orElse(definition.mode());
        if (!definition.modes().contains(mode)) {
            report.fileError(Problem.of(ProblemCode.INVALID_REQUEST, "mode " + mode + " is not one importer "
                    + definition.name() + " allows; it allows " + definition.modes().stream().map(Mode::name)
                            .collect(Collectors.joining(", "))));
            return report.build();
        }
        if (!authorized(report)) {
            return report.build();
        }
        if (!options.headerMapping().isEmpty()) {
            List<String> unknown = options.headerMapping().values().stream()
                    .filter(column -> !column.isEmpty() && definition.column(column).isEmpty()).distinct().toList();
            if (!unknown.isEmpty()) {
                report.fileError(Problem.of(ProblemCode.INVALID_REQUEST, "the header mapping names "
                        + (unknown.size() == 1 ? "column " + unknown.get(0) + ", which" : "columns "
                                + String.join(", ", unknown) + ", which") + " importer " + definition.name()
                        + " does not have"));
                return report.build();
            }
            source = new MappedHeaders(source, options.headerMapping());
        }
        Failures failures = new Failures(definition);
        Tally tally = new Tally(options.progress());
        Groups groupKeys = new Groups(definition, groups, transactions, failures);
        Phases after = new Phases(phases, transactions, options.context(), failures);
        Parts<R> parts = new Parts<>(pipeline, records, transactions, options.context(), chunkSize, tally, failures,
                groupKeys, new ExistingRecords<>(definition, mode, records, options.context()),
                new RowWriter<>(definition, records, transactions, groupKeys, options.context(), failures), after,
                journal, options.importAgain(), options.journalKey().orElse(definition.name()),
                // A row's write depends on the rows before it that it refers to: one writer.
                definition.rowReferences().isEmpty() ? writers : 1, sessions);
        Strategy strategy = runMode == RunMode.DRY_RUN ? new DryRun<>(parts)
                : policy == CommitPolicy.PER_ROW ? new PerRowCommit<>(parts) : new AllOrNothingCommit<>(parts);
        try {
            strategy.run(source, report);
        } catch (RuntimeException e) {
            failures.log("the import stopped", e);
            long row = e instanceof IntakeException intake ? intake.rowNumber().orElse(-1) : -1;
            report.fileError(Problem.of(ProblemCode.INTERRUPTED, "the import stopped" + (row > 0 ? " at row " + row : "")
                    + " because a part of the application failed; the cause is in the application log. "
                    + (report.writtenCount() > 0 && runMode == RunMode.COMMIT
                            ? "The rows listed as created or updated were written; the others were not."
                            : "Nothing was written.")));
            throw new ImportInterruptedException("the import of " + definition.name() + " stopped: " + e.getMessage(),
                    report.build(), e);
        }
        after.run(runMode, policy == CommitPolicy.PER_ROW, report, tally);
        tally.phase(ImportProgress.Phase.DONE);
        return report.build();
    }

    /** Runs the definition's request checks; their problems reject the request before the file is read. */
    private boolean authorized(ImportReport.Builder report) {
        List<Problem> problems = new ArrayList<>();
        for (RequestCheck check : pipeline.definition().requestChecks()) {
            try {
                check.check(options.context(), problems::add);
            } catch (Exception e) {
                throw new IntakeException("a request check failed: " + e, -1, null, e);
            }
        }
        problems.forEach(report::fileError);
        return problems.isEmpty();
    }
}
