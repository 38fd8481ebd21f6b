package dev.intake.core.pipeline;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.internal.HeaderMatcher;
import dev.intake.core.internal.RowChecker;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pass of a {@link RowPipeline} over one file. Pull rows with {@link #next()} until it is empty,
 * then read {@link #fileProblems()}: a file problem met on the way (malformed input, too many rows)
 * ends the run. Used by one thread; close it to release the source.
 *
 * @param <R> the host's record type
 */
public final class PipelineRun<R> implements AutoCloseable {
    private final ImportDefinition definition;
    private final RowSource source;
    private final List<Problem> fileProblems = new ArrayList<>();
    private final RowChecker<R> checker;
    private final boolean scanOnly;
    private long dataRows;
    private boolean finished;

    PipelineRun(ImportDefinition definition, RowSource source, ImportContext context, RowMapper<R> mapper,
            RecordValidator<? super R> validator, boolean scanOnly) {
        this.definition = definition;
        this.source = source;
        this.scanOnly = scanOnly;
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
                if (match.problems().isEmpty()) {
                    rowChecker = new RowChecker<>(definition, context, match.bindings(), mapper, validator);
                }
            }
        } catch (SourceException e) {
            fileProblems.add(e.problem());
        }
        this.checker = rowChecker;
        this.finished = checker == null;
    }

    /**
     * Checks the next non-blank row.
     *
     * @return the checked row, or empty at the end of the file or when a file problem ends the run
     * @throws dev.intake.core.IntakeException if a host lookup or check fails
     * @throws IllegalStateException if this run only scans
     */
    public Optional<CheckedRow<R>> next() {
        if (scanOnly) {
            throw new IllegalStateException("a scan run does not check rows; call scanToEnd()");
        }
        Optional<SourceRow> row = nextDataRow();
        return row.isEmpty() ? Optional.empty() : Optional.of(checker.check(row.get()));
    }

    /**
     * Reads the file to its end without checking rows, counting data rows and enforcing limits.
     *
     * @return the number of non-blank data rows, when the file could be read to its end
     */
    public long scanToEnd() {
        while (nextDataRow().isPresent()) {
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
                    fileProblems.add(Problem.of(ProblemCode.EMPTY_FILE, "the file has a header but no data rows"));
                }
                return Optional.empty();
            }
            SourceRow next = row.get();
            if (checker.isBlank(next)) {
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
     * @return the non-blank data rows read so far
     */
    public long dataRows() {
        return dataRows;
    }

    /** Closes the source. */
    @Override
    public void close() {
        source.close();
    }
}
