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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A per-row commit: the file is read through first, so that one that cannot be read to its end
 * writes nothing, and digested; then rows are checked and written chunk by chunk, each row
 * succeeding or failing on its own, as long as the file is the one the scan digested. A cancelled
 * commit keeps the chunks it committed. With a journal, each chunk's transaction records its rows,
 * and a commit of a file whose import was interrupted replays what the journal holds and goes on
 * after it.
 *
 * @param <R> the host's record type
 */
final class PerRowCommit<R> implements Strategy {
    private final Parts<R> parts;
    private final ChunkWriter<R> chunks;
    /** Rows per transaction: one row when the boundary has no savepoints. */
    private final int writeChunkSize;

    PerRowCommit(Parts<R> parts) {
        this.parts = parts;
        this.chunks = new ChunkWriter<>(parts.transactions(), parts.existing(), parts.groups(), parts.writer(),
                parts.failures());
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
        try (PassReader<R> rows = PassReader.expecting(parts.pipeline(), source, parts.context(), scanned)) {
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
                    report.failed(new FailedRow(checked.rowNumber(), checked.problems()));
                    tally.done(checked.rowNumber());
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
                        write(chunk, journal, report);
                    }
                }
            }
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
                write(chunk, journal, report);
            }
            tally.report(rows.dataRows());
            if (journal != null) {
                complete(journal, total, report);
            }
        } finally {
            report.committed(report.writtenCount() > 0);
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
                chunks.failedBefore(row);
            }
            default -> {
                chunks.failedBefore(row);
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
            scan.fileProblems().forEach(report::fileError);
            return scan.fileProblems().isEmpty() ? scan.fileDigest() : null;
        }
    }

    private void cancel(long total, ImportReport.Builder report) {
        Strategy.cancelled(report, total, parts.tally().done(), parts.tally().cancelled());
    }

    /** Writes a chunk, with its journal record when there is a journal, and reports each of its rows. */
    private void write(List<CheckedRow<R>> chunk, Journaled journal, ImportReport.Builder report) {
        if (chunk.isEmpty()) {
            return;
        }
        ChunkWriter.Result result = journal == null ? chunks.write(chunk) : chunks.write(chunk,
                (rows, attempt, failed) -> journal.record(attempt.written(), failed, parts.groups().outcomes(rows, attempt)));
        if (journal != null) {
            if (result.attempt() != null) {
                journal.committed();
            } else {
                journal.notCommitted(result.failed());
            }
        }
        for (CheckedRow<R> row : chunk) {
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
        chunk.clear();
    }
}
