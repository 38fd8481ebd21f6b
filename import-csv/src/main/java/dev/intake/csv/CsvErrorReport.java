package dev.intake.csv;

import dev.intake.core.Limits;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import dev.intake.csv.internal.Cells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV error report: the user's own rows in their own columns, with a column {@value #PROBLEMS_COLUMN}
 * naming the row and each problem (column and message), file-level problems first. When a commit
 * wrote rows, only the rows it did not write are listed, so the fixed report can be uploaded again as
 * it is; otherwise every row is listed. Intake ignores the problems column on import. Cells that a
 * spreadsheet program would run as formulas are neutralised.
 */
public final class CsvErrorReport {
    /** The header of the added column; imports ignore a column of this name. */
    public static final String PROBLEMS_COLUMN = "Intake problems";

    private CsvErrorReport() {
    }

    /**
     * Writes the error report of an import; the writer stays open.
     *
     * @param report the import's report
     * @param source the file that was imported, read again
     * @param limits the limits it was read under (the definition's)
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     */
    public static void write(ImportReport report, ImportSource source, Limits limits, Writer out) {
        Map<Long, List<Problem>> problems = new HashMap<>();
        for (FailedRow row : report.failedRows()) {
            problems.put(row.rowNumber(), row.errors());
        }
        Set<Long> written = new HashSet<>();
        boolean onlyUnwritten = report.mode() == RunMode.COMMIT && report.committed();
        if (onlyUnwritten) {
            report.created().stream().map(WrittenRow::rowNumber).forEach(written::add);
            report.updated().stream().map(WrittenRow::rowNumber).forEach(written::add);
        }
        try (RowSource rows = source.open(limits)) {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            Optional<SourceRow> header = readQuietly(rows, true);
            int width = header.map(h -> h.cells().size()).orElse(0);
            List<String> headerCells = new ArrayList<>(header.map(SourceRow::cells).orElse(List.of()));
            headerCells.add(PROBLEMS_COLUMN);
            print(printer, headerCells);
            for (Problem problem : report.fileErrors()) {
                List<String> cells = new ArrayList<>(java.util.Collections.nCopies(width, ""));
                cells.add("file: " + describe(problem));
                print(printer, cells);
            }
            if (header.isPresent()) {
                for (Optional<SourceRow> next = readQuietly(rows, false); next.isPresent(); next = readQuietly(rows, false)) {
                    SourceRow row = next.get();
                    if (row.isBlank() || written.contains(row.rowNumber())) {
                        continue;
                    }
                    List<String> cells = new ArrayList<>(row.cells());
                    while (cells.size() < width) {
                        cells.add("");
                    }
                    List<Problem> found = problems.getOrDefault(row.rowNumber(), List.of());
                    cells.add(found.isEmpty() ? "" : "row " + row.rowNumber() + ": "
                            + String.join("; ", found.stream().map(CsvErrorReport::describe).toList()));
                    print(printer, cells);
                }
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<SourceRow> readQuietly(RowSource rows, boolean header) {
        try {
            return header ? rows.header() : rows.next();
        } catch (SourceException e) {
            // the report already names the file problem; list the rows read before it
            return Optional.empty();
        }
    }

    private static String describe(Problem problem) {
        return problem.column().map(column -> column + ": ").orElse("") + problem.message();
    }

    private static void print(CSVPrinter printer, List<String> cells) throws IOException {
        printer.printRecord(cells.stream().map(Cells::neutralized).toList());
    }
}
