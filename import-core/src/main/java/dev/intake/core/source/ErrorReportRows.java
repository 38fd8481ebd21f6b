package dev.intake.core.source;

import dev.intake.core.Limits;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.RunMode;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an error report lists, whatever its format: the user's header, the file-level problems, then
 * the user's rows with their problems. When a commit wrote rows only the rows it did not write are
 * listed, so the fixed report can be uploaded again as it is; otherwise every non-blank row is. The
 * file is read again as it was imported; reading stops quietly where the import met its file
 * problem (the report names it already). The format modules' report writers are built on this.
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
    private final RowSource rows;
    private final Map<Long, List<Problem>> problems = new HashMap<>();
    private final Set<Long> written = new HashSet<>();
    private final Optional<SourceRow> header;

    private ErrorReportRows(ImportReport report, RowSource rows) {
        this.report = report;
        this.rows = rows;
        for (FailedRow row : report.failedRows()) {
            problems.put(row.rowNumber(), row.errors());
        }
        if (report.mode() == RunMode.COMMIT && report.committed()) {
            report.created().forEach(row -> written.add(row.rowNumber()));
            report.updated().forEach(row -> written.add(row.rowNumber()));
        }
        this.header = quietly(true);
    }

    /**
     * Opens the imported file again for its report.
     *
     * @param report the import's report
     * @param source the file that was imported
     * @param limits the limits it was read under (the definition's)
     * @return the rows of the report; close them
     * @throws IOException if the file cannot be opened
     */
    public static ErrorReportRows open(ImportReport report, ImportSource source, Limits limits) throws IOException {
        Objects.requireNonNull(report, "report must not be null");
        return new ErrorReportRows(report, source.open(Objects.requireNonNull(limits, "limits must not be null")));
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
            if (!row.isBlank() && !written.contains(row.rowNumber())) {
                return Optional.of(new Row(row, problems.getOrDefault(row.rowNumber(), List.of())));
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
        rows.close();
    }
}
