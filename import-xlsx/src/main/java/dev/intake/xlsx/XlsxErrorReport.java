package dev.intake.xlsx;

import dev.intake.core.ImportDefinition;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ReportRows;
import dev.intake.core.source.ErrorReportRows;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.SourceRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An XLSX error report: the user's own rows in their own columns, with a last column
 * {@value #PROBLEMS_COLUMN} naming the row and each problem (column and message), the cells that
 * failed filled red; file-level problems on a worksheet of their own ({@value #FILE_PROBLEMS_SHEET}), so
 * that the rows keep their places and a sheet that was full still fits. When a commit wrote rows, only the
 * rows it did not write are listed, so the fixed report can be uploaded again as it is (imports
 * ignore the problems column and read the first worksheet); otherwise every row is listed.
 *
 * <p>The source may be a CSV or an XLSX file. A value a workbook gave typed (a number, a date, a
 * time, a boolean) is written typed, with a date or time format, so that the report imports back as
 * the file did ({@code 1234.5} stays a number, which a German decimal column reads); every other
 * value is a text cell, never a formula, so a value such as {@code =HYPERLINK(...)} from the user's
 * file stays inert text.
 * Rows are streamed: the report's memory does not grow with the file.
 */
public final class XlsxErrorReport {
    /** The header of the added column; imports ignore a column of this name. */
    public static final String PROBLEMS_COLUMN = "Intake problems";
    /** The worksheet that holds the problems of the file as a whole, when it has any. */
    public static final String FILE_PROBLEMS_SHEET = "File problems";
    private static final String FAILED_FILL = "FFC7CE";
    private static final String FAILED_FONT = "9C0006";
    private static final String HEADER_FILL = "D9E1F2";

    private XlsxErrorReport() {
    }

    /**
     * Writes the error report of an import; the stream stays open.
     *
     * @param report the import's report
     * @param source the file that was imported, read again
     * @param definition the definition it was imported with (its limits, and its columns to find the
     *     failed cells under the user's headers)
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     * @throws IllegalArgumentException if the report omitted rows; use the other {@code write}
     */
    public static void write(ImportReport report, ImportSource source, ImportDefinition definition, OutputStream out) {
        write(report, ReportRows.of(report), source, definition, out);
    }

    /**
     * Writes the error report of an import from every row's outcome, as the import streamed them
     * (e.g. to a {@code RowSpool}); the stream stays open. Memory does not grow with the file.
     *
     * @param report the import's report
     * @param reportRows every row's outcome
     * @param source the file that was imported, read again
     * @param definition the definition it was imported with
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     */
    public static void write(ImportReport report, ReportRows reportRows, ImportSource source, ImportDefinition definition,
            OutputStream out) {
        Objects.requireNonNull(definition, "definition must not be null");
        try {
            write(ErrorReportRows.open(report, reportRows, source, definition), definition, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an import run's results as a workbook: every row of the file, written or not, with its
     * problems (empty when it has none), failed cells highlighted. The stream stays open.
     *
     * @param report the import's report
     * @param reportRows every row's outcome
     * @param source the file that was imported, read again
     * @param definition the definition it was imported with
     * @param out where to write
     * @throws UncheckedIOException if the file cannot be opened or writing fails
     */
    public static void writeResults(ImportReport report, ReportRows reportRows, ImportSource source,
            ImportDefinition definition, OutputStream out) {
        Objects.requireNonNull(definition, "definition must not be null");
        try {
            write(ErrorReportRows.everyRow(report, reportRows, source, definition), definition, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ErrorReportRows opened, ImportDefinition definition, OutputStream out) {
        try (ErrorReportRows rows = opened) {
            // the header, then the rows (file problems have a sheet of their own): messages use these numbers
            rows.numberRowsFrom(2);
            Workbook workbook = new Workbook(new XlsxTemplate.Unclosed(out), "Intake", "1.0");
            Worksheet sheet = workbook.newWorksheet("Errors");
            List<String> header = rows.header();
            int width = header.size();
            Map<String, Integer> columnIndex = columnIndex(definition, header);
            for (int c = 0; c < width; c++) {
                sheet.inlineString(0, c, header.get(c));
            }
            sheet.inlineString(0, width, PROBLEMS_COLUMN);
            sheet.range(0, 0, 0, width).style().bold().fillColor(HEADER_FILL).set();
            sheet.width(width, 80);
            sheet.freezePane(0, 1);
            int r = 1;
            for (Optional<ErrorReportRows.Row> next = rows.next(); next.isPresent(); next = rows.next()) {
                SourceRow source = next.get().source();
                List<String> cells = source.cells();
                java.util.BitSet failed = new java.util.BitSet();
                for (Problem problem : next.get().problems()) {
                    problem.column().map(columnIndex::get).ifPresent(failed::set);
                }
                for (int c = 0; c < cells.size(); c++) {
                    String format = null;
                    if (!cells.get(c).isEmpty()) {
                        format = source.isCanonical(c) ? TypedCells.write(sheet, r, c, cells.get(c)) : null;
                        if (format == null) {
                            sheet.inlineString(r, c, cells.get(c));
                        }
                    }
                    if (failed.get(c) || (format != null && !format.isEmpty())) {
                        var style = sheet.style(r, c);
                        if (format != null && !format.isEmpty()) {
                            style.format(format);
                        }
                        if (failed.get(c)) {
                            style.fillColor(FAILED_FILL).fontColor(FAILED_FONT);
                        }
                        style.set();
                    }
                }
                if (!next.get().problems().isEmpty()) {
                    sheet.inlineString(r, width, rows.described(next.get()));
                    sheet.style(r, width).fontColor(FAILED_FONT).wrapText(true).set();
                }
                if (++r % 1_000 == 0) {
                    sheet.flush();
                }
            }
            // problems of the file as a whole stand on a sheet of their own: the rows keep their
            // places, and a file at the sheet's last row still fits
            if (!rows.fileProblems().isEmpty()) {
                sheet.finish();
                Worksheet file = workbook.newWorksheet(FILE_PROBLEMS_SHEET);
                file.inlineString(0, 0, PROBLEMS_COLUMN);
                file.style(0, 0).bold().fillColor(HEADER_FILL).set();
                file.width(0, 100);
                int f = 1;
                for (String problem : rows.fileProblems()) {
                    file.inlineString(f, 0, problem);
                    file.style(f, 0).fontColor(FAILED_FONT).bold().wrapText(true).set();
                    f++;
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where each problem column (a definition key, or a custom attribute's key) sits in the user's header. */
    private static Map<String, Integer> columnIndex(ImportDefinition definition, List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String cell = header.get(c);
            int at = c;
            definition.columnForHeader(cell).ifPresentOrElse(column -> index.putIfAbsent(column.key(), at),
                    () -> index.putIfAbsent(cell.strip(), at));
        }
        return index;
    }
}
