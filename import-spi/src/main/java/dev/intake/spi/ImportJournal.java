package dev.intake.spi;

import java.util.Optional;

/**
 * Where a commit records, in the host's database, which rows of a file it has written: one entry
 * per importer and file content (the fingerprint of its header and rows), and in it one chunk of
 * text per transaction of rows, recorded <em>in the same transaction</em> as those rows. With a
 * journal, a commit interrupted by a crash resumes when the same file is imported again: the rows
 * journaled are reported from the journal and not written again, and the import goes on after
 * them. A file whose import completed is not written again unless the caller asks for it
 * ({@link RunOptions.Builder#importAgain()}).
 *
 * <p>The chunks are opaque text written by the importer, up to a few hundred kilobytes each; an
 * implementation stores and returns them as they are. The importer calls {@link #begin},
 * {@link #chunk} and {@link #complete} each in a transaction of the {@link TransactionBoundary},
 * and {@link #record} inside the transaction that writes the chunk's rows: an implementation must
 * write through that transaction (for JDBC, the boundary's connection), or a crash may leave rows
 * without their record, which a resumed import writes again. {@code dev.intake.jdbc.JdbcImportJournal}
 * is one for JDBC databases, {@link dev.intake.spi.memory.InMemoryImportJournal} one for tests, and
 * {@code dev.intake.testkit.ImportJournalContract} the tests every implementation must pass.
 *
 * <p>Implementations are used by one import at a time per entry; two imports of the same file at
 * once are kept apart by {@link #record} refusing a chunk number recorded already.
 */
public interface ImportJournal {

    /**
     * What the journal holds for one file.
     *
     * @param chunks the chunks recorded, numbered from 0
     * @param completed what the import came to, when it completed
     */
    record Entry(int chunks, Optional<JournalSummary> completed) {
        /** Checks the components. */
        public Entry {
            if (chunks < 0) {
                throw new IllegalArgumentException("chunks must not be negative, not " + chunks);
            }
            java.util.Objects.requireNonNull(completed, "completed must not be null");
        }
    }

    /**
     * Starts the entry of a file, or finds it: a new file gets an empty entry; an interrupted one
     * keeps its chunks, to resume from; a completed one is returned as it is, unless {@code again},
     * when its chunks are removed and it starts over as a new entry.
     *
     * @param importer the importer's name
     * @param fingerprint the file's fingerprint
     * @param again whether a completed entry starts over
     * @return the entry
     * @throws Exception if the journal cannot be read or written
     */
    Entry begin(String importer, String fingerprint, boolean again) throws Exception;

    /**
     * Records the next chunk of an entry, inside the transaction that writes its rows.
     *
     * @param importer the importer's name
     * @param fingerprint the file's fingerprint
     * @param sequence the chunk's number: the number of chunks recorded so far
     * @param chunk the chunk's text
     * @throws Exception if the journal cannot be written, or a chunk of that number was recorded
     *     already (another import of the same file is running): a chunk is never replaced
     */
    void record(String importer, String fingerprint, int sequence, String chunk) throws Exception;

    /**
     * The completed import recorded under an importer key, whichever file it was: for a host whose
     * key names one file only (an import run's id, {@link RunOptions.Builder#journalKey}), this asks
     * "was it imported?" before the file is read again, so that a run taken up after its commit and
     * before it was marked ended is ended from the journal instead of being checked a second time.
     * The latest, when several files completed under the key.
     *
     * @param importer the importer key
     * @return the completed import's summary, or empty when none completed under the key
     * @throws Exception if the journal cannot be read
     */
    Optional<JournalSummary> completed(String importer) throws Exception;

    /**
     * A chunk recorded before.
     *
     * @param importer the importer's name
     * @param fingerprint the file's fingerprint
     * @param sequence the chunk's number
     * @return its text, or empty when there is no such chunk
     * @throws Exception if the journal cannot be read
     */
    Optional<String> chunk(String importer, String fingerprint, int sequence) throws Exception;

    /**
     * Marks an entry completed: the whole file was imported.
     *
     * @param importer the importer's name
     * @param fingerprint the file's fingerprint
     * @param summary what the import came to
     * @throws IllegalStateException if the entry does not exist
     * @throws Exception if the journal cannot be written
     */
    void complete(String importer, String fingerprint, JournalSummary summary) throws Exception;
}
