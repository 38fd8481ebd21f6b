package dev.intake.spi.internal;

import dev.intake.core.ImportRow;
import dev.intake.core.IntakeException;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.spi.Existing;
import dev.intake.spi.ImportProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dry run: every check a commit makes, existing records and groups looked up but nothing written
 * anywhere, and the report of what a commit would do (without ids).
 *
 * @param <R> the host's record type
 */
final class DryRun<R> implements Strategy {
    private final Parts<R> parts;

    DryRun(Parts<R> parts) {
        this.parts = parts;
    }

    @Override
    public void run(ImportSource source, ImportReport.Builder report) {
        Tally tally = parts.tally();
        tally.phase(ImportProgress.Phase.CHECKING);
        try (PassReader<R> rows = PassReader.open(parts.pipeline(), source, parts.context())) {
            rows.ignoredColumns().forEach(report::ignoredColumn);
            rows.attributeColumns().forEach(report::attributeColumn);
            // a chunk of rows at a time, so that their existing records are found with one lookup
            List<CheckedRow<R>> chunk = new ArrayList<>(parts.chunkSize());
            for (Optional<CheckedRow<R>> next = rows.next(); next.isPresent(); next = rows.next()) {
                chunk.add(next.get());
                if (chunk.size() >= parts.chunkSize()) {
                    plan(chunk, report);
                    if (tally.checkpoint(rows.dataRows())) {
                        Strategy.cancelled(report, rows.countToEnd(), tally.done(), tally.cancelled());
                        return;
                    }
                }
            }
            plan(chunk, report);
            rows.fileProblems().forEach(report::fileError);
            rows.skippedExample().ifPresent(report::skippedRow);
            tally.total(rows.dataRows());
            tally.report(rows.dataRows());
        }
    }

    /** Reports what a commit would do with a chunk's rows, in order, and empties the chunk. */
    private void plan(List<CheckedRow<R>> chunk, ImportReport.Builder report) {
        List<ImportRow> rows = new ArrayList<>(chunk.size());
        List<R> records = new ArrayList<>(chunk.size());
        for (CheckedRow<R> checked : chunk) {
            if (checked.isAccepted()) {
                rows.add(checked.row().orElseThrow());
                records.add(checked.record().orElseThrow());
            }
        }
        List<ExistingRecords.Match> matches = rows.isEmpty() ? List.of() : parts.existing().matchAll(rows, records);
        int accepted = 0;
        for (CheckedRow<R> checked : chunk) {
            plan(checked, checked.isAccepted() ? matches.get(accepted++) : null, report);
        }
        chunk.clear();
    }

    /** Reports what a commit would do with a row, given its match when it was accepted. */
    private void plan(CheckedRow<R> checked, ExistingRecords.Match existing, ImportReport.Builder report) {
        parts.tally().done(checked.rowNumber());
        if (!checked.isAccepted()) {
            report.failed(new FailedRow(checked.rowNumber(), parts.existing().rejected(checked)));
            return;
        }
        ImportRow row = checked.row().orElseThrow();
        R record = checked.record().orElseThrow();
        if (existing.failure() != null) {
            throw new IntakeException("finding the existing record of row " + row.rowNumber() + " failed: "
                    + existing.failure(), row.rowNumber(), null, existing.failure());
        }
        if (existing.refused()) {
            report.failed(new FailedRow(row.rowNumber(), existing.problems()));
            return;
        }
        parts.groups().plan(row, report);
        // A dry run writes nothing, so it has no ids: not even of the records it would update.
        Optional<String> key = parts.records().keyOf(record);
        WrittenRow would = new WrittenRow(row.rowNumber(), Optional.empty(), key,
                existing.found().flatMap(Existing::key).filter(held -> !key.equals(Optional.of(held))));
        if (existing.found().isPresent()) {
            report.updated(would);
        } else {
            report.created(would);
        }
        parts.phases().remember(would);
    }
}
