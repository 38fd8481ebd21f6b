package dev.intake.core.source;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Limits;
import dev.intake.core.internal.Texts;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ReportRows;
import dev.intake.core.result.RunMode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

    /**
     * Where Intake's messages name other rows of the file, at their end: a repeated key, a row that
     * names a failed row, a cycle. Only these are renumbered: a value shown earlier in a message
     * never is.
     */
    private static final java.util.regex.Pattern ROW_NUMBERS = java.util.regex.Pattern.compile(
            "(?:(is already used by row )(\\d+)(; other rows refer to rows by it)?$)"
                    + "|(?:( names row )(\\d+)(, which failed; fix row )(\\d+)( first)$)"
                    + "|(?:^(rows )(\\d+(?: \u2192 \\d+)+)( refer to each other in a cycle through .*)$)");

    private final ImportReport report;
    private final ReportRows reportRows;
    private final ImportSource source;
    private final Limits limits;
    /** Each column's label by key, for the names of a row's problems. */
    private final Map<String, String> labels;
    /** The rows of the file that the report lists, in order; null until the report numbers its rows. */
    private long[] listed;
    private int listedCount;
    /** The report's row number of its first listed row; 0 when rows keep the file's numbers. */
    private long firstRow;
    /** The file's and the report's number of the row {@link #next()} returned last. */
    private long lastRow = -1;
    private long lastReportRow = -1;
    private long returned;
    private final boolean skipWritten;
    private final RowSource rows;
    private final Stream<FailedRow> failedStream;
    private final Iterator<FailedRow> failed;
    private FailedRow nextFailed;
    private final Optional<SourceRow> header;
    private final int[] kept;

    private ErrorReportRows(ImportReport report, ReportRows reportRows, ImportSource source, Limits limits,
            Map<String, String> labels, boolean everyRow) throws IOException {
        this.report = report;
        this.reportRows = reportRows;
        this.source = source;
        this.limits = limits;
        this.labels = Map.copyOf(labels);
        RowSource rows = source.open(limits);
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
        return new ErrorReportRows(report, reportRows, source, Objects.requireNonNull(limits, "limits must not be null"),
                Map.of(), false);
    }

    /**
     * Opens the imported file again for its report, with every row's outcome from what the import
     * streamed to; problems are named by their columns' labels.
     *
     * @param report the import's report (its file problems and whether it committed)
     * @param reportRows every row of the report
     * @param source the file that was imported
     * @param definition the definition it was imported with (its limits and column labels)
     * @return the rows of the report; close them
     * @throws IOException if the file cannot be opened
     */
    public static ErrorReportRows open(ImportReport report, ReportRows reportRows, ImportSource source,
            ImportDefinition definition) throws IOException {
        Objects.requireNonNull(report, "report must not be null");
        Objects.requireNonNull(reportRows, "reportRows must not be null");
        return new ErrorReportRows(report, reportRows, source, definition.limits(), labels(definition), false);
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
        return new ErrorReportRows(report, reportRows, source, Objects.requireNonNull(limits, "limits must not be null"),
                Map.of(), true);
    }

    /**
     * Opens the imported file again for a listing of every row with its problems, written or not,
     * problems named by their columns' labels.
     *
     * @param report the import's report (its file problems)
     * @param reportRows every row of the report
     * @param source the file that was imported
     * @param definition the definition it was imported with (its limits and column labels)
     * @return every row of the file, with its problems; close them
     * @throws IOException if the file cannot be opened
     */
    public static ErrorReportRows everyRow(ImportReport report, ReportRows reportRows, ImportSource source,
            ImportDefinition definition) throws IOException {
        Objects.requireNonNull(report, "report must not be null");
        Objects.requireNonNull(reportRows, "reportRows must not be null");
        return new ErrorReportRows(report, reportRows, source, definition.limits(), labels(definition), true);
    }

    private static Map<String, String> labels(ImportDefinition definition) {
        Map<String, String> labels = new HashMap<>();
        for (Column<?> column : definition.columns()) {
            labels.put(column.key(), column.label());
        }
        return labels;
    }

    /**
     * Numbers the report's rows as the report file shows them: its first listed row is row
     * {@code first} (2 under a header, more when file problems take rows before it). From then on
     * {@link #described(Row)} says each row's number in the report, and the rows Intake's messages
     * name (a repeated key's first row, a failed row that others name, a cycle) are given by their
     * numbers in the report too, or as rows of the original file when the report does not list
     * them; the report can then be read, and fixed, on its own. Call it before the first
     * {@link #next()}. When the report has such messages the file is read once more, to learn which
     * rows the report lists (eight bytes a listed row).
     *
     * @param first the report's row number of its first listed row, 2 or more
     * @throws IllegalStateException if rows were read already
     * @throws IOException if the file cannot be read again
     */
    public void numberRowsFrom(long first) throws IOException {
        if (first < 2) {
            throw new IllegalArgumentException("first must be 2 or more, not " + first);
        }
        if (returned > 0) {
            throw new IllegalStateException("rows were read already");
        }
        firstRow = first;
        if (!namesOtherRows()) {
            return;
        }
        listed = new long[64];
        try (RowSource again = source.open(limits)) {
            if (read(again, true).isEmpty()) {
                return;
            }
            for (Optional<SourceRow> next = read(again, false); next.isPresent(); next = read(again, false)) {
                SourceRow row = next.get();
                if (lists(row)) {
                    if (listedCount == listed.length) {
                        listed = java.util.Arrays.copyOf(listed, listed.length * 2);
                    }
                    listed[listedCount++] = row.rowNumber();
                }
            }
        }
    }

    /** Whether a failed row's message names another row. */
    private boolean namesOtherRows() {
        try (Stream<FailedRow> rows = reportRows.failed()) {
            return rows.anyMatch(row -> row.errors().stream().anyMatch(problem -> ROW_NUMBERS.matcher(problem.message()).find()));
        }
    }

    /** Whether the report lists a row of the file. */
    private boolean lists(SourceRow row) {
        return !row.isBlank() && !(skipWritten && reportRows.written(row.rowNumber()));
    }

    /**
     * A row's problems as one cell's text: {@code row N: Label: message; ...}, its columns named by
     * their labels and, once {@link #numberRowsFrom} was called, the rows numbered as in the report.
     *
     * @param row a row {@link #next()} returned
     * @return the text; empty when the row has no problems
     */
    public String described(Row row) {
        if (row.problems().isEmpty()) {
            return "";
        }
        long number = row.source().rowNumber();
        long shown = firstRow == 0 ? number : number == lastRow ? lastReportRow : reportRow(number);
        StringBuilder text = new StringBuilder("row ").append(shown).append(": ");
        for (int i = 0; i < row.problems().size(); i++) {
            Problem problem = row.problems().get(i);
            if (i > 0) {
                text.append("; ");
            }
            problem.column().ifPresent(column -> text.append(labels.getOrDefault(column, column)).append(": "));
            text.append(firstRow == 0 ? problem.message() : renumbered(problem.message()));
        }
        return text.toString();
    }

    /** A message with the rows it names at its end numbered as in the report. */
    private String renumbered(String message) {
        java.util.regex.Matcher matcher = ROW_NUMBERS.matcher(message);
        if (!matcher.find()) {
            return message;
        }
        StringBuilder text = new StringBuilder(message.substring(0, matcher.start()));
        for (int group = 1; group <= matcher.groupCount(); group++) {
            String part = matcher.group(group);
            if (part == null) {
                continue;
            }
            if (part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                text.append(shownRow(Long.parseLong(part)));
            } else if (part.matches("\\d+( \u2192 \\d+)+")) {
                String[] rows = part.split(" \u2192 ");
                for (int i = 0; i < rows.length; i++) {
                    text.append(i == 0 ? "" : " \u2192 ").append(shownRow(Long.parseLong(rows[i])));
                }
            } else {
                text.append(part);
            }
        }
        return text.toString();
    }

    /** A row of the file as the report shows it: its number there, or as a row of the original file. */
    private String shownRow(long number) {
        long inReport = reportRow(number);
        return inReport > 0 ? Long.toString(inReport) : number + " of the original file";
    }

    /** The report's number of a row of the file; 0 when the report does not list it. */
    private long reportRow(long number) {
        if (listed == null) {
            return number == lastRow ? lastReportRow : 0;
        }
        int at = java.util.Arrays.binarySearch(listed, 0, listedCount, number);
        return at < 0 ? 0 : firstRow + at;
    }

    /**
     * @return the user's header cells, empty when the file had none that could be read
     */
    public List<String> header() {
        return header.map(SourceRow::cells).orElse(List.of());
    }

    /**
     * @return the file-level problems, each as {@code file: Label: message} text for a cell
     */
    public List<String> fileProblems() {
        return report.fileErrors().stream().map(problem -> "file: " + problem.column()
                .map(column -> labels.getOrDefault(column, column) + ": ").orElse("") + problem.message()).toList();
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
            if (lists(row)) {
                lastRow = row.rowNumber();
                lastReportRow = firstRow + returned;
                returned++;
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
        return read(rows, first);
    }

    private static Optional<SourceRow> read(RowSource rows, boolean first) {
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
