package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
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
import dev.intake.core.result.RelationshipFailure;
import dev.intake.core.result.Relationships;
import dev.intake.spi.AfterRows;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.ImportedRecords;
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
import java.util.Objects;
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
    /** Rows between progress reports and cancellation checks. */
    private final int chunkSize;
    /** Rows per transaction of a per-row commit: one row when the boundary has no savepoints. */
    private final int writeChunkSize;
    private final List<AfterRows> phases;
    private final ImportContext context;
    private final ImportProgress progress;
    /** Ids by natural key of the records written, kept only when a phase needs them. */
    private final Map<String, Optional<String>> imported = new LinkedHashMap<>();
    /** Rows whose outcome is final. */
    private long rowsDone;
    /** The last row whose outcome is final, for the cancellation message. */
    private long lastRowDone = 1;
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
     * @param phases the phases after the rows
     * @param context the request's context
     * @param progress follows the import and may cancel it
     */
    public ImportRun(RowPipeline<R> pipeline, RecordRepository<? super R> records, GroupRepository groups,
            TransactionBoundary transactions, CommitPolicy policy, int chunkSize, List<AfterRows> phases,
            ImportContext context, ImportProgress progress) {
        this.pipeline = pipeline;
        this.records = records;
        this.groups = groups;
        this.transactions = transactions;
        this.policy = policy;
        this.chunkSize = chunkSize;
        this.writeChunkSize = transactions.supportsSavepoints() ? chunkSize : 1;
        this.phases = phases;
        this.context = context;
        this.progress = progress;
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
            progress.phase(ImportProgress.Phase.CHECKING);
            check(source, report, true);
        } else if (policy == CommitPolicy.PER_ROW) {
            progress.phase(ImportProgress.Phase.SCANNING);
            if (readable(source, report)) {
                progress.phase(ImportProgress.Phase.WRITING);
                check(source, report, false);
                report.committed(report.writtenCount() > 0);
            }
        } else {
            allOrNothing(source, report);
        }
        runPhases(mode, report);
        progress.phase(ImportProgress.Phase.DONE);
        return report.build();
    }

    /**
     * Runs the phases after the rows, each in a transaction of its own on a commit, and adds up what
     * they did. They run only when the rows were imported (or, in a dry run, would be).
     */
    private void runPhases(RunMode mode, ImportReport.Builder report) {
        boolean rowsImported = mode == RunMode.DRY_RUN ? !report.hasFileErrors() : report.isCommitted();
        if (phases.isEmpty() || !rowsImported) {
            return;
        }
        progress.phase(ImportProgress.Phase.RELATIONSHIPS);
        ImportedRecords records = new ImportedRecords(imported);
        int created = 0;
        List<RelationshipFailure> failures = new ArrayList<>();
        for (AfterRows phase : phases) {
            try {
                Relationships done = mode == RunMode.DRY_RUN ? phase.run(records, mode, context)
                        : transactions.inTransaction(() -> phase.run(records, mode, context));
                created += done.created();
                failures.addAll(done.failures());
            } catch (Exception e) {
                report.fileError(Problem.of(ProblemCode.WRITE_FAILED, "the rows were imported but a phase after"
                        + " them failed and wrote nothing: " + describe(e)));
            }
        }
        report.relationships(new Relationships(created, failures.size(), failures));
    }

    /** Reports committed rows as created or updated, and remembers their keys for the phases. */
    private void reportWritten(Map<Long, Wrote> written, ImportReport.Builder report) {
        written.forEach((rowNumber, wrote) -> {
            WrittenRow row = wrote.row(rowNumber);
            if (wrote.updated()) {
                report.updated(row);
            } else {
                report.created(row);
            }
            imported(row);
        });
    }

    /** Remembers a written row's key for the phases after the rows. */
    private void imported(WrittenRow row) {
        if (!phases.isEmpty() && row.key().isPresent()) {
            imported.put(row.key().get(), row.id());
        }
    }

    /** Reports progress and tells whether the caller cancelled; called once per chunk. */
    private boolean cancelled(PipelineRun<R> run) {
        progress.rows(run.dataRows(), rowsDone);
        return progress.cancelled();
    }

    private Problem cancellation() {
        return Problem.of(ProblemCode.CANCELLED, rowsDone == 0 ? "the import was cancelled before any row was done"
                : "the import was cancelled after row " + lastRowDone + "; later rows were not imported");
    }

    private void done(long rowNumber) {
        rowsDone++;
        lastRowDone = Math.max(lastRowDone, rowNumber);
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
     * Checks every row; a dry run plans what a commit would do, a per-row commit writes the accepted
     * rows chunk by chunk. Progress and cancellation are checked once per chunk.
     */
    private void check(ImportSource source, ImportReport.Builder report, boolean dryRun) {
        Optional<RowSource> rows = open(source, report);
        if (rows.isEmpty()) {
            return;
        }
        List<CheckedRow<R>> chunk = new ArrayList<>();
        long sinceProgress = 0;
        try (PipelineRun<R> run = pipeline.start(rows.get(), context)) {
            for (Optional<CheckedRow<R>> next = run.next(); next.isPresent(); next = run.next()) {
                CheckedRow<R> checked = next.get();
                if (!checked.isAccepted()) {
                    report.failed(new FailedRow(checked.rowNumber(), checked.problems()));
                    done(checked.rowNumber());
                } else if (dryRun) {
                    plan(checked, report);
                    done(checked.rowNumber());
                } else {
                    chunk.add(checked);
                }
                if (chunk.size() >= writeChunkSize || (dryRun && ++sinceProgress >= chunkSize)) {
                    sinceProgress = 0;
                    if (cancelled(run)) {
                        chunk.forEach(skipped -> report.skipped());
                        report.fileError(cancellation());
                        return;
                    }
                    if (!chunk.isEmpty()) {
                        writeChunk(chunk, report);
                        chunk.clear();
                    }
                }
            }
            if (!chunk.isEmpty()) {
                if (cancelled(run)) {
                    chunk.forEach(skipped -> report.skipped());
                    report.fileError(cancellation());
                    return;
                }
                writeChunk(chunk, report);
            }
            progress.rows(run.dataRows(), rowsDone);
            run.fileProblems().forEach(report::fileError);
        }
    }

    private void plan(CheckedRow<R> checked, ImportReport.Builder report) {
        ImportRow row = checked.row().orElseThrow();
        R record = checked.record().orElseThrow();
        Optional<String> existing;
        try {
            existing = existing(checked);
        } catch (RowRejected e) {
            report.failed(new FailedRow(row.rowNumber(), e.problems));
            return;
        } catch (Exception e) {
            throw new IntakeException("finding the existing record of row " + row.rowNumber() + " failed: " + e,
                    row.rowNumber(), null, e);
        }
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
                // The report lists each group once, as the first row to join it found it.
                report.group(new GroupOutcome(group.getKey(), group.getValue(), action));
            }
        }
        WrittenRow would = new WrittenRow(row.rowNumber(), existing, records.keyOf(record));
        if (existing.isPresent()) {
            report.updated(would);
        } else {
            report.created(would);
        }
        if (!phases.isEmpty()) {
            imported(new WrittenRow(row.rowNumber(), Optional.empty(), would.key()));
        }
    }

    /**
     * The existing record a row's key matches, checked against the mode: an existing key under
     * create-only, or a missing one under update-only, rejects the row.
     */
    private Optional<String> existing(CheckedRow<R> checked) throws Exception {
        ImportDefinition definition = pipeline.definition();
        if (definition.key().isEmpty()) {
            return Optional.empty();
        }
        ImportRow row = checked.row().orElseThrow();
        Optional<String> existing = records.findExisting(checked.record().orElseThrow(),
                new WriteContext(row, Map.of(), context));
        String column = definition.key().get(0);
        if (existing.isPresent() && definition.mode() == Mode.CREATE_ONLY) {
            throw new RowRejected(Problem.at(ProblemCode.DUPLICATE_KEY, column,
                    describeKey(row) + " already exists; this import only creates records"));
        }
        if (existing.isEmpty() && definition.mode() == Mode.UPDATE_ONLY) {
            throw new RowRejected(Problem.at(ProblemCode.NOT_FOUND, column,
                    "no existing record has " + describeKey(row) + "; this import only updates records"));
        }
        return existing;
    }

    private String describeKey(ImportRow row) {
        List<String> parts = new ArrayList<>();
        for (String column : pipeline.definition().key()) {
            parts.add(column + " " + row.text(column).orElse(""));
        }
        return String.join(" and ", parts);
    }

    /** A row the mode refuses once its key is looked up: a row problem, not a write failure. */
    private static final class RowRejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        RowRejected(Problem problem) {
            super(problem.message(), null, false, false);
            this.problems = List.of(problem);
        }
    }

    /** A row of a chunk that failed to write, and why. */
    private record Failure(long rowNumber, Exception cause) {
    }

    /** A pass over a chunk found rows that failed; the transaction is rolled back and redone without them. */
    private static final class RowsFailed extends Exception {
        private static final long serialVersionUID = 1L;

        RowsFailed() {
            super("rows of the chunk failed", null, false, false);
        }
    }

    /**
     * Writes a chunk of accepted rows in one transaction: first the groups they join, found or
     * created in sorted key order (so that concurrent imports take the locks of new groups in one
     * order and cannot deadlock), then each row in file order in a savepoint of its own. When a row
     * fails, the transaction is rolled back and redone without it, so that no group outlives the
     * rows that joined it and every row is written once. Rows and groups are reported only after
     * the commit; when the commit fails, every row of the chunk is WRITE_FAILED.
     */
    private void writeChunk(List<CheckedRow<R>> chunk, ImportReport.Builder report) {
        List<CheckedRow<R>> remaining = new ArrayList<>(chunk);
        List<Failure> failures = new ArrayList<>();
        Map<Long, Wrote> written = new LinkedHashMap<>();
        Map<List<String>, GroupRef> created = new LinkedHashMap<>();
        Exception commitFailure = null;
        while (!remaining.isEmpty()) {
            written.clear();
            created.clear();
            List<Failure> failedNow = new ArrayList<>();
            Map<Long, Optional<String>> existing = new HashMap<>();
            try {
                transactions.inTransaction(() -> {
                    // The mode's checks come first: a row they refuse has written nothing, so no redo.
                    remaining.removeIf(checked -> {
                        try {
                            existing.put(checked.rowNumber(), existing(checked));
                            return false;
                        } catch (Exception e) {
                            failures.add(new Failure(checked.rowNumber(), e));
                            return true;
                        }
                    });
                    findOrCreateGroups(remaining, created, failedNow);
                    // A row alone, or a boundary without savepoints: a failure undoes the whole attempt.
                    boolean wholeAttempt = remaining.size() == 1 || !transactions.supportsSavepoints();
                    if (failedNow.isEmpty()) {
                        writeAll(remaining, existing, created, !wholeAttempt, written, failedNow);
                    }
                    if (!failedNow.isEmpty()) {
                        throw new RowsFailed();
                    }
                    return null;
                });
            } catch (RowsFailed e) {
                failures.addAll(failedNow);
                java.util.Set<Long> failedRows = failedNow.stream().map(Failure::rowNumber)
                        .collect(java.util.stream.Collectors.toSet());
                remaining.removeIf(checked -> failedRows.contains(checked.rowNumber()));
                continue;
            } catch (Exception e) {
                commitFailure = e;
            }
            break;
        }
        for (CheckedRow<R> checked : chunk) {
            done(checked.rowNumber());
        }
        for (Failure failure : failures) {
            report.failed(writeFailed(failure.rowNumber(), failure.cause()));
        }
        if (commitFailure != null) {
            for (CheckedRow<R> checked : remaining) {
                report.failed(chunk.size() == 1 ? writeFailed(checked.rowNumber(), commitFailure)
                        : new FailedRow(checked.rowNumber(), List.of(Problem.of(ProblemCode.WRITE_FAILED,
                                "the row was written but its transaction could not be committed: "
                                        + describe(commitFailure)))));
            }
            return;
        }
        if (remaining.isEmpty()) {
            return;
        }
        for (Map.Entry<List<String>, GroupRef> group : created.entrySet()) {
            committedGroups.put(group.getKey(), group.getValue().id());
        }
        reportGroups(remaining, created, report);
        reportWritten(written, report);
    }

    /**
     * Finds or creates, in sorted key order, the groups the rows join that no earlier commit made
     * known. A group that fails fails the rows that join it.
     */
    private void findOrCreateGroups(List<CheckedRow<R>> rows, Map<List<String>, GroupRef> found, List<Failure> failed)
            throws Exception {
        java.util.TreeMap<List<String>, List<Long>> needed = new java.util.TreeMap<>(ImportRun::compareKeys);
        for (CheckedRow<R> checked : rows) {
            for (Map.Entry<String, String> group : checked.row().orElseThrow().groups().entrySet()) {
                List<String> id = List.of(group.getKey(), group.getValue());
                if (!committedGroups.containsKey(id)) {
                    needed.computeIfAbsent(id, k -> new ArrayList<>()).add(checked.rowNumber());
                }
            }
        }
        boolean savepoints = transactions.supportsSavepoints();
        for (Map.Entry<List<String>, List<Long>> group : needed.entrySet()) {
            List<String> id = group.getKey();
            try {
                found.put(id, savepoints ? transactions.inSavepoint(() -> groups.findOrCreate(id.get(0), id.get(1)))
                        : groups.findOrCreate(id.get(0), id.get(1)));
            } catch (Exception e) {
                Exception cause = new Exception("the " + id.get(0) + " " + id.get(1) + " could not be found or created: "
                        + describe(e), e);
                for (Long rowNumber : group.getValue()) {
                    failed.add(new Failure(rowNumber, cause));
                }
                if (!savepoints) {
                    return;
                }
            }
        }
    }

    /** Reports the groups the written rows joined, in the order rows first joined them. */
    private void reportGroups(List<CheckedRow<R>> rows, Map<List<String>, GroupRef> created, ImportReport.Builder report) {
        for (CheckedRow<R> checked : rows) {
            for (Map.Entry<String, String> group : checked.row().orElseThrow().groups().entrySet()) {
                GroupRef ref = created.get(List.of(group.getKey(), group.getValue()));
                report.group(new GroupOutcome(group.getKey(), group.getValue(),
                        ref != null && ref.created() ? GroupAction.CREATE : GroupAction.FOUND));
            }
        }
    }

    private static int compareKeys(List<String> a, List<String> b) {
        int compared = a.get(0).compareTo(b.get(0));
        return compared != 0 ? compared : a.get(1).compareTo(b.get(1));
    }

    /**
     * Writes rows in file order inside the open transaction. With savepoints, each run of two or
     * more new records goes to {@link RecordRepository#createAll} together in a savepoint; when that
     * fails, and for updates, rows are written one by one, each in a savepoint of its own, so that
     * exactly the failing rows fail. Without savepoints, rows are written one by one and the first
     * failure ends the attempt (the caller rolls it back).
     *
     * @param existing each row's existing record, as {@link #existing} found it
     * @param found the groups found or created in this transaction
     * @param savepoints whether to use savepoints
     * @param written where the rows written go
     * @param failed where the rows that failed go
     */
    private void writeAll(List<CheckedRow<R>> rows, Map<Long, Optional<String>> existing,
            Map<List<String>, GroupRef> found, boolean savepoints, Map<Long, Wrote> written, List<Failure> failed)
            throws Exception {
        int start = 0;
        while (start < rows.size()) {
            int end = start;
            while (end < rows.size() && existing.get(rows.get(end).rowNumber()).isEmpty()) {
                end++;
            }
            List<CheckedRow<R>> run = rows.subList(start, Math.max(end, start + 1));
            start += run.size();
            if (savepoints && run.size() > 1 && createTogether(run, found, written, failed)) {
                continue;
            }
            for (CheckedRow<R> checked : run) {
                try {
                    Optional<String> match = existing.get(checked.rowNumber());
                    written.put(checked.rowNumber(), savepoints ? transactions.inSavepoint(() -> write(checked, match, found))
                            : write(checked, match, found));
                } catch (Exception e) {
                    failed.add(new Failure(checked.rowNumber(), e));
                    if (!savepoints) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Creates rows' records with one {@link RecordRepository#createAll} call in a savepoint.
     *
     * @return true when that settled the rows (written, or all failed because the repository broke
     *     its contract); false when the call failed and the savepoint undid it, so the rows are to
     *     be written one by one
     */
    private boolean createTogether(List<CheckedRow<R>> rows, Map<List<String>, GroupRef> found,
            Map<Long, Wrote> written, List<Failure> failed) {
        List<R> batch = new ArrayList<>(rows.size());
        List<WriteContext> contexts = new ArrayList<>(rows.size());
        for (CheckedRow<R> checked : rows) {
            batch.add(checked.record().orElseThrow());
            contexts.add(writeContext(checked.row().orElseThrow(), found));
        }
        try {
            List<Written> results = transactions.inSavepoint(() -> {
                List<Written> answer = records.createAll(batch, contexts);
                // Not contains(null): immutable lists throw on it.
                boolean nulls = answer != null && answer.stream().anyMatch(Objects::isNull);
                if (answer == null || answer.size() != batch.size() || nulls) {
                    throw new BrokenBatch(answer == null ? "null" : answer.size() + " results"
                            + (nulls ? " (some null)" : ""), batch.size());
                }
                return answer;
            });
            for (int i = 0; i < rows.size(); i++) {
                written.put(rows.get(i).rowNumber(), new Wrote(results.get(i), false));
            }
        } catch (BrokenBatch e) {
            for (CheckedRow<R> checked : rows) {
                failed.add(new Failure(checked.rowNumber(), e));
            }
        } catch (Exception e) {
            return false;
        }
        return true;
    }

    /** The record repository answered a createAll with the wrong number of results, or nulls. */
    private static final class BrokenBatch extends Exception {
        private static final long serialVersionUID = 1L;

        BrokenBatch(String answer, int records) {
            super("the record repository's createAll returned " + answer + " for " + records + " records");
        }
    }

    /** What a row did: its record, and whether it updated an existing one. */
    private record Wrote(Written written, boolean updated) {
        WrittenRow row(long rowNumber) {
            return new WrittenRow(rowNumber, Optional.of(written.id()), written.key());
        }
    }

    /**
     * Writes a row's record (created or updated, as the mode and its key decide) with the ids of the
     * groups it joins; runs inside a transaction.
     */
    private Wrote write(CheckedRow<R> checked, Optional<String> existing, Map<List<String>, GroupRef> found)
            throws Exception {
        WriteContext writeContext = writeContext(checked.row().orElseThrow(), found);
        Written written = existing.isPresent()
                ? records.update(existing.get(), checked.record().orElseThrow(), writeContext)
                : records.create(checked.record().orElseThrow(), writeContext);
        if (written == null) {
            throw new IllegalStateException("the record repository returned null");
        }
        return new Wrote(written, existing.isPresent());
    }

    /** A row's write context: the row, the ids of the groups it joins, the import's context. */
    private WriteContext writeContext(ImportRow row, Map<List<String>, GroupRef> found) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, String> group : row.groups().entrySet()) {
            List<String> id = List.of(group.getKey(), group.getValue());
            String known = committedGroups.get(id);
            if (known == null) {
                known = found.get(id).id();
            }
            ids.put(group.getKey(), known);
        }
        return new WriteContext(row, ids, context);
    }

    /**
     * Checks the whole file first; writes only when every row passed, all in one transaction, and
     * writes nothing when any write fails.
     */
    private void allOrNothing(ImportSource source, ImportReport.Builder report) {
        ImportReport.Builder checkReport = ImportReport.builder(pipeline.definition().name(), RunMode.COMMIT);
        progress.phase(ImportProgress.Phase.CHECKING);
        check(source, checkReport, true);
        ImportReport checkedReport = checkReport.build();
        if (!checkedReport.failedRows().isEmpty() || !checkedReport.fileErrors().isEmpty()) {
            checkedReport.failedRows().forEach(report::failed);
            checkedReport.fileErrors().forEach(report::fileError);
            report.acceptedNotWritten(checkedReport.successCount());
            report.committed(false);
            return;
        }
        Optional<RowSource> rows = open(source, report);
        if (rows.isEmpty()) {
            return;
        }
        // The check pass met every group key; create them first, in sorted order (see writeChunk).
        java.util.TreeMap<List<String>, GroupRef> found = new java.util.TreeMap<>(ImportRun::compareKeys);
        for (GroupOutcome group : checkedReport.groups()) {
            found.put(List.of(group.name(), group.key()), null);
        }
        progress.phase(ImportProgress.Phase.WRITING);
        rowsDone = 0;
        long[] failedRow = {-1};
        String[] failedGroup = {null};
        Map<Long, Wrote> written = new LinkedHashMap<>();
        try (PipelineRun<R> run = pipeline.start(rows.get(), context)) {
            transactions.inTransaction(() -> {
                for (Map.Entry<List<String>, GroupRef> group : found.entrySet()) {
                    failedGroup[0] = group.getKey().get(0) + " " + group.getKey().get(1);
                    group.setValue(groups.findOrCreate(group.getKey().get(0), group.getKey().get(1)));
                }
                failedGroup[0] = null;
                List<CheckedRow<R>> pending = new ArrayList<>();
                Map<Long, Optional<String>> existing = new HashMap<>();
                for (Optional<CheckedRow<R>> next = run.next(); next.isPresent(); next = run.next()) {
                    CheckedRow<R> checked = next.get();
                    failedRow[0] = checked.rowNumber();
                    if (!checked.isAccepted()) {
                        throw new ChangedUnderfoot(checked.problems());
                    }
                    existing.put(checked.rowNumber(), existing(checked));
                    failedRow[0] = -1;
                    pending.add(checked);
                    if (pending.size() >= chunkSize) {
                        writeAllOrNothing(pending, existing, found, written, failedRow);
                        if (cancelled(run)) {
                            throw new Cancelled();
                        }
                    }
                }
                writeAllOrNothing(pending, existing, found, written, failedRow);
                failedRow[0] = -1;
                if (!run.fileProblems().isEmpty()) {
                    throw new ChangedUnderfoot(run.fileProblems());
                }
                return null;
            });
        } catch (Cancelled e) {
            report.fileError(Problem.of(ProblemCode.CANCELLED, "the import was cancelled; nothing was written"));
            report.acceptedNotWritten(checkedReport.successCount());
            report.committed(false);
            return;
        } catch (Exception e) {
            if (failedRow[0] >= 0) {
                report.failed(writeFailed(failedRow[0], e));
                report.acceptedNotWritten(checkedReport.successCount() - 1);
            } else {
                report.fileError(Problem.of(ProblemCode.WRITE_FAILED, "nothing was written: "
                        + (failedGroup[0] != null ? "the " + failedGroup[0] + " could not be found or created: "
                                : "the import could not be committed: ") + describe(e)));
                report.acceptedNotWritten(checkedReport.successCount());
            }
            report.committed(false);
            return;
        }
        for (GroupOutcome group : checkedReport.groups()) {
            GroupRef ref = found.get(List.of(group.name(), group.key()));
            report.group(new GroupOutcome(group.name(), group.key(), ref.created() ? GroupAction.CREATE : GroupAction.FOUND));
        }
        reportWritten(written, report);
        report.committed(true);
    }

    /**
     * Writes the rows checked so far of an all-or-nothing commit; the first that fails is named in
     * {@code failedRow} and its cause thrown, to roll everything back.
     */
    private void writeAllOrNothing(List<CheckedRow<R>> pending, Map<Long, Optional<String>> existing,
            Map<List<String>, GroupRef> found, Map<Long, Wrote> written, long[] failedRow) throws Exception {
        List<Failure> failures = new ArrayList<>();
        writeAll(pending, existing, found, transactions.supportsSavepoints(), written, failures);
        if (!failures.isEmpty()) {
            failedRow[0] = failures.get(0).rowNumber();
            throw failures.get(0).cause();
        }
        for (CheckedRow<R> checked : pending) {
            done(checked.rowNumber());
        }
        pending.clear();
        existing.clear();
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
        if (e instanceof RowRejected) {
            return new FailedRow(rowNumber, ((RowRejected) e).problems);
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

    /** The caller cancelled an all-or-nothing commit; its transaction rolls back. */
    private static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
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
