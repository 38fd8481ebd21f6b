package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.spi.ImportJournal;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;

/**
 * What every strategy of one import works with.
 *
 * @param pipeline checks the rows
 * @param records the host's record repository
 * @param transactions the host's transaction boundary
 * @param context the request's context
 * @param chunkSize rows between progress reports, and rows per transaction of a per-row commit
 * @param tally counts, progress and cancellation
 * @param failures turns host failures into problems, and logs their causes
 * @param groups the find-or-create groups
 * @param existing matches rows to existing records under the run's mode
 * @param writer writes accepted rows inside a transaction
 * @param phases the phases after the rows
 * @param journal where a commit records the rows it wrote, or null
 * @param importAgain whether a file the journal says was imported is imported again
 * @param journalKey the name the journal records the import under
 * @param <R> the host's record type
 */
record Parts<R>(RowPipeline<R> pipeline, RecordRepository<? super R> records, TransactionBoundary transactions,
        ImportContext context, int chunkSize, Tally tally, Failures failures, Groups groups,
        ExistingRecords<R> existing, RowWriter<R> writer, Phases phases, ImportJournal journal, boolean importAgain,
        String journalKey) {
}
