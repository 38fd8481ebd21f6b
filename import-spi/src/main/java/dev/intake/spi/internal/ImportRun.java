package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportRow;
import dev.intake.core.IntakeException;
import dev.intake.core.RequestCheck;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One import: the state of one call of {@code Importer.run}. Not thread-safe.
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
    private final ImportContext context;
    /** Group ids known to be committed, by (name, key). */
    private final Map<List<String>, String> committedGroups = new HashMap<>();
    /** Dry-run answers, by (name, key). */
    private final Map<List<String>, GroupAction> plannedGroups = new HashMap<>();

    /**
     * Prepares one import.
     *
     * @param pipeline the pipeline
     * @param records the record repository
     * @param groups the group repository, or null when the definition has no groups
     * @param transactions the transaction boundary
     * @param policy the commit policy
     * @param chunkSize rows per transaction of a per-row commit, when savepoints are supported
     * @param context the request's context
     */
    public ImportRun(RowPipeline<R> pipeline, RecordRepository<? super R> records, GroupRepository groups,
            TransactionBoundary transactions, CommitPolicy policy, int chunkSize, ImportContext context) {
        this.pipeline = pipeline;
        this.records = records;
        this.groups = groups;
        this.transactions = transactions;
        this.policy = policy;
        this.chunkSize = transactions.supportsSavepoints() ? chunkSize : 1;
        this.context = context;
    }

    /**
     * Runs the import.
     *
     * @param source the file
     * @param mode dry run or commit
     * @return the report
     */
    public ImportReport run(ImportSource source, RunMode mode) {
        ImportReport.Builder report = ImportReport.builder(pipeline.definition().name(), mode);
        if (!authorized(report)) {
            return report.build();
        }
        if (mode == RunMode.DRY_RUN) {
            check(source, report, true);
            return report.build();
        }
        if (policy == CommitPolicy.PER_ROW) {
            if (!readable(source, report)) {
                return report.build();
            }
            check(source, report, false);
            return report.committed(report.createdCount() > 0).build();
        }
        return allOrNothing(source, report);
    }

    /** Runs the definition's request checks; their problems reject the request before the file is read. */
    private boolean authorized(ImportReport.Builder report) {
        List<Problem> problems = new ArrayList<>();
        for (RequestCheck check : pipeline.definition().requestChecks()) {
            try {
                check.check(context, problems::add);
            } catch (Exception e) {
                throw new IntakeException("a request check failed: " + e, -1, null, e);
            }
        }
        problems.forEach(report::fileError);
        return problems.isEmpty();
    }

    /** Reads the file through once; a file problem goes into the report. */
    private boolean readable(ImportSource source, ImportReport.Builder report) {
        Optional<RowSource> rows = open(source, report);
        if (rows.isEmpty()) {
            return false;
        }
        try (PipelineRun<R> scan = pipeline.scan(rows.get(), context)) {
            scan.scanToEnd();
            scan.fileProblems().forEach(report::fileError);
            return scan.fileProblems().isEmpty();
        }
    }

    /**
     * Checks every row; a dry run plans groups, a per-row commit writes each accepted row in a
     * transaction of its own.
     */
    private void check(ImportSource source, ImportReport.Builder report, boolean dryRun) {
        Optional<RowSource> rows = open(source, report);
        if (rows.isEmpty()) {
            return;
        }
        List<CheckedRow<R>> chunk = new ArrayList<>();
        try (PipelineRun<R> run = pipeline.start(rows.get(), context)) {
            for (Optional<CheckedRow<R>> next = run.next(); next.isPresent(); next = run.next()) {
                CheckedRow<R> checked = next.get();
                if (!checked.isAccepted()) {
                    report.failed(new FailedRow(checked.rowNumber(), checked.problems()));
                } else if (dryRun) {
                    plan(checked, report);
                } else {
                    chunk.add(checked);
                    if (chunk.size() >= chunkSize) {
                        writeChunk(chunk, report);
                        chunk.clear();
                    }
                }
            }
            if (!chunk.isEmpty()) {
                writeChunk(chunk, report);
            }
            run.fileProblems().forEach(report::fileError);
        }
    }

    private void plan(CheckedRow<R> checked, ImportReport.Builder report) {
        ImportRow row = checked.row().orElseThrow();
        for (Map.Entry<String, String> group : row.groups().entrySet()) {
            List<String> id = List.of(group.getKey(), group.getValue());
            GroupAction action = plannedGroups.get(id);
            if (action == null) {
                try {
                    action = groups.find(group.getKey(), group.getValue()).isPresent() ? GroupAction.FOUND : GroupAction.CREATE;
                } catch (Exception e) {
                    throw new IntakeException("finding group " + group.getKey() + " failed: " + e, row.rowNumber(),
                            group.getKey(), e);
                }
                plannedGroups.put(id, action);
            }
            report.group(new GroupOutcome(group.getKey(), group.getValue(), action));
        }
        R record = checked.record().orElseThrow();
        report.created(new WrittenRow(row.rowNumber(), Optional.empty(), records.keyOf(record)));
    }

    /** What became of one row of a chunk before the chunk's commit. */
    private static final class Attempt {
        final long rowNumber;
        Written written;
        Exception failure;
        final List<GroupOutcome> joined = new ArrayList<>();
        final Map<List<String>, String> newGroups = new HashMap<>();

        Attempt(long rowNumber) {
            this.rowNumber = rowNumber;
        }
    }

    /**
     * Writes a chunk of accepted rows: one transaction, each row in a savepoint of its own (or, with a
     * chunk of one, in a transaction of its own). Rows and groups are reported only once the
     * transaction has committed; when the commit fails, every row the chunk wrote is WRITE_FAILED.
     */
    private void writeChunk(List<CheckedRow<R>> chunk, ImportReport.Builder report) {
        List<Attempt> attempts = new ArrayList<>(chunk.size());
        Map<List<String>, String> chunkGroups = new HashMap<>();
        Exception commitFailure = null;
        try {
            transactions.inTransaction(() -> {
                for (CheckedRow<R> checked : chunk) {
                    Attempt attempt = new Attempt(checked.rowNumber());
                    attempts.add(attempt);
                    try {
                        attempt.written = chunk.size() == 1
                                ? write(checked, chunkGroups, attempt.joined, attempt.newGroups)
                                : transactions.inSavepoint(
                                        () -> write(checked, chunkGroups, attempt.joined, attempt.newGroups));
                        chunkGroups.putAll(attempt.newGroups);
                    } catch (Exception e) {
                        if (chunk.size() == 1) {
                            throw e;
                        }
                        attempt.failure = e;
                    }
                }
                return null;
            });
        } catch (Exception e) {
            commitFailure = e;
        }
        for (Attempt attempt : attempts) {
            if (attempt.failure != null) {
                report.failed(writeFailed(attempt.rowNumber, attempt.failure));
            } else if (commitFailure != null) {
                report.failed(chunk.size() == 1 ? writeFailed(attempt.rowNumber, commitFailure)
                        : new FailedRow(attempt.rowNumber, List.of(Problem.of(ProblemCode.WRITE_FAILED,
                                "the row was written but its transaction could not be committed: " + describe(commitFailure)))));
            } else {
                committedGroups.putAll(attempt.newGroups);
                attempt.joined.forEach(report::group);
                report.created(new WrittenRow(attempt.rowNumber, Optional.of(attempt.written.id()), attempt.written.key()));
            }
        }
    }

    /** Finds or creates the row's groups and writes its record; runs inside a transaction. */
    private Written write(CheckedRow<R> checked, Map<List<String>, String> pendingGroups, List<GroupOutcome> joined,
            Map<List<String>, String> newGroups) throws Exception {
        ImportRow row = checked.row().orElseThrow();
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, String> group : row.groups().entrySet()) {
            List<String> id = List.of(group.getKey(), group.getValue());
            String known = committedGroups.get(id);
            if (known == null) {
                known = pendingGroups.get(id);
            }
            if (known == null) {
                known = newGroups.get(id);
            }
            if (known != null) {
                ids.put(group.getKey(), known);
                continue;
            }
            GroupRef ref = groups.findOrCreate(group.getKey(), group.getValue());
            newGroups.put(id, ref.id());
            ids.put(group.getKey(), ref.id());
            joined.add(new GroupOutcome(group.getKey(), group.getValue(),
                    ref.created() ? GroupAction.CREATE : GroupAction.FOUND));
        }
        Written written = records.create(checked.record().orElseThrow(), new WriteContext(row, ids, context));
        if (written == null) {
            throw new IllegalStateException("the record repository returned null");
        }
        return written;
    }

    /**
     * Checks the whole file first; writes only when every row passed, all in one transaction, and
     * writes nothing when any write fails.
     */
    private ImportReport allOrNothing(ImportSource source, ImportReport.Builder report) {
        ImportReport.Builder checkReport = ImportReport.builder(pipeline.definition().name(), RunMode.COMMIT);
        check(source, checkReport, true);
        ImportReport checkedReport = checkReport.build();
        if (!checkedReport.failedRows().isEmpty() || !checkedReport.fileErrors().isEmpty()) {
            checkedReport.failedRows().forEach(report::failed);
            checkedReport.fileErrors().forEach(report::fileError);
            report.acceptedNotWritten(checkedReport.successCount());
            return report.committed(false).build();
        }
        Optional<RowSource> rows = open(source, report);
        if (rows.isEmpty()) {
            return report.build();
        }
        long[] failedRow = {-1};
        List<GroupOutcome> joined = new ArrayList<>();
        Map<List<String>, String> newGroups = new HashMap<>();
        List<WrittenRow> written = new ArrayList<>();
        try (PipelineRun<R> run = pipeline.start(rows.get(), context)) {
            transactions.inTransaction(() -> {
                for (Optional<CheckedRow<R>> next = run.next(); next.isPresent(); next = run.next()) {
                    CheckedRow<R> checked = next.get();
                    if (!checked.isAccepted()) {
                        failedRow[0] = checked.rowNumber();
                        throw new ChangedUnderfoot(checked.problems());
                    }
                    Written w;
                    try {
                        w = write(checked, newGroups, joined, newGroups);
                    } catch (Exception e) {
                        failedRow[0] = checked.rowNumber();
                        throw e;
                    }
                    written.add(new WrittenRow(checked.rowNumber(), Optional.of(w.id()), w.key()));
                }
                if (!run.fileProblems().isEmpty()) {
                    throw new ChangedUnderfoot(run.fileProblems());
                }
                return null;
            });
        } catch (Exception e) {
            if (failedRow[0] < 0) {
                report.fileError(Problem.of(ProblemCode.WRITE_FAILED, "nothing was written: the import could not be"
                        + " committed: " + describe(e)));
                report.acceptedNotWritten(checkedReport.successCount());
            } else {
                report.failed(writeFailed(failedRow[0], e));
                report.acceptedNotWritten(checkedReport.successCount() - 1);
            }
            return report.committed(false).build();
        }
        joined.forEach(report::group);
        written.forEach(report::created);
        return report.committed(true).build();
    }

    private Optional<RowSource> open(ImportSource source, ImportReport.Builder report) {
        try {
            return Optional.of(source.open(pipeline.definition().limits()));
        } catch (IOException e) {
            report.fileError(Problem.of(ProblemCode.UNREADABLE_FILE, source.name() + " cannot be opened: " + describe(e)));
            return Optional.empty();
        }
    }

    private static FailedRow writeFailed(long rowNumber, Exception e) {
        if (e instanceof ChangedUnderfoot) {
            return new FailedRow(rowNumber, ((ChangedUnderfoot) e).problems);
        }
        return new FailedRow(rowNumber, List.of(Problem.of(ProblemCode.WRITE_FAILED,
                "the row could not be written: " + describe(e))));
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String firstLine = message.strip().lines().findFirst().orElse(message);
        return firstLine.length() > 300 ? firstLine.substring(0, 300) + "\u2026" : firstLine;
    }

    /** The file gave a different answer on the second read than on the first. */
    private static final class ChangedUnderfoot extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        ChangedUnderfoot(List<Problem> problems) {
            super("the file changed while it was imported");
            this.problems = List.copyOf(problems);
        }
    }
}
