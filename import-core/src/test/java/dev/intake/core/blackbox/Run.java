package dev.intake.core.blackbox;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RecordValidator;
import dev.intake.core.pipeline.RowMapper;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.Problem;
import dev.intake.core.source.ListSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The outcome of running a definition over rows in memory, for assertions. */
final class Run<R> {
    final List<CheckedRow<R>> rows = new ArrayList<>();
    final List<Problem> fileProblems;
    final long dataRows;

    private Run(PipelineRun<R> run) {
        for (Optional<CheckedRow<R>> next = run.next(); next.isPresent(); next = run.next()) {
            rows.add(next.get());
        }
        fileProblems = run.fileProblems();
        dataRows = run.dataRows();
        run.close();
    }

    static Run<ImportRow> of(ImportDefinition definition, String header, String... rows) {
        return of(RowPipeline.of(definition), cells(header), Arrays.stream(rows).map(Run::cells).toList());
    }

    static <R> Run<R> of(ImportDefinition definition, RowMapper<R> mapper, RecordValidator<? super R> validator,
            String header, String... rows) {
        return of(RowPipeline.of(definition, mapper, validator), cells(header),
                Arrays.stream(rows).map(Run::cells).toList());
    }

    static <R> Run<R> of(RowPipeline<R> pipeline, List<String> header, List<List<String>> rows) {
        ListSource source = ListSource.of("test", header, rows);
        return new Run<>(pipeline.start(source.open(pipeline.definition().limits()), ImportContext.empty()));
    }

    /** Cells separated by '|'; a trailing empty cell is kept. */
    static List<String> cells(String line) {
        return List.of(line.split("\\|", -1));
    }

    CheckedRow<R> row(long rowNumber) {
        return rows.stream().filter(r -> r.rowNumber() == rowNumber).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + rowNumber + " in " + rows.size() + " rows"));
    }

    ImportRow accepted(long rowNumber) {
        CheckedRow<R> row = row(rowNumber);
        if (!row.isAccepted()) {
            throw new AssertionError("row " + rowNumber + " was rejected: " + row.problems());
        }
        return row.row().orElseThrow();
    }

    List<Problem> problems(long rowNumber) {
        return row(rowNumber).problems();
    }
}
