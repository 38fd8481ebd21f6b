package dev.intake.spi.internal;

import dev.intake.core.ImportRow;
import dev.intake.core.IntakeException;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.FileDigest;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.spi.GroupRef;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.JournalSummary;
import dev.intake.spi.RowSpool;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An all-or-nothing commit: a check round reads and checks every row and writes nothing; only when
 * every row passed does a write round check them again and write them all in one transaction, which
 * any failure, or a cancellation, rolls back whole. The write round reads the file the check round
 * read, or nothing is written ({@code FILE_CHANGED}); with a journal, the transaction also marks
 * the file imported, and a file imported already is not written again.
 *
 * @param <R> the host's record type
 */
final class AllOrNothingCommit<R> implements Strategy {
    /**
     * What the check round found.
     *
     * @param rows the file's data rows
     * @param accepted the rows that passed every check
     * @param groups the groups they join, in the order first joined
     * @param passed whether every row passed and nothing else stopped the import
     */
    private record Checked(long rows, long accepted, Set<GroupKey> groups, boolean passed, FileDigest digest) {
    }

    /** Why the write round rolled back, recorded before it throws to have the host roll back. */
    private static final class Stop {
        /** Rows the write round created and updated so far. */
        long created;
        long updated;
        long row = -1;
        List<Problem> rowProblems = List.of();
        Problem problem;
        List<Problem> fileProblems = List.of();
        boolean cancelled;
    }

    private final Parts<R> parts;

    AllOrNothingCommit(Parts<R> parts) {
        this.parts = parts;
    }

    @Override
    public void run(ImportSource source, ImportReport.Builder report) {
        Checked checked = check(source, report);
        if (!checked.passed()) {
            report.committed(false);
            return;
        }
        Journaled journal = null;
        if (parts.journal() != null) {
            try {
                journal = Journaled.begin(parts.journal(), parts.transactions(), parts.journalKey(),
                        checked.digest().fingerprint(), parts.importAgain());
            } catch (Exception e) {
                throw new IntakeException("starting the import journal failed: " + e, -1, null, e);
            }
            if (journal.completed().isPresent()) {
                report.fileError(PerRowCommit.alreadyImported(journal.completed().get()));
                report.skipped(checked.rows());
                report.committed(false);
                return;
            }
        }
        Journaled journaled = journal;
        Tally tally = parts.tally();
        tally.total(checked.rows());
        tally.phase(ImportProgress.Phase.WRITING);
        tally.restart();
        Attempt attempt = new Attempt();
        Stop stop = new Stop();
        // The rows written wait on disk until the transaction commits: memory stays the chunk's.
        RowSpool writtenRows;
        try {
            writtenRows = RowSpool.create();
        } catch (IOException e) {
            throw new IntakeException("the written rows cannot be spooled: " + e.getMessage(), -1, null, e);
        }
        try {
            try (PassReader<R> rows = PassReader.expecting(parts.pipeline(), source, parts.context(), checked.digest())) {
                parts.transactions().inTransaction(() -> {
                    write(rows, checked, attempt, stop, writtenRows);
                    if (journaled != null) {
                        // In the transaction of the rows: the file is imported exactly when they are written.
                        journaled.complete(new JournalSummary(checked.rows(), stop.created, stop.updated, 0,
                                Instant.now()));
                    }
                    return null;
                });
            } catch (Undo undo) {
                rolledBack(stop, checked, report);
                return;
            } catch (Exception commitFailure) {
                parts.failures().log("the import could not be committed", commitFailure);
                report.fileError(Problem.of(ProblemCode.WRITE_FAILED,
                        "nothing was written: the import could not be committed; the cause is in the application log"));
                report.acceptedNotWritten(checked.accepted());
                report.committed(false);
                return;
            }
            report(checked, attempt, writtenRows, report);
        } finally {
            writtenRows.close();
        }
    }

    /** The committed import's groups and rows, the rows read back from their spool in row order. */
    private void report(Checked checked, Attempt attempt, RowSpool writtenRows, ImportReport.Builder report) {
        for (GroupKey group : checked.groups()) {
            report.group(Groups.outcome(group, attempt.group(group)));
        }
        try (Stream<WrittenRow> created = writtenRows.created()) {
            created.forEach(row -> {
                report.created(row);
                parts.phases().remember(row);
            });
        }
        try (Stream<WrittenRow> updated = writtenRows.updated()) {
            updated.forEach(row -> {
                report.updated(row);
                parts.phases().remember(row);
            });
        }
        report.committed(true);
    }

    /** The check round: every row checked as a dry run checks it; failures are reported. */
    private Checked check(ImportSource source, ImportReport.Builder report) {
        Tally tally = parts.tally();
        tally.phase(ImportProgress.Phase.CHECKING);
        long accepted = 0;
        Set<GroupKey> groups = new LinkedHashSet<>();
        try (PassReader<R> rows = PassReader.digesting(parts.pipeline(), source, parts.context(), parts.chunkSize())) {
            rows.ignoredColumns().forEach(report::ignoredColumn);
            rows.attributeColumns().forEach(report::attributeColumn);
            // a chunk of rows at a time, so that their existing records are found with one lookup
            List<CheckedRow<R>> chunk = new ArrayList<>(parts.chunkSize());
            for (Optional<CheckedRow<R>> next = rows.next(); next.isPresent(); next = rows.next()) {
                chunk.add(next.get());
                if (chunk.size() >= parts.chunkSize()) {
                    accepted += check(chunk, groups, report);
                    if (tally.checkpoint(rows.dataRows())) {
                        long total = rows.countToEnd();
                        report.acceptedNotWritten(accepted);
                        Strategy.cancelled(report, total, tally.done(),
                                Problem.of(ProblemCode.CANCELLED, "the import was cancelled; nothing was written"));
                        return new Checked(total, accepted, groups, false, null);
                    }
                }
            }
            accepted += check(chunk, groups, report);
            rows.fileProblems().forEach(report::fileError);
            rows.skippedExample().ifPresent(report::skippedRow);
            tally.report(rows.dataRows());
            boolean passed = rows.fileProblems().isEmpty() && report.failedCount() == 0;
            if (!passed) {
                report.acceptedNotWritten(accepted);
            }
            return new Checked(rows.dataRows(), accepted, groups, passed, rows.fileDigest());
        }
    }

    /**
     * Checks a chunk's rows in order, the mode's refusals included, and empties the chunk.
     *
     * @return how many rows passed
     */
    private int check(List<CheckedRow<R>> chunk, Set<GroupKey> groups, ImportReport.Builder report) {
        List<ExistingRecords.Match> matches = matches(chunk);
        int accepted = 0;
        int match = 0;
        for (CheckedRow<R> row : chunk) {
            parts.tally().done(row.rowNumber());
            List<Problem> problems;
            if (!row.isAccepted()) {
                problems = parts.existing().rejected(row);
            } else {
                ExistingRecords.Match existing = matches.get(match++);
                if (existing.failure() != null) {
                    throw new IntakeException("finding the existing record of row " + row.rowNumber() + " failed: "
                            + existing.failure(), row.rowNumber(), null, existing.failure());
                }
                problems = existing.problems();
            }
            if (problems.isEmpty()) {
                accepted++;
                groups.addAll(parts.groups().keysOf(row.row().orElseThrow()));
            } else {
                report.failed(new FailedRow(row.rowNumber(), problems));
            }
        }
        chunk.clear();
        return accepted;
    }

    /** The existing records of a chunk's accepted rows, in order, with one lookup. */
    private List<ExistingRecords.Match> matches(List<CheckedRow<R>> chunk) {
        List<ImportRow> rows = new ArrayList<>(chunk.size());
        List<R> records = new ArrayList<>(chunk.size());
        for (CheckedRow<R> row : chunk) {
            if (row.isAccepted()) {
                rows.add(row.row().orElseThrow());
                records.add(row.record().orElseThrow());
            }
        }
        return rows.isEmpty() ? List.of() : parts.existing().matchAll(rows, records);
    }

    /** The write round, inside the one transaction: groups in sorted order, then every row. */
    private void write(PassReader<R> rows, Checked checked, Attempt attempt, Stop stop, RowSpool writtenRows)
            throws Undo {
        Tally tally = parts.tally();
        for (GroupKey group : new TreeSet<>(checked.groups())) {
            try {
                attempt.groupFound(group, parts.groups().findOrCreate(group));
            } catch (Exception e) {
                stop.problem = Problem.of(ProblemCode.WRITE_FAILED, "nothing was written: "
                        + parts.failures().ofGroup(group, e).message());
                throw Undo.ROLL_BACK;
            }
        }
        List<CheckedRow<R>> chunk = new ArrayList<>(parts.chunkSize());
        for (Optional<CheckedRow<R>> next = rows.next(); next.isPresent(); next = rows.next()) {
            CheckedRow<R> row = next.get();
            if (!row.isAccepted()) {
                // the file, or the host's data, changed since the check round
                throw stop(stop, row.rowNumber(), row.problems());
            }
            chunk.add(row);
            if (chunk.size() >= parts.chunkSize()) {
                writeChunk(chunk, attempt, stop, writtenRows);
                if (tally.checkpoint(rows.dataRows())) {
                    stop.cancelled = true;
                    throw Undo.ROLL_BACK;
                }
            }
        }
        writeChunk(chunk, attempt, stop, writtenRows);
        if (!rows.fileProblems().isEmpty()) {
            stop.fileProblems = rows.fileProblems();
            throw Undo.ROLL_BACK;
        }
    }

    /** Writes a chunk of accepted rows, their existing records found with one lookup, and empties it. */
    private void writeChunk(List<CheckedRow<R>> chunk, Attempt attempt, Stop stop, RowSpool writtenRows) throws Undo {
        List<ExistingRecords.Match> matches = matches(chunk);
        List<RowWriter.Accepted<R>> pending = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            CheckedRow<R> row = chunk.get(i);
            ExistingRecords.Match existing = matches.get(i);
            if (existing.failure() != null) {
                throw stop(stop, row.rowNumber(), parts.failures().ofRow(row.rowNumber(), existing.failure()));
            }
            if (existing.refused()) {
                throw stop(stop, row.rowNumber(), existing.problems());
            }
            pending.add(new RowWriter.Accepted<>(row.row().orElseThrow(), row.record().orElseThrow(), existing.found()));
        }
        chunk.clear();
        writePending(pending, attempt, stop, writtenRows);
    }

    private void writePending(List<RowWriter.Accepted<R>> pending, Attempt attempt, Stop stop, RowSpool writtenRows)
            throws Undo {
        parts.writer().write(pending, parts.transactions().supportsSavepoints(), attempt, row -> false);
        Map<Long, List<Problem>> failed = attempt.mustRollBack() ? attempt.failed() : attempt.refused();
        if (!failed.isEmpty()) {
            Map.Entry<Long, List<Problem>> first = failed.entrySet().iterator().next();
            throw stop(stop, first.getKey(), first.getValue());
        }
        attempt.written().forEach((row, wrote) -> {
            if (wrote.updated()) {
                writtenRows.updated(wrote.row(row));
                stop.updated++;
            } else {
                writtenRows.created(wrote.row(row));
                stop.created++;
            }
        });
        attempt.written().clear();
        for (RowWriter.Accepted<R> row : pending) {
            parts.tally().done(row.rowNumber());
        }
        pending.clear();
    }

    /** Records the row that stops the write round; the caller throws what this returns. */
    private static Undo stop(Stop stop, long row, List<Problem> problems) {
        stop.row = row;
        stop.rowProblems = problems;
        return Undo.ROLL_BACK;
    }

    /** Reports why the write round rolled back: nothing was written. */
    private void rolledBack(Stop stop, Checked checked, ImportReport.Builder report) {
        if (stop.cancelled) {
            report.fileError(Problem.of(ProblemCode.CANCELLED, "the import was cancelled; nothing was written"));
            report.acceptedNotWritten(checked.accepted());
        } else if (stop.row >= 0) {
            report.failed(new FailedRow(stop.row, stop.rowProblems));
            report.acceptedNotWritten(checked.accepted() - 1);
        } else {
            if (stop.problem != null) {
                report.fileError(stop.problem);
            }
            stop.fileProblems.forEach(report::fileError);
            report.acceptedNotWritten(checked.accepted());
        }
        report.committed(false);
    }
}
