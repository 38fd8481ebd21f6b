package dev.intake.csv;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Limits;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.ReportRows;
import dev.intake.core.source.ErrorReportRows;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.SourceRow;
import dev.intake.core.type.ValueType;
import dev.intake.csv.internal.Cells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
     * Writes the error report of an import whose report kept all its rows; the writer stays open.
     * Cells a workbook gave as typed values (numbers, dates) are written as the definition's
     * column reads them ({@link dev.intake.core.type.ValueType#textOfCanonical}), so the fixed report
     * imports back: {@code 1234.5} from a workbook is {@code 1234,5} under a German decimal column.
     *
     * @param report the import's report
     * @param source the file that was imported, read again
     * @param definition the definition it was imported with (its limits, and its columns' types)
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     * @throws IllegalArgumentException if the report omitted rows; use the other {@code write}
     */
    public static void write(ImportReport report, ImportSource source, ImportDefinition definition, Writer out) {
        write(report, ReportRows.of(report), source, definition, out);
    }

    /**
     * Writes the error report of an import from every row's outcome, as the import streamed them
     * (e.g. to a {@code RowSpool}); the writer stays open. Memory does not grow with the file.
     * Typed cells are written as in {@link #write(ImportReport, ImportSource, ImportDefinition, Writer)}.
     *
     * @param report the import's report
     * @param reportRows every row's outcome
     * @param source the file that was imported, read again
     * @param definition the definition it was imported with
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     */
    public static void write(ImportReport report, ReportRows reportRows, ImportSource source,
            ImportDefinition definition, Writer out) {
        try {
            write(ErrorReportRows.open(report, reportRows, source, definition), definition, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an import run's results: every row of the file, written or not, with its problems
     * (empty when it has none), file-level problems first. The writer stays open. Typed cells are
     * written as in {@link #write(ImportReport, ImportSource, ImportDefinition, Writer)}.
     *
     * @param report the import's report
     * @param reportRows every row's outcome
     * @param source the file that was imported, read again
     * @param definition the definition it was imported with
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     */
    public static void writeResults(ImportReport report, ReportRows reportRows, ImportSource source,
            ImportDefinition definition, Writer out) {
        try {
            write(ErrorReportRows.everyRow(report, reportRows, source, definition), definition, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the error report of an import whose report kept all its rows; the writer stays open.
     * Typed cells of a workbook are written in their canonical form.
     *
     * @param report the import's report
     * @param source the file that was imported, read again
     * @param limits the limits it was read under (the definition's)
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     * @throws IllegalArgumentException if the report omitted rows; use the other {@code write}
     * @deprecated a workbook's typed cells come back in canonical form, which a locale column may
     *     refuse; use {@link #write(ImportReport, ImportSource, ImportDefinition, Writer)}
     */
    @Deprecated(since = "0.1.0")
    public static void write(ImportReport report, ImportSource source, Limits limits, Writer out) {
        write(report, ReportRows.of(report), source, limits, out);
    }

    /**
     * Writes the error report of an import from every row's outcome, as the import streamed them
     * (e.g. to a {@code RowSpool}); the writer stays open. Memory does not grow with the file.
     *
     * @param report the import's report
     * @param reportRows every row's outcome
     * @param source the file that was imported, read again
     * @param limits the limits it was read under (the definition's)
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     * @deprecated use {@link #write(ImportReport, ReportRows, ImportSource, ImportDefinition, Writer)}
     */
    @Deprecated(since = "0.1.0")
    public static void write(ImportReport report, ReportRows reportRows, ImportSource source, Limits limits, Writer out) {
        try {
            write(ErrorReportRows.open(report, reportRows, source, limits), null, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an import run's results: every row of the file, written or not, with its problems
     * (empty when it has none), file-level problems first. The writer stays open.
     *
     * @param report the import's report
     * @param reportRows every row's outcome
     * @param source the file that was imported, read again
     * @param limits the limits it was read under (the definition's)
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     * @deprecated use {@link #writeResults(ImportReport, ReportRows, ImportSource, ImportDefinition, Writer)}
     */
    @Deprecated(since = "0.1.0")
    public static void writeResults(ImportReport report, ReportRows reportRows, ImportSource source, Limits limits,
            Writer out) {
        try {
            write(ErrorReportRows.everyRow(report, reportRows, source, limits), null, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ErrorReportRows opened, ImportDefinition definition, Writer out) {
        try (ErrorReportRows rows = opened) {
            // the header, then a row per file problem, then the rows: messages use these numbers
            rows.numberRowsFrom(2 + rows.fileProblems().size());
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            int width = rows.header().size();
            List<ValueType<?>> types = new ArrayList<>(width);
            for (String header : rows.header()) {
                types.add(definition == null ? null
                        : definition.columnForHeader(header).<ValueType<?>>map(Column::type).orElse(null));
            }
            List<String> headerCells = new ArrayList<>(rows.header());
            headerCells.add(PROBLEMS_COLUMN);
            print(printer, headerCells);
            for (String problem : rows.fileProblems()) {
                List<String> cells = new ArrayList<>(Collections.nCopies(width, ""));
                cells.add(problem);
                print(printer, cells);
            }
            for (Optional<ErrorReportRows.Row> next = rows.next(); next.isPresent(); next = rows.next()) {
                SourceRow source = next.get().source();
                List<String> cells = new ArrayList<>(source.cells());
                for (int c = 0; c < cells.size() && c < width; c++) {
                    if (types.get(c) != null && source.isCanonical(c) && !cells.get(c).isEmpty()) {
                        cells.set(c, types.get(c).textOfCanonical(cells.get(c)));
                    }
                }
                while (cells.size() < width) {
                    cells.add("");
                }
                cells.add(rows.described(next.get()));
                print(printer, cells);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(CSVPrinter printer, List<String> cells) throws IOException {
        printer.printRecord(cells.stream().map(Cells::neutralized).toList());
    }
}
