package dev.intake.core.source;

import dev.intake.core.Limits;
import dev.intake.core.internal.Texts;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ReportRows;
import dev.intake.core.result.RunMode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an error report lists, whatever its format: the user's header, the file-level problems, then
 * the user's rows with their problems. When a commit wrote rows only the rows it did not write are
 * listed, so the fixed report can be uploaded again as it is; otherwise every non-blank row is. The
 * file is read again as it was imported, alongside the report's failed rows in row order, so memory
 * does not grow with the file; reading stops quietly where the import met its file problem (the
 * report names it already). The format modules' report writers are built on this.
 */
public final class ErrorReportRows implements AutoCloseable {
    /** A row of the user's file and the problems the import found in it (empty when it had none). */
    public record Row(SourceRow source, List<Problem> problems) {
        /**
         * Copies the problems. /
         *
         * @param source the row as the file has it
         * @param problems the row's problems
         */
        public Row {
            Objects.requireNonNull(source, "source must not be null");
            problems = List.copyOf(problems);
        }

        /**
         * @return the problems as one cell's text: {@code row N: column: message; ...}, or empty
         */
        public String described() {
            return problems.isEmpty() ? "" : "row " + source.rowNumber() + ": "
                    + String.join("; ", problems.stream().map(ErrorReportRows::describe).toList());
        }
    }

    private final ImportReport report;
    private final ReportRows reportRows;
    private final boolean skipWritten;
    private final RowSource rows;
    private final Stream<FailedRow> failedStream;
    private final Iterator<FailedRow> failed;
    private FailedRow nextFailed;
    private final Optional<SourceRow> header;
    private final int[] kept;

    private ErrorReportRows(ImportReport report, ReportRows reportRows, RowSource rows, boolean everyRow) {
        this.report = report;
        this.reportRows = reportRows;
        this.skipWritten = !everyRow && report.mode() == RunMode.COMMIT && report.committed();
        this.rows = rows;
        this.failedStream = reportRows.failed();
        this.failed = failedStream.iterator();
        this.nextFailed = failed.hasNext() ? failed.next() : null;
        Optional<SourceRow> read = quietly(true);
        this.kept = read.map(ErrorReportRows::keptColumns).orElse(null);
        this.header = read.map(this::kept);
    }

    /**
     * The columns a report carries over from the file: all but the problems column of an earlier
     * report (the import ignores it; the new report writes its own), so a report of a report is the
     * same report. Null when every column is kept.
     */
    private static int[] keptColumns(SourceRow header) {
        List<String> cells = header.cells();
        int[] kept = new int[cells.size()];
        int n = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (!Texts.PROBLEMS_COLUMN.equals(Texts.normalize(cells.get(i)))) {
                kept[n++] = i;
            }
        }
        return n == cells.size() ? null : java.util.Arrays.copyOf(kept, n);
    }

    /** A row with the kept columns only, its canonical cells where they now stand. */
    private SourceRow kept(SourceRow row) {
        if (kept == null) {
            return row;
        }
        List<String> cells = new java.util.ArrayList<>(kept.length);
        java.util.BitSet canonical = new java.util.BitSet();
        for (int i = 0; i < kept.length; i++) {
            cells.add(kept[i] < row.cells().size() ? row.cells().get(kept[i]) : "");
            if (row.isCanonical(kept[i])) {
                canonical.set(i);
            }
        }
        return new SourceRow(row.rowNumber(), cells, canonical, row.problems());
    }

    /**
     * Opens the imported file again for the report of an import whose report kept all its rows.
     *
     * @param report the import's report
     * @param source the file that was imported
     * @param limits the limits it was read under (the definition's)
     * @return the rows of the report; close them
     * @throws IOException if the file cannot be opened
     * @throws IllegalArgumentException if the report omitted rows; pass what the import streamed to
     */
    public static ErrorReportRows open(ImportReport report, ImportSource source, Limits limits) throws IOException {
        return open(report, ReportRows.of(report), source, limits);
    }

    /**
     * Opens the imported file again for its report, with every row's outcome from what the import
     * streamed to.
     *
     * @param report the import's report (its file problems and whether it committed)
     * @param reportRows every row of the report
     * @param source the file that was imported
     * @param limits the limits it was read under (the definition's)
     * @return the rows of the report; close them
     * @throws IOException if the file cannot be opened
     */
    public static ErrorReportRows open(ImportReport report, ReportRows reportRows, ImportSource source, Limits limits)
            throws IOException {
        Objects.requireNonNull(report, "report must not be null");
        Objects.requireNonNull(reportRows, "reportRows must not be null");
        return new ErrorReportRows(report, reportRows, source.open(Objects.requireNonNull(limits, "limits must not be null")),
                false);
    }

    /**
     * Opens the imported file again for a listing of every row with its problems, written or not:
     * an import run's results.
     *
     * @param report the import's report (its file problems)
     * @param reportRows every row of the report
     * @param source the file that was imported
     * @param limits the limits it was read under (the definition's)
     * @return every row of the file, with its problems; close them
     * @throws IOException if the file cannot be opened
     */
    public static ErrorReportRows everyRow(ImportReport report, ReportRows reportRows, ImportSource source, Limits limits)
            throws IOException {
        Objects.requireNonNull(report, "report must not be null");
        Objects.requireNonNull(reportRows, "reportRows must not be null");
        return new ErrorReportRows(report, reportRows, source.open(Objects.requireNonNull(limits, "limits must not be null")),
                true);
    }

    /**
     * @return the user's header cells, empty when the file had none that could be read
     */
    public List<String> header() {
        return header.map(SourceRow::cells).orElse(List.of());
    }

    /**
     * @return the file-level problems, each as {@code file: message} text for a cell
     */
    public List<String> fileProblems() {
        return report.fileErrors().stream().map(problem -> "file: " + describe(problem)).toList();
    }

    /**
     * @return the next row to list, or empty at the end
     */
    public Optional<Row> next() {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        for (Optional<SourceRow> next = quietly(false); next.isPresent(); next = quietly(false)) {
            SourceRow row = next.get();
            List<Problem> problems = problemsOf(row.rowNumber());
            if (!row.isBlank() && !(skipWritten && reportRows.written(row.rowNumber()))) {
                return Optional.of(new Row(kept(row), problems));
            }
        }
        return Optional.empty();
    }

    /**
     * @param problem a problem
     * @return {@code column: message}, or the message when the problem names no column
     */
    public static String describe(Problem problem) {
        return problem.column().map(column -> column + ": ").orElse("") + problem.message();
    }

    /** The problems of a row, advancing through the failed rows, which come sorted like the file's. */
    private List<Problem> problemsOf(long rowNumber) {
        while (nextFailed != null && nextFailed.rowNumber() < rowNumber) {
            nextFailed = failed.hasNext() ? failed.next() : null;
        }
        return nextFailed != null && nextFailed.rowNumber() == rowNumber ? nextFailed.errors() : List.of();
    }

    private Optional<SourceRow> quietly(boolean first) {
        try {
            return first ? rows.header() : rows.next();
        } catch (SourceException e) {
            // the report already names the file problem; list the rows read before it
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        failedStream.close();
        rows.close();
    }
}
