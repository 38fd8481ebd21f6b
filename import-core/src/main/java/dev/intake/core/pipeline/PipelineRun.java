package dev.intake.core.pipeline;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One pass of a {@link RowPipeline} over one file. Pull rows with {@link #next()} until it is empty,
 * then read {@link #fileProblems()}: a file problem met on the way (malformed input, too many rows)
 * ends the run. Rows are read and checked a chunk at a time, so that references with a
 * {@link dev.intake.core.BatchLookup} cost one lookup per chunk; {@code next()} hands them out one by
 * one. Used by one thread; close it to release the source.
 *
 * @param <R> the host's record type
 */
public final class PipelineRun<R> implements AutoCloseable {
    private final ImportDefinition definition;
    private final RowSource source;
    private final List<Problem> fileProblems = new ArrayList<>();
    private final List<String> ignoredColumns = new ArrayList<>();
    private final RowChecker<R> checker;
    private final boolean scanOnly;
    private final RowGraph graph;
    private final int pass;
    private final int chunkSize;
    private final Deque<CheckedRow<R>> checked = new ArrayDeque<>();
    private long dataRows;
    private boolean exampleSkipped;
    private boolean finished;

    PipelineRun(ImportDefinition definition, RowSource source, ImportContext context, RowMapper<R> mapper,
            RecordValidator<? super R> validator, boolean scanOnly, RowGraph graph, int pass, int chunkSize) {
        this.definition = definition;
        this.source = source;
        this.scanOnly = scanOnly;
        this.graph = graph;
        this.pass = pass;
        this.chunkSize = chunkSize;
        RowChecker<R> rowChecker = null;
        try {
            Optional<SourceRow> header = source.header();
            if (header.isEmpty() || header.get().isBlank()) {
                fileProblems.add(Problem.of(ProblemCode.EMPTY_FILE, header.isEmpty()
                        ? "the file is empty; row 1 must be the header"
                        : "row 1 is blank; it must be the header"));
            } else {
                HeaderMatcher.Match match = new HeaderMatcher(definition, context).match(header.get().cells());
                fileProblems.addAll(match.problems());
                ignoredColumns.addAll(match.ignored());
                if (match.problems().isEmpty()) {
                    rowChecker = new RowChecker<>(definition, context, match.bindings(), mapper, validator, graph, pass);
                }
            }
        } catch (SourceException e) {
            fileProblems.add(e.problem());
        }
        this.checker = rowChecker;
        this.finished = checker == null;
    }

    /**
     * The next checked row. In the first pass of a definition with row references, rows that refer to
     * rows not read yet are held back for a later pass ({@link #graph()}) and not returned here.
     *
     * @return the checked row, or empty at the end of the file or when a file problem ends the run
     * @throws dev.intake.core.IntakeException if a host lookup or check fails
     * @throws IllegalStateException if this run only scans
     */
    public Optional<CheckedRow<R>> next() {
        if (scanOnly) {
            throw new IllegalStateException("a scan run does not check rows; call scan(int)");
        }
        while (checked.isEmpty() && !finished) {
            List<SourceRow> chunk = new ArrayList<>(Math.min(chunkSize, 64));
            for (Optional<SourceRow> row = nextDataRow(); row.isPresent(); row = nextDataRow()) {
                chunk.add(row.get());
                if (chunk.size() == chunkSize) {
                    break;
                }
            }
            if (!chunk.isEmpty()) {
                checked.addAll(checker.check(chunk));
            }
        }
        if (checked.isEmpty() && finished && graph != null && pass == 0) {
            graph.resolve();
        }
        return Optional.ofNullable(checked.poll());
    }

    /**
     * Reads up to {@code rows} data rows without checking them, counting them and enforcing limits:
     * what an engine does before it writes, so that a file that cannot be read to its end is
     * rejected before any row is written, or to count the rest of a file it stops checking. Call it
     * until it returns false; in between, report progress or stop. Rows it reads are not checked and
     * never returned by {@link #next()}.
     *
     * @param rows the most rows to read in this step, 1 or more
     * @return true when there may be more rows to read; false at the end of the file or at a file
     *     problem
     */
    public boolean scan(int rows) {
        for (int i = 0; i < rows; i++) {
            if (nextDataRow().isEmpty()) {
                return false;
            }
        }
        return !finished;
    }

    /**
     * Reads the file to its end without checking rows, counting data rows and enforcing limits.
     *
     * @return the number of non-blank data rows
     */
    public long scanToEnd() {
        while (scan(Integer.MAX_VALUE)) {
            // counting is done by nextDataRow
        }
        return dataRows;
    }

    private Optional<SourceRow> nextDataRow() {
        while (!finished) {
            Optional<SourceRow> row;
            try {
                row = source.next();
            } catch (SourceException e) {
                fileProblems.add(e.problem());
                finished = true;
                return Optional.empty();
            }
            if (row.isEmpty()) {
                finished = true;
                if (dataRows == 0) {
                    fileProblems.add(Problem.of(ProblemCode.EMPTY_FILE, exampleSkipped
                            ? "the file holds only the template's example row (row 2); add your rows in its place or below it"
                            : "the file has a header but no data rows"));
                }
                return Optional.empty();
            }
            SourceRow next = row.get();
            if (checker.isBlank(next)) {
                continue;
            }
            if (checker.isTemplateExample(next)) {
                exampleSkipped = true;
                continue;
            }
            if (++dataRows > definition.limits().maxRows()) {
                fileProblems.add(Problem.of(ProblemCode.TOO_MANY_ROWS, "the file has more than "
                        + definition.limits().maxRows() + " data rows (row " + next.rowNumber()
                        + " is one too many); split it into smaller files"));
                finished = true;
                return Optional.empty();
            }
            for (String cell : next.cells()) {
                if (cell.length() > definition.limits().maxCellLength()) {
                    fileProblems.add(Problem.of(ProblemCode.LIMIT_EXCEEDED, "row " + next.rowNumber()
                            + " has a cell of " + cell.length() + " characters; at most "
                            + definition.limits().maxCellLength() + " are allowed"));
                    finished = true;
                    return Optional.empty();
                }
            }
            if (graph != null && pass > 0 && graph.passOf(next.rowNumber()) != pass) {
                continue;
            }
            return row;
        }
        return Optional.empty();
    }

    /**
     * File-level problems found so far: the header's, or one that ended the run. When not empty, the
     * file must not be written.
     *
     * @return the problems, never null
     */
    public List<Problem> fileProblems() {
        return List.copyOf(fileProblems);
    }

    /**
     * @return the header cells of unknown columns the definition ignores, never null
     */
    public List<String> ignoredColumns() {
        return List.copyOf(ignoredColumns);
    }

    /**
     * @return the non-blank data rows read so far (in a later pass: all of them, whichever pass
     *     takes them up)
     */
    public long dataRows() {
        return dataRows;
    }

    /**
     * The file's row graph, when the definition has row references: after the first pass has
     * returned its last row, {@link RowGraph#passes()} tells how many passes the file needs.
     *
     * @return the graph, or empty when the definition has no row references
     */
    public Optional<RowGraph> graph() {
        return Optional.ofNullable(graph);
    }

    /** Closes the source. */
    @Override
    public void close() {
        source.close();
    }
}
