package dev.intake.xlsx;

import dev.intake.core.ImportDefinition;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An XLSX error report: the user's own rows in their own columns, with a last column
 * {@value #PROBLEMS_COLUMN} naming the row and each problem (column and message), the cells that
 * failed filled red, and file-level problems in the rows above. When a commit wrote rows, only the
 * rows it did not write are listed, so the fixed report can be uploaded again as it is (imports
 * ignore the problems column and read the first worksheet); otherwise every row is listed.
 *
 * <p>The source may be a CSV or an XLSX file. Every value is written as a text cell, never as a
 * formula, so a value such as {@code =HYPERLINK(...)} from the user's file stays inert text.
 * Rows are streamed: the report's memory does not grow with the file.
 */
public final class XlsxErrorReport {
    /** The header of the added column; imports ignore a column of this name. */
    public static final String PROBLEMS_COLUMN = "Intake problems";
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
     */
    public static void write(ImportReport report, ImportSource source, ImportDefinition definition, OutputStream out) {
        Objects.requireNonNull(report, "report must not be null");
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(definition, "definition must not be null");
        Map<Long, List<Problem>> problems = new HashMap<>();
        for (FailedRow row : report.failedRows()) {
            problems.put(row.rowNumber(), row.errors());
        }
        Set<Long> written = new HashSet<>();
        if (report.mode() == RunMode.COMMIT && report.committed()) {
            report.created().stream().map(WrittenRow::rowNumber).forEach(written::add);
            report.updated().stream().map(WrittenRow::rowNumber).forEach(written::add);
        }
        try (RowSource rows = source.open(definition.limits())) {
            Workbook workbook = new Workbook(new XlsxTemplate.Unclosed(out), "Intake", "1.0");
            Worksheet sheet = workbook.newWorksheet("Errors");
            Optional<SourceRow> header = readQuietly(rows, true);
            List<String> headerCells = header.map(SourceRow::cells).orElse(List.of());
            int width = headerCells.size();
            Map<String, Integer> columnIndex = columnIndex(definition, headerCells);
            for (int c = 0; c < width; c++) {
                sheet.inlineString(0, c, headerCells.get(c));
            }
            sheet.inlineString(0, width, PROBLEMS_COLUMN);
            sheet.range(0, 0, 0, width).style().bold().fillColor(HEADER_FILL).set();
            sheet.width(width, 80);
            sheet.freezePane(0, 1);
            int r = 1;
            for (Problem problem : report.fileErrors()) {
                sheet.inlineString(r, width, "file: " + describe(problem));
                sheet.style(r, width).fontColor(FAILED_FONT).bold().wrapText(true).set();
                r++;
            }
            if (header.isPresent()) {
                for (Optional<SourceRow> next = readQuietly(rows, false); next.isPresent(); next = readQuietly(rows, false)) {
                    SourceRow row = next.get();
                    if (row.isBlank() || written.contains(row.rowNumber())) {
                        continue;
                    }
                    List<String> cells = row.cells();
                    for (int c = 0; c < cells.size(); c++) {
                        if (!cells.get(c).isEmpty()) {
                            sheet.inlineString(r, c, cells.get(c));
                        }
                    }
                    List<Problem> found = problems.getOrDefault(row.rowNumber(), List.of());
                    if (!found.isEmpty()) {
                        for (Problem problem : found) {
                            Integer column = problem.column().map(columnIndex::get).orElse(null);
                            if (column != null) {
                                sheet.style(r, column).fillColor(FAILED_FILL).fontColor(FAILED_FONT).set();
                            }
                        }
                        sheet.inlineString(r, width, "row " + row.rowNumber() + ": "
                                + String.join("; ", found.stream().map(XlsxErrorReport::describe).toList()));
                        sheet.style(r, width).fontColor(FAILED_FONT).wrapText(true).set();
                    }
                    if (++r % 1_000 == 0) {
                        sheet.flush();
                    }
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
}
