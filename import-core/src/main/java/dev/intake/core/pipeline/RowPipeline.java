package dev.intake.core.pipeline;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.source.RowSource;
import java.util.Objects;

/**
 * Runs a definition over a {@link RowSource}: reads the header, matches it, then checks row after row
 * as the caller pulls them ({@link PipelineRun#next()}), a chunk at a time, keeping only what the
 * semantics need across the file (the keys seen, the rows that refer to rows not read yet). Nothing
 * here writes anywhere; the import service of {@code import-spi} drives a pipeline and writes what
 * it accepts.
 *
 * <p>A definition without {@linkplain dev.intake.core.RowReference row references} needs one pass
 * ({@link #start(RowSource, ImportContext)}). One with row references may need more: after the first
 * pass, {@link PipelineRun#graph()} tells how many, and each later pass is started with
 * {@link #start(RowSource, ImportContext, RowGraph, int)}; every row is returned by exactly one pass.
 *
 * <p>Immutable and thread-safe; each start gets its own state.
 *
 * @param <R> the host's record type
 */
public final class RowPipeline<R> {
    /** Rows checked together, unless set: what a batched lookup is asked for at once. */
    public static final int DEFAULT_CHUNK_SIZE = 500;

    private final ImportDefinition definition;
    private final RowMapper<R> mapper;
    private final RecordValidator<? super R> validator;
    private final int chunkSize;
    private final int checkThreads;
    private final boolean readAhead;

    private RowPipeline(ImportDefinition definition, RowMapper<R> mapper, RecordValidator<? super R> validator,
            int chunkSize, int checkThreads, boolean readAhead) {
        this.definition = definition;
        this.mapper = mapper;
        this.validator = validator;
        this.chunkSize = chunkSize;
        this.checkThreads = checkThreads;
        this.readAhead = readAhead;
    }

    /**
     * A pipeline that maps rows to the host's records and validates them.
     *
     * @param definition the definition
     * @param mapper the row mapper
     * @param validator the record validator, or null for none
     * @param <R> the record type
     * @return the pipeline
     */
    public static <R> RowPipeline<R> of(ImportDefinition definition, RowMapper<R> mapper,
            RecordValidator<? super R> validator) {
        return new RowPipeline<>(Objects.requireNonNull(definition, "definition must not be null"),
                Objects.requireNonNull(mapper, "mapper must not be null"), validator, DEFAULT_CHUNK_SIZE, 1,
                true);
    }

    /**
     * A pipeline that yields the checked {@link ImportRow}s themselves.
     *
     * @param definition the definition
     * @return the pipeline
     */
    public static RowPipeline<ImportRow> of(ImportDefinition definition) {
        return of(definition, RowMapper.identity(), null);
    }

    /**
     * A pipeline like this one that checks {@code rows} rows together. Default:
     * {@value #DEFAULT_CHUNK_SIZE}.
     *
     * @param rows rows per chunk, 1 or more
     * @return the pipeline
     * @throws IllegalArgumentException if rows is below 1
     */
    public RowPipeline<R> withChunkSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a chunk needs at least one row, not " + rows);
        }
        return new RowPipeline<>(definition, mapper, validator, rows, checkThreads, readAhead);
    }

    /**
     * A pipeline like this one that checks chunks on {@code threads} threads at once, for definitions
     * without {@linkplain dev.intake.core.RowReference row references} (those are checked on the
     * caller's thread whatever this says). Rows still come out of {@link PipelineRun#next()} in file
     * order, with exactly the problems a run on one thread finds: keys repeated in the file are
     * decided on the caller's thread, in order. The definition's lookups, defaults and row checks,
     * the mapper and the validator are then called from several threads at once, and must be
     * thread-safe (the definition's own rules, types and constraints are). Default: 1, the caller's
     * thread.
     *
     * @param threads threads checking rows, 1 or more
     * @return the pipeline
     * @throws IllegalArgumentException if threads is below 1
     */
    public RowPipeline<R> withCheckThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("checking needs at least one thread, not " + threads);
        }
        return new RowPipeline<>(definition, mapper, validator, chunkSize, threads, readAhead);
    }

    /**
     * A pipeline like this one that reads (parses) the source on a thread of its own, a few hundred
     * rows ahead of the checking, or on the caller's thread. A source is still used by one thread at a
     * time: the header on the caller's, the rows on the reading thread, until the run is closed.
     * Default: true.
     *
     * @param ahead whether to read ahead on a thread of its own
     * @return the pipeline
     */
    public RowPipeline<R> withReadAhead(boolean ahead) {
        return new RowPipeline<>(definition, mapper, validator, chunkSize, checkThreads, ahead);
    }

    /**
     * A pipeline like this one whose definition has other limits ({@link ImportDefinition#withLimits}).
     *
     * @param limits the limits
     * @return the pipeline
     */
    public RowPipeline<R> withLimits(dev.intake.core.Limits limits) {
        return new RowPipeline<>(definition.withLimits(limits), mapper, validator, chunkSize, checkThreads, readAhead);
    }

    /**
     * @return the threads checking rows, 1 when on the caller's thread
     */
    public int checkThreads() {
        return checkThreads;
    }

    /**
     * @return whether sources are read ahead on a thread of their own
     */
    public boolean readAhead() {
        return readAhead;
    }

    /**
     * @return the definition, never null
     */
    public ImportDefinition definition() {
        return definition;
    }

    /**
     * @return the rows checked together
     */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Starts a run, or the first pass of one: reads and matches the header. Header problems are in
     * {@link PipelineRun#fileProblems()}, and then no row is read.
     *
     * @param source the source, which the run closes
     * @param context the import's context
     * @return the run
     */
    public PipelineRun<R> start(RowSource source, ImportContext context) {
        RowGraph graph = definition.rowReferences().isEmpty() ? null : new RowGraph(definition);
        return new PipelineRun<>(definition, source, context, mapper, validator, false, graph, 0, chunkSize, checkThreads,
                readAhead);
    }

    /**
     * Starts a later pass of a definition with row references over the same file: it returns only the
     * rows the first pass held back for this pass.
     *
     * @param source the source, read again from its start, which the run closes
     * @param context the import's context
     * @param graph the graph of the first pass, which read the file to its end
     * @param pass the pass, from 1 to {@code graph.passes() - 1}
     * @return the run
     * @throws IllegalArgumentException if the pass is out of range or the graph is of another definition
     */
    public PipelineRun<R> start(RowSource source, ImportContext context, RowGraph graph, int pass) {
        Objects.requireNonNull(graph, "graph must not be null");
        if (graph.definition() != definition) {
            throw new IllegalArgumentException("the graph is of definition " + graph.definition().name());
        }
        if (pass < 1 || pass >= graph.passes()) {
            throw new IllegalArgumentException("pass " + pass + " is not between 1 and " + (graph.passes() - 1));
        }
        return new PipelineRun<>(definition, source, context, mapper, validator, false, graph, pass, chunkSize, checkThreads,
                readAhead);
    }

    /**
     * Starts a run that only reads the file through (header, row count, limits, structure),
     * without checking rows: what an engine does before it writes, so that a file that cannot be
     * read to its end is rejected before any row is written. {@link PipelineRun#next()} of such a
     * run returns nothing; call {@link PipelineRun#scan(int)}.
     *
     * @param source the source, which the run closes
     * @param context the import's context
     * @return the run
     */
    public PipelineRun<R> scan(RowSource source, ImportContext context) {
        return new PipelineRun<>(definition, source, context, mapper, validator, true, null, 0, chunkSize, 1, readAhead);
    }
}
