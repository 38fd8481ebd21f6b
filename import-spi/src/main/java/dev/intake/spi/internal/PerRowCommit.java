package dev.intake.spi.internal;

import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.spi.ImportProgress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A per-row commit: the file is read through first, so that one that cannot be read to its end
 * writes nothing; then rows are checked and written chunk by chunk, each row succeeding or failing
 * on its own. A cancelled commit keeps the chunks it committed.
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
        long total = scan(source, report);
        if (total < 0) {
            return;
        }
        tally.total(total);
        tally.phase(ImportProgress.Phase.WRITING);
        try (PassReader<R> rows = PassReader.open(parts.pipeline(), source, parts.context())) {
            List<CheckedRow<R>> chunk = new ArrayList<>();
            int sinceCheckpoint = 0;
            for (Optional<CheckedRow<R>> next = rows.next(); next.isPresent(); next = rows.next()) {
                CheckedRow<R> checked = next.get();
                if (checked.isAccepted()) {
                    chunk.add(checked);
                } else {
                    report.failed(new FailedRow(checked.rowNumber(), checked.problems()));
                    tally.done(checked.rowNumber());
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
                        write(chunk, report);
                    }
                }
            }
            if (!chunk.isEmpty()) {
                if (tally.checkpoint(rows.dataRows())) {
                    cancel(total, report);
                    return;
                }
                write(chunk, report);
            }
            // A file that cannot be read now was read through by the scan: it changed since.
            rows.fileProblems().forEach(report::fileError);
            tally.report(rows.dataRows());
        } finally {
            report.committed(report.writtenCount() > 0);
        }
    }

    /**
     * Reads the file through, reporting progress and heeding cancellation.
     *
     * @return the file's data rows, or -1 when the file may not be written (a file problem, or the
     *     caller cancelled), which is then in the report
     */
    private long scan(ImportSource source, ImportReport.Builder report) {
        RowSource rows;
        try {
            rows = source.open(parts.pipeline().definition().limits());
        } catch (IOException e) {
            report.fileError(Problem.of(ProblemCode.UNREADABLE_FILE, source.name() + " cannot be opened: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            return -1;
        }
        try (PipelineRun<R> scan = parts.pipeline().scan(rows, parts.context())) {
            scan.ignoredColumns().forEach(report::ignoredColumn);
            while (scan.scan(parts.chunkSize())) {
                if (parts.tally().checkpoint(scan.dataRows())) {
                    long total = scan.scanToEnd();
                    Strategy.cancelled(report, total, 0, Problem.of(ProblemCode.CANCELLED,
                            "the import was cancelled before any row was written"));
                    return -1;
                }
            }
            scan.fileProblems().forEach(report::fileError);
            return scan.fileProblems().isEmpty() ? scan.dataRows() : -1;
        }
    }

    private void cancel(long total, ImportReport.Builder report) {
        Strategy.cancelled(report, total, parts.tally().done(), parts.tally().cancelled());
    }

    /** Writes a chunk and reports each of its rows. */
    private void write(List<CheckedRow<R>> chunk, ImportReport.Builder report) {
        if (chunk.isEmpty()) {
            return;
        }
        ChunkWriter.Result result = chunks.write(chunk);
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
