package dev.intake.spi.internal;

import dev.intake.core.IntakeException;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.FileDigest;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.JournalSummary;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A per-row commit: the file is read through first, so that one that cannot be read to its end
 * writes nothing, and digested; then rows are checked and written chunk by chunk, each row
 * succeeding or failing on its own, as long as the file is the one the scan digested. A cancelled
 * commit keeps the chunks it committed. With a journal, each chunk's transaction records its rows,
 * and a commit of a file whose import was interrupted replays what the journal holds and goes on
 * after it. Chunks are handed to the {@link Writers} (the import's own thread, or several); their
 * outcomes, and those of the rows that failed their checks between them, are reported in file order.
 *
 * @param <R> the host's record type
 */
final class PerRowCommit<R> implements Strategy {
    /** What is to go in the report, in file order: a row that failed its checks, or a chunk handed out. */
    private record Outcome<R>(FailedRow refused, List<CheckedRow<R>> chunk, CompletableFuture<ChunkWriter.Result> written) {
    }

    private final Parts<R> parts;
    /** Rows per transaction: one row when the boundary has no savepoints. */
    private final int writeChunkSize;
    /** Outcomes not reported yet: chunks being written, and the rows after them that failed their checks. */
    private final ArrayDeque<Outcome<R>> outcomes = new ArrayDeque<>();
    private int chunksOut;
    private Writers<R> writers;

    PerRowCommit(Parts<R> parts) {
        this.parts = parts;
        this.writeChunkSize = parts.transactions().supportsSavepoints() ? parts.chunkSize() : 1;
    }

    @Override
    public void run(ImportSource source, ImportReport.Builder report) {
        Tally tally = parts.tally();
        tally.phase(ImportProgress.Phase.SCANNING);
        FileDigest scanned = scan(source, report);
        if (scanned == null) {
            return;
        }
        long total = scanned.rows();
        tally.total(total);
        Journaled journal = null;
        if (parts.journal() != null) {
            journal = begin(scanned, report);
            if (journal == null) {
                return;
            }
        }
        tally.phase(ImportProgress.Phase.WRITING);
        writers = Writers.open(parts, journal);
        try (PassReader<R> rows = PassReader.expecting(parts.pipeline(), source, parts.context(), scanned)) {
            write(rows, journal, total, report);
        } catch (RuntimeException e) {
            // The chunks handed out before the failure are written, as they would have been on one
            // writer, and reported up to the first that failed.
            reportCommitted(report);
            throw e;
        } finally {
            writers.close();
            report.committed(report.writtenCount() > 0);
        }
    }

    /** Reads the rows, hands out the chunks of accepted ones, and reports them in file order. */
    private void write(PassReader<R> rows, Journaled journal, long total, ImportReport.Builder report) {
        Tally tally = parts.tally();
        List<CheckedRow<R>> chunk = new ArrayList<>();
        int sinceCheckpoint = 0;
        boolean replaying = journal != null && journal.resumes();
        for (Optional<CheckedRow<R>> next = rows.next(); next.isPresent(); next = rows.next()) {
            CheckedRow<R> checked = next.get();
            if (replaying) {
                Optional<Journaled.Line> line;
                try {
                    line = journal.replay(rows.pass(), checked.rowNumber(), groups -> groups.forEach(report::group));
                } catch (Journaled.Mismatch mismatch) {
                    report.fileError(Problem.of(ProblemCode.FILE_CHANGED, "the file does not match the journal"
                            + " of the import it resumes (" + mismatch.getMessage() + "); nothing more was written"));
                    report.skipped(Math.max(0, total - tally.done()));
                    return;
                } catch (Exception e) {
                    throw new IntakeException("reading the import journal failed: " + e, checked.rowNumber(), null, e);
                }
                if (line.isPresent()) {
                    replayed(checked, line.get(), report);
                    if (++sinceCheckpoint >= parts.chunkSize()) {
                        sinceCheckpoint = 0;
                        if (tally.checkpoint(rows.dataRows())) {
                            cancel(total, report);
                            return;
                        }
                    }
                    continue;
                }
                replaying = false;
            }
            if (checked.isAccepted()) {
                chunk.add(checked);
                if (journal != null) {
                    journal.accepted(rows.pass(), checked.rowNumber());
                }
            } else {
                outcome(new Outcome<>(new FailedRow(checked.rowNumber(), parts.existing().rejected(checked)), null, null),
                        report);
                if (journal != null) {
                    journal.refused(rows.pass(), checked.rowNumber());
                }
            }
            // Progress and cancellation every chunk of rows read, rejected ones included; writes
            // in full chunks of accepted rows.
            boolean full = chunk.size() >= writeChunkSize;
            if (full || ++sinceCheckpoint >= parts.chunkSize()) {
                sinceCheckpoint = 0;
                if (tally.checkpoint(rows.dataRows())) {
                    cancel(total, report);
                    return;
                }
                if (full) {
                    handOut(chunk, journal, report);
                }
            }
        }
        report(report, true);
        if (!rows.fileProblems().isEmpty()) {
            // The file changed (or can no longer be read) since the scan: nothing more is written.
            rows.fileProblems().forEach(report::fileError);
            report.skipped(Math.max(0, total - tally.done()));
            return;
        }
        if (!chunk.isEmpty()) {
            if (tally.checkpoint(rows.dataRows())) {
                cancel(total, report);
                return;
            }
            handOut(chunk, journal, report);
            report(report, true);
        }
        tally.report(rows.dataRows());
        if (journal != null) {
            complete(journal, total, report);
        }
    }

    /**
     * Starts or finds the file's journal entry.
     *
     * @return the journal, or null when the file was imported already (which is then in the report)
     */
    private Journaled begin(FileDigest scanned, ImportReport.Builder report) {
        Journaled journal;
        try {
            journal = Journaled.begin(parts.journal(), parts.transactions(), parts.journalKey(),
                    scanned.fingerprint(), parts.importAgain());
        } catch (Exception e) {
            throw new IntakeException("starting the import journal failed: " + e, -1, null, e);
        }
        Optional<JournalSummary> completed = journal.completed();
        if (completed.isEmpty()) {
            return journal;
        }
        report.fileError(alreadyImported(completed.get()));
        report.skipped(scanned.rows());
        return null;
    }

    /** The problem of a file imported already. */
    static Problem alreadyImported(JournalSummary done) {
        return Problem.of(ProblemCode.ALREADY_IMPORTED, "this file was imported already, on "
                + done.completedAt().truncatedTo(ChronoUnit.SECONDS) + " (" + done.created() + " created, "
                + done.updated() + " updated, " + done.failed() + " failed); nothing was written. Import it"
                + " again only to write its rows a second time");
    }

    /** Marks the file imported in the journal. */
    private void complete(Journaled journal, long total, ImportReport.Builder report) {
        try {
            journal.complete(new JournalSummary(total, report.createdCount(), report.updatedCount(),
                    report.failedCount(), Instant.now()));
        } catch (Exception e) {
            throw new IntakeException("completing the import journal failed: " + e, -1, null, e);
        }
    }

    /** Reports a row the journal of the interrupted import settled; writes nothing. */
    private void replayed(CheckedRow<R> checked, Journaled.Line line, ImportReport.Builder report) {
        long row = checked.rowNumber();
        parts.tally().done(row);
        switch (line.kind()) {
            case CREATED -> {
                report.created(line.written());
                parts.phases().remember(line.written());
            }
            case UPDATED -> {
                report.updated(line.written());
                parts.phases().remember(line.written());
            }
            case FAILED -> {
                report.failed(new FailedRow(row, line.problems()));
                writers.failedBefore(row);
            }
            default -> {
                writers.failedBefore(row);
                report.failed(new FailedRow(row, checked.isAccepted() ? List.of(Problem.of(
                        ProblemCode.REFUSED_BEFORE_RESUME, "this row failed its checks in the interrupted import"
                                + " this one resumes, and passes them now; it was not written: import it again in"
                                + " a file of its own")) : checked.problems()));
            }
        }
    }

    /**
     * Reads the file through, digesting it, reporting progress and heeding cancellation.
     *
     * @return the file's digest, or null when the file may not be written (a file problem, or the
     *     caller cancelled), which is then in the report
     */
    private FileDigest scan(ImportSource source, ImportReport.Builder report) {
        RowSource rows;
        try {
            rows = source.open(parts.pipeline().definition().limits());
        } catch (IOException e) {
            report.fileError(Problem.of(ProblemCode.UNREADABLE_FILE, source.name() + " cannot be opened: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            return null;
        }
        try (PipelineRun<R> scan = parts.pipeline().scan(rows, parts.context())) {
            scan.ignoredColumns().forEach(report::ignoredColumn);
            scan.attributeColumns().forEach(report::attributeColumn);
            if (!scan.fileProblems().isEmpty()) {
                scan.fileProblems().forEach(report::fileError);
                return null;
            }
            scan.digest(parts.chunkSize());
            while (scan.scan(parts.chunkSize())) {
                if (parts.tally().checkpoint(scan.dataRows())) {
                    long total = scan.scanToEnd();
                    Strategy.cancelled(report, total, 0, Problem.of(ProblemCode.CANCELLED,
                            "the import was cancelled before any row was written"));
                    return null;
                }
            }
            scan.skippedExample().ifPresent(report::skippedRow);
            scan.fileProblems().forEach(report::fileError);
            return scan.fileProblems().isEmpty() ? scan.fileDigest() : null;
        }
    }

    private void cancel(long total, ImportReport.Builder report) {
        report(report, true);
        Strategy.cancelled(report, total, parts.tally().done(), parts.tally().cancelled());
    }

    /** Hands a chunk out to be written, with its journal record when there is a journal. */
    private void handOut(List<CheckedRow<R>> chunk, Journaled journal, ImportReport.Builder report) {
        if (chunk.isEmpty()) {
            return;
        }
        List<CheckedRow<R>> rows = List.copyOf(chunk);
        chunk.clear();
        outcome(new Outcome<>(null, rows, writers.write(rows, journal == null ? List.of() : journal.take())), report);
    }

    /**
     * Queues an outcome, and reports the outcomes whose turn came: all that are ready, and as many
     * more as keep the chunks out (and the failed rows held behind them) within bounds.
     */
    private void outcome(Outcome<R> outcome, ImportReport.Builder report) {
        outcomes.add(outcome);
        if (outcome.chunk() != null) {
            chunksOut++;
        }
        report(report, false);
        while (chunksOut > writers.inFlight() || outcomes.size() > 4 * parts.chunkSize()) {
            reportFirst(report);
        }
    }

    /**
     * Reports the queued outcomes in order, as far as they are ready, or all of them.
     *
     * @param all whether to wait for every chunk handed out
     */
    private void report(ImportReport.Builder report, boolean all) {
        while (!outcomes.isEmpty() && (all || outcomes.peek().refused() != null || outcomes.peek().written().isDone())) {
            reportFirst(report);
        }
    }

    /**
     * After a failure: reports the queued outcomes up to the first chunk that did not commit; the
     * chunks after it did not commit either (chunks commit in order), and the rows between were read
     * after what failed.
     */
    private void reportCommitted(ImportReport.Builder report) {
        while (!outcomes.isEmpty()) {
            Outcome<R> outcome = outcomes.peek();
            if (outcome.refused() == null) {
                try {
                    outcome.written().join();
                } catch (CompletionException | CancellationException e) {
                    outcomes.clear();
                    return;
                }
            }
            reportFirst(report);
        }
    }

    /** Reports the first queued outcome, waiting for its chunk to be written. */
    private void reportFirst(ImportReport.Builder report) {
        Outcome<R> outcome = outcomes.peek();
        if (outcome.refused() != null) {
            outcomes.poll();
            report.failed(outcome.refused());
            parts.tally().done(outcome.refused().rowNumber());
            return;
        }
        ChunkWriter.Result result;
        try {
            result = outcome.written().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            if (outcome.written().isDone()) {
                outcomes.poll();
                chunksOut--;
            }
        }
        for (CheckedRow<R> row : outcome.chunk()) {
            parts.tally().done(row.rowNumber());
        }
        result.failed().forEach((row, problems) -> report.failed(new FailedRow(row, problems)));
        if (result.attempt() != null) {
            parts.groups().report(result.writtenRows(), result.attempt(), report);
            for (Map.Entry<Long, Attempt.Wrote> wrote : result.written().entrySet()) {
                WrittenRow row = wrote.getValue().row(wrote.getKey());
                if (wrote.getValue().updated()) {
                    report.updated(row);
                } else {
                    report.created(row);
                }
                parts.phases().remember(row);
            }
        }
    }
}
