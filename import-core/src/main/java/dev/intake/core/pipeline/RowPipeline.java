package dev.intake.core.pipeline;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.source.RowSource;
import java.util.Objects;

/**
 * Runs a definition over a {@link RowSource}: reads the header, matches it, then checks row after row
 * as the caller pulls them ({@link PipelineRun#next()}), keeping only what the semantics need across
 * the file (the keys seen). Nothing here writes anywhere; the import service of {@code import-spi}
 * drives a pipeline and writes what it accepts.
 *
 * <p>Immutable and thread-safe; each {@link #start(RowSource, ImportContext)} gets its own state.
 *
 * @param <R> the host's record type
 */
public final class RowPipeline<R> {
    private final ImportDefinition definition;
    private final RowMapper<R> mapper;
    private final RecordValidator<? super R> validator;

    private RowPipeline(ImportDefinition definition, RowMapper<R> mapper, RecordValidator<? super R> validator) {
        this.definition = definition;
        this.mapper = mapper;
        this.validator = validator;
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
                Objects.requireNonNull(mapper, "mapper must not be null"), validator);
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
     * @return the definition, never null
     */
    public ImportDefinition definition() {
        return definition;
    }

    /**
     * Starts a run: reads and matches the header. Header problems are in
     * {@link PipelineRun#fileProblems()}, and then no row is read.
     *
     * @param source the source, which the run closes
     * @param context the import's context
     * @return the run
     */
    public PipelineRun<R> start(RowSource source, ImportContext context) {
        return new PipelineRun<>(definition, source, context, mapper, validator, false);
    }

    /**
     * Starts a run that only reads the file through (header, row count, limits, structure),
     * without checking rows: what an engine does before it writes, so that a file that cannot be
     * read to its end is rejected before any row is written. {@link PipelineRun#next()} of such a
     * run returns nothing; call {@link PipelineRun#scanToEnd()}.
     *
     * @param source the source, which the run closes
     * @param context the import's context
     * @return the run
     */
    public PipelineRun<R> scan(RowSource source, ImportContext context) {
        return new PipelineRun<>(definition, source, context, mapper, validator, true);
    }
}
