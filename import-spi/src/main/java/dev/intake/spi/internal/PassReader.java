package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.FileDigest;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowGraph;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checked rows of a file across all the passes its definition needs: the first pass, then, when
 * rows refer to rows further down, the later passes that take up the rows held back (each reads the
 * file again). Every row comes out exactly once, after the rows it refers to. Closes each pass's
 * source when it ends. A reader can digest the file as its first pass reads it, or compare every
 * pass with an earlier read's digest, so that a file that changed ends the reading with a
 * {@code FILE_CHANGED} file problem.
 *
 * @param <R> the host's record type
 */
final class PassReader<R> implements AutoCloseable {
    private final RowPipeline<R> pipeline;
    private final ImportSource source;
    private final ImportContext context;
    private final List<Problem> fileProblems = new ArrayList<>();
    private List<String> ignoredColumns = List.of();
    private List<String> attributeColumns = List.of();
    private Optional<dev.intake.core.result.SkippedRow> skippedExample = Optional.empty();
    private PipelineRun<R> run;
    private RowGraph graph;
    private int pass;
    private long dataRows;
    /** Segment rows of the first pass's digest, or 0. */
    private final int digestRows;
    /** The digest every pass is compared with, or null. */
    private FileDigest expected;
    private FileDigest digest;

    private PassReader(RowPipeline<R> pipeline, ImportSource source, ImportContext context, int digestRows,
            FileDigest expected) {
        this.pipeline = pipeline;
        this.source = source;
        this.context = context;
        this.digestRows = digestRows;
        this.expected = expected;
    }

    /**
     * Opens the first pass; a file that cannot be opened is a file problem.
     *
     * @return the reader; when the file cannot be opened it returns no rows
     */
    static <R> PassReader<R> open(RowPipeline<R> pipeline, ImportSource source, ImportContext context) {
        PassReader<R> reader = new PassReader<>(pipeline, source, context, 0, null);
        reader.open(0);
        return reader;
    }

    /**
     * Opens the first pass, which digests the file as it reads it ({@link #fileDigest()}); later
     * passes are compared with it.
     */
    static <R> PassReader<R> digesting(RowPipeline<R> pipeline, ImportSource source, ImportContext context,
            int segmentRows) {
        PassReader<R> reader = new PassReader<>(pipeline, source, context, segmentRows, null);
        reader.open(0);
        return reader;
    }

    /** Opens the first pass; every pass is compared with an earlier read's digest. */
    static <R> PassReader<R> expecting(RowPipeline<R> pipeline, ImportSource source, ImportContext context,
            FileDigest earlier) {
        PassReader<R> reader = new PassReader<>(pipeline, source, context, 0, earlier);
        reader.open(0);
        return reader;
    }

    private boolean open(int next) {
        Optional<RowSource> rows = open();
        if (rows.isEmpty()) {
            return false;
        }
        pass = next;
        run = next == 0 ? pipeline.start(rows.get(), context) : pipeline.start(rows.get(), context, graph, next);
        if (next == 0) {
            ignoredColumns = run.ignoredColumns();
            attributeColumns = run.attributeColumns();
        }
        if (expected != null) {
            run.expect(expected);
        } else if (digestRows > 0) {
            run.digest(digestRows);
        }
        return true;
    }

    private Optional<RowSource> open() {
        try {
            return Optional.of(source.open(pipeline.definition().limits()));
        } catch (IOException e) {
            fileProblems.add(Problem.of(ProblemCode.UNREADABLE_FILE, source.name() + " cannot be opened: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            return Optional.empty();
        }
    }

    /** @return the next checked row of any pass, or empty at the end or at a file problem */
    Optional<CheckedRow<R>> next() {
        while (run != null) {
            Optional<CheckedRow<R>> row = run.next();
            if (row.isPresent()) {
                return row;
            }
            if (!endPass()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Ends the current pass; opens the next one when there is one. */
    private boolean endPass() {
        fileProblems.addAll(run.fileProblems());
        if (pass == 0) {
            skippedExample = run.skippedExample();
            dataRows = run.dataRows();
            graph = run.graph().orElse(null);
            if (fileProblems.isEmpty() && (digestRows > 0 || expected != null)) {
                digest = run.fileDigest();
                expected = digest;
            }
        }
        run.close();
        run = null;
        if (!fileProblems.isEmpty() || graph == null || pass + 1 >= graph.passes()) {
            return false;
        }
        return open(pass + 1);
    }

    /**
     * @return the data rows read so far; the file's data rows once the first pass has ended
     */
    long dataRows() {
        return run != null && pass == 0 ? run.dataRows() : Math.max(dataRows, run == null ? 0 : run.dataRows());
    }

    /**
     * Reads the rest of the file without checking it, to count its rows (a cancelled import still
     * counts every row).
     *
     * @return the data rows of the file, as far as it could be read
     */
    long countToEnd() {
        if (run != null) {
            run.scanToEnd();
            long counted = run.dataRows();
            dataRows = Math.max(dataRows, counted);
            run.close();
            run = null;
        }
        return dataRows;
    }

    /** @return the pass handing rows out, from 0 */
    int pass() {
        return pass;
    }

    /**
     * @return the digest of the file as the first pass read it, once it read it whole without a file
     *     problem; null otherwise or when the reader neither digests nor compares
     */
    FileDigest fileDigest() {
        return digest;
    }

    /** @return the header cells of unknown columns the definition ignores */
    List<String> ignoredColumns() {
        return ignoredColumns;
    }

    /** @return the template's example row, when the first pass skipped it */
    Optional<dev.intake.core.result.SkippedRow> skippedExample() {
        return skippedExample;
    }

    /** @return the header cells read as custom attributes */
    List<String> attributeColumns() {
        return attributeColumns;
    }

    /** @return the file problems met so far; when not empty, the file must not be written */
    List<Problem> fileProblems() {
        return List.copyOf(fileProblems);
    }

    @Override
    public void close() {
        try {
            if (run != null) {
                run.close();
                run = null;
            }
        } finally {
            if (graph != null) {
                graph.close();
            }
        }
    }
}
