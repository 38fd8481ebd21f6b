package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.spi.ImportJournal;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriterSession;

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
 * @param writers how many writers a per-row commit has: 1, or several with {@code sessions}
 * @param sessions opens a session for each of several writers, or null
 * @param <R> the host's record type
 */
record Parts<R>(RowPipeline<R> pipeline, RecordRepository<? super R> records, TransactionBoundary transactions,
        ImportContext context, int chunkSize, Tally tally, Failures failures, Groups groups,
        ExistingRecords<R> existing, RowWriter<R> writer, Phases phases, ImportJournal journal, boolean importAgain,
        String journalKey, int writers, WriterSession.Factory<R> sessions) {

    /** @return a chunk writer on the import's own repositories and transactions */
    ChunkWriter<R> newChunkWriter() {
        return new ChunkWriter<>(transactions, existing, groups, writer, failures);
    }

    /**
     * @param session a writer's session
     * @param sessionGroups the groups, finding and creating through the session
     * @return a chunk writer on the session's repositories and transactions
     */
    ChunkWriter<R> newChunkWriter(WriterSession<R> session, Groups sessionGroups) {
        return new ChunkWriter<>(session.transactions(), existing.forRecords(session.records()), sessionGroups,
                writer.forWriter(session.records(), session.transactions(), sessionGroups), failures);
    }
}
