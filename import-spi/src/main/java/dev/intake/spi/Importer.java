package dev.intake.spi;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.internal.Setters;
import dev.intake.core.pipeline.RecordValidator;
import dev.intake.core.pipeline.RowMapper;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.ImportSource;
import dev.intake.spi.internal.ImportRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a definition against a host's repositories: a dry run checks every row and reports what a
 * commit would do, writing nothing; a commit writes the accepted rows following the
 * {@link CommitPolicy}. Immutable and thread-safe when the host's components are: concurrent
 * imports each get their own state.
 *
 * <pre>{@code
 * Importer<NewRun> importer = Importer.builder(definition, NewRun::from, runRepository)
 *     .groups(batchRepository)
 *     .transactions(transactions)
 *     .policy(CommitPolicy.PER_ROW)
 *     .build();
 * ImportReport report = importer.commit(CsvSource.of(path));
 * }</pre>
 *
 * <p>Before a commit writes anything it reads the file through once, so that a file that cannot be
 * read to its end (malformed, too many rows, a limit exceeded) writes nothing at all.
 *
 * @param <R> the host's record type
 */
public final class Importer<R> {
    private final RowPipeline<R> pipeline;
    private final RecordRepository<? super R> records;
    private final GroupRepository groups;
    private final TransactionBoundary transactions;
    private final CommitPolicy policy;
    private final int chunkSize;
    private final List<AfterRows> phases;
    private final ImportJournal journal;
    private final int writers;
    private final WriterSession.Factory<R> sessions;

    private Importer(Builder<R> builder) {
        this.chunkSize = builder.chunkSize == 0 ? DEFAULT_CHUNK_SIZE : builder.chunkSize;
        this.pipeline = RowPipeline.of(builder.definition, builder.mapper, builder.validator).withChunkSize(chunkSize)
                .withCheckThreads(builder.checkThreads == 0 ? 1 : builder.checkThreads).withReadAhead(builder.readAhead);
        this.records = builder.records;
        this.groups = builder.groups;
        this.transactions = builder.transactions == null ? TransactionBoundary.none() : builder.transactions;
        this.policy = builder.policy == null ? CommitPolicy.PER_ROW : builder.policy;
        this.phases = List.copyOf(builder.phases);
        this.journal = builder.journal;
        this.writers = builder.writers == 0 ? 1 : builder.writers;
        this.sessions = builder.sessions;
    }

    /**
     * Rows per chunk, unless set: rows written per transaction by a per-row commit whose boundary has
     * savepoints, rows checked together (what a batched lookup is asked for at once), and rows
     * between progress reports.
     */
    public static final int DEFAULT_CHUNK_SIZE = 500;

    /**
     * Starts an importer.
     *
     * @param definition the definition
     * @param mapper turns checked rows into the host's records
     * @param records writes the records
     * @param <R> the record type
     * @return a builder
     */
    public static <R> Builder<R> builder(ImportDefinition definition, RowMapper<R> mapper,
            RecordRepository<? super R> records) {
        return new Builder<>(definition, mapper, records);
    }

    /**
     * Starts an importer whose repository receives the checked rows themselves.
     *
     * @param definition the definition
     * @param records writes the rows
     * @return a builder
     */
    public static Builder<ImportRow> builder(ImportDefinition definition, RecordRepository<? super ImportRow> records) {
        return new Builder<>(definition, RowMapper.identity(), records);
    }

    /**
     * @return the definition, never null
     */
    public ImportDefinition definition() {
        return pipeline.definition();
    }

    /**
     * @return the commit policy, never null
     */
    public CommitPolicy policy() {
        return policy;
    }

    /**
     * Checks a file and reports what a commit would do, writing nothing.
     *
     * @param source the file
     * @return the report, never null
     * @throws ImportInterruptedException if a host lookup fails
     */
    public ImportReport dryRun(ImportSource source) {
        return run(source, RunOptions.dryRun().build());
    }

    /**
     * Checks a file and writes its accepted rows.
     *
     * @param source the file
     * @return the report, never null
     * @throws ImportInterruptedException if a host lookup fails
     */
    public ImportReport commit(ImportSource source) {
        return run(source, RunOptions.commit().build());
    }

    /**
     * Runs an import.
     *
     * @param source the file
     * @param mode dry run or commit
     * @param context the request's context, passed to lookups, checks and repositories
     * @return the report, never null
     * @throws ImportInterruptedException if a host lookup fails
     */
    public ImportReport run(ImportSource source, RunMode mode, ImportContext context) {
        return run(source, RunOptions.of(mode).context(context).build());
    }

    /**
     * Runs an import that reports its progress and may be cancelled.
     *
     * @param source the file
     * @param mode dry run or commit
     * @param context the request's context, passed to lookups, checks and repositories
     * @param progress follows the import and may cancel it
     * @return the report, never null
     * @throws ImportInterruptedException if a host lookup, default or check fails; the import
     *     stops there, and in a per-row commit the chunks committed before stay written
     */
    public ImportReport run(ImportSource source, RunMode mode, ImportContext context, ImportProgress progress) {
        return run(source, RunOptions.of(mode).context(context).progress(progress).build());
    }

    /**
     * Runs an import as the options say: dry run or commit, the mode the run chooses among those
     * the definition allows (another is {@code INVALID_REQUEST}, and nothing is read), the request's
     * context, and the progress listener.
     *
     * @param source the file
     * @param options how to run
     * @return the report, never null
     * @throws ImportInterruptedException if a host lookup, default, check or the sink fails; the
     *     import stops there, in a per-row commit the chunks committed before stay written, and the
     *     exception's report says which rows they were
     */
    public ImportReport run(ImportSource source, RunOptions options) {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(options, "options must not be null");
        RowPipeline<R> run = options.limits().map(pipeline::withLimits).orElse(pipeline);
        return new ImportRun<>(run, records, groups, transactions, options.policy().orElse(policy), chunkSize,
                phases, journal, options, writers, sessions).run(source);
    }

    /**
     * Builds an {@link Importer}. Each setter may be called once. Not thread-safe.
     *
     * @param <R> the record type
     */
    public static final class Builder<R> {
        private final ImportDefinition definition;
        private final RowMapper<R> mapper;
        private final RecordRepository<? super R> records;
        private GroupRepository groups;
        private TransactionBoundary transactions;
        private CommitPolicy policy;
        private RecordValidator<? super R> validator;
        private int chunkSize;
        private int checkThreads;
        private boolean readAhead = true;
        private final List<AfterRows> phases = new ArrayList<>();
        private ImportJournal journal;
        private int writers;
        private WriterSession.Factory<R> sessions;

        private Builder(ImportDefinition definition, RowMapper<R> mapper, RecordRepository<? super R> records) {
            this.definition = Objects.requireNonNull(definition, "definition must not be null");
            this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
            this.records = Objects.requireNonNull(records, "records must not be null");
        }

        /**
         * Sets the repository of find-or-create groups; required when the definition declares groups.
         *
         * @param value the repository
         * @return this builder
         */
        public Builder<R> groups(GroupRepository value) {
            groups = once(groups, value, "group repository");
            return this;
        }

        /**
         * Sets the transaction boundary. Default: {@link TransactionBoundary#none()}.
         *
         * @param value the boundary
         * @return this builder
         */
        public Builder<R> transactions(TransactionBoundary value) {
            transactions = once(transactions, value, "transaction boundary");
            return this;
        }

        /**
         * Sets the commit policy. Default: {@link CommitPolicy#PER_ROW}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder<R> policy(CommitPolicy value) {
            policy = once(policy, value, "commit policy");
            return this;
        }

        /**
         * Sets how many rows a per-row commit writes in one transaction. Each row still succeeds or
         * fails on its own through a savepoint; when a chunk's commit fails, each of its rows is
         * reported {@code WRITE_FAILED}. A boundary without savepoints gets one transaction per row
         * whatever the size. Default: {@link Importer#DEFAULT_CHUNK_SIZE}.
         *
         * @param value rows per transaction, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if the value is below 1
         */
        public Builder<R> chunkSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("chunkSize must be 1 or more, not " + value);
            }
            if (chunkSize != 0) {
                throw new IllegalStateException("the chunk size is already set");
            }
            chunkSize = value;
            return this;
        }

        /**
         * Checks rows on {@code threads} threads at once: a chunk of rows per thread, while the
         * caller's thread decides keys repeated in the file and writes, in file order. The report
         * is the one a run on one thread gives, row for row. Definitions with row references are
         * checked on one thread whatever this says. Opt-in, because the definition's lookups,
         * defaults and row checks, the mapper and the validator are then called from several threads
         * at once and must be thread-safe: a lookup on a JDBC connection that the import also writes
         * on, for instance, must hold the connection while it reads (a connection serves one
         * statement at a time). Default: 1, rows checked on the thread that runs the import. Check
         * threads pay on machines of more than two cores: on two, reading ahead already keeps both
         * busy and check threads, handing rows between cores, lose (the benchmarks' README has the
         * figures).
         *
         * @param threads threads checking rows, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if threads is below 1
         * @throws IllegalStateException if already set
         */
        public Builder<R> checkThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("checkThreads must be 1 or more, not " + threads);
            }
            if (checkThreads != 0) {
                throw new IllegalStateException("the check threads are already set");
            }
            checkThreads = threads;
            return this;
        }

        /**
         * Writes the chunks of a per-row commit with {@code count} writers at once, each a thread
         * with a {@link WriterSession} of its own (typically a connection of its own): while one
         * chunk is being written the next ones are too. Chunks commit in file order, so the rows
         * committed are always the file's first ones and a {@link #journal journal} resumes as with
         * one writer; a group is created by the first chunk that writes a row joining it, as with one
         * writer. The report is the one a single writer gives, row for row, except the ids (and keys
         * made from them) that the repositories hand out, which come in the order chunks reach the
         * database. An all-or-nothing commit and a dry run are not changed by it, and definitions
         * with row references are written by one writer whatever this says.
         *
         * <p>The builder's own repositories and transactions still serve the rest of the import:
         * matching nothing, they start and complete the journal's entry and run the phases after
         * the rows. Opt-in, because the host must give each writer its own session, and because
         * a chunk's writes must not wait for locks a later chunk of the same file holds for long:
         * a chunk that waits for its turn to commit longer than a second (or twice the slowest chunk
         * so far) rolls back and is written again once the chunks before it committed, which undoes
         * such a wait, at the price of writing the chunk twice. Sequences and distinct keys, as the
         * examples use, never wait. Progress counts a row done once its chunk's outcome is in, so with
         * writers it lags the rows read by up to {@code 2 * count} chunks. Default: one writer, the
         * builder's repositories.
         *
         * @param count writers, 1 or more
         * @param sessions opens each writer's session when a commit starts writing; closed when it ends
         * @return this builder
         * @throws IllegalArgumentException if count is below 1
         * @throws IllegalStateException if already set
         */
        public Builder<R> writers(int count, WriterSession.Factory<R> sessions) {
            if (count < 1) {
                throw new IllegalArgumentException("writers must be 1 or more, not " + count);
            }
            if (writers != 0) {
                throw new IllegalStateException("the writers are already set");
            }
            writers = count;
            this.sessions = Objects.requireNonNull(sessions, "sessions must not be null");
            return this;
        }

        /**
         * Whether the file is read (parsed) on a thread of its own, a few hundred rows ahead of the
         * checking, which overlaps parsing with everything else. Safe for any source: a source is
         * used by one thread at a time. Default: true.
         *
         * @param ahead false to read the file on the thread that runs the import
         * @return this builder
         */
        public Builder<R> readAhead(boolean ahead) {
            readAhead = ahead;
            return this;
        }

        /**
         * Adds a phase that runs after the rows, such as relationships between the records they
         * wrote; phases run in the order added and their results are added up in the report's
         * {@code relationships}. The phase is skipped when the rows hit a file or request problem.
         *
         * @param phase the phase
         * @return this builder
         */
        public Builder<R> afterRows(AfterRows phase) {
            phases.add(Objects.requireNonNull(phase, "phase must not be null"));
            return this;
        }

        /**
         * Sets the journal in which a commit records the rows it wrote, in the host's database and in
         * the transaction of each chunk, so that it can resume exactly where a crash stopped it: a
         * commit of a file the journal holds unfinished (same importer, same content) reports the
         * rows journaled from the journal, writes none of them again, and imports the rest; a commit
         * of a file the journal holds completed writes nothing and says
         * {@code ALREADY_IMPORTED}, unless {@link RunOptions.Builder#importAgain()}. Needs a
         * transaction boundary that the journal writes through. Default: none (a commit run again
         * after a crash writes every row again).
         *
         * @param value the journal
         * @return this builder
         */
        public Builder<R> journal(ImportJournal value) {
            journal = once(journal, value, "journal");
            return this;
        }

        /**
         * Validates mapped records, e.g. with {@code BeanValidation.of(validator)}. Default: none.
         *
         * @param value the validator
         * @return this builder
         */
        public Builder<R> validator(RecordValidator<? super R> value) {
            validator = once(validator, value, "validator");
            return this;
        }

        /**
         * Builds the importer.
         *
         * @return the importer
         * @throws IllegalStateException if the definition declares groups and no group repository was set
         */
        public Importer<R> build() {
            if (!definition.groups().isEmpty() && groups == null) {
                throw new IllegalStateException("definition " + definition.name() + " declares groups "
                        + definition.groups() + " but no group repository was set");
            }
            return new Importer<>(this);
        }

        private static <V> V once(V current, V value, String what) {
            return Setters.once(current, value, what);
        }
    }
}
