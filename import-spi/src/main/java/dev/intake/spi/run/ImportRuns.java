package dev.intake.spi.run;

import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ReportSink;
import dev.intake.core.result.WrittenRow;
import dev.intake.spi.ImportProgress;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Import runs: a file submitted against a saved definition is stored and a run created at once
 * ({@code CREATED}); a worker executes it later ({@code RUNNING}, its counts growing) through the
 * host's {@link RunWork}, saves its results and ends it {@code COMPLETE} or {@code ERROR}. A run not
 * started may be cancelled; results older than the retention period are deleted and their runs
 * {@code EXPIRED}.
 *
 * <pre>{@code
 * ImportRuns runs = ImportRuns.builder(runStore, runFiles, work)
 *     .retention(Duration.ofDays(60))
 *     .build();                       // workers in this process; or .queue(id -> scheduler.schedule(...))
 * runs.recover();                     // at start-up: take up what was queued or running
 * Run run = runs.submit(definitionId, creator, true, "parts.csv", "CSV", Optional.empty(), out -> upload.transferTo(out));
 * }</pre>
 *
 * <p>Where the work is handed out is the host's choice: by default a pool of worker threads in this
 * process; a host with several instances on one database hands runs to a cluster-safe scheduler
 * with {@link Builder#queue(Consumer)}, whose task calls {@link #execute(String)}. The store's
 * transitions make a run start once, whoever asks. Thread-safe.
 */
public final class ImportRuns implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ImportRuns.class.getName());
    /** How long the in-process workers wait before taking up a run whose attempt failed. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final RunStore store;
    private final RunFiles files;
    private final RunWork work;
    private final Clock clock;
    private final Duration retention;
    private final Consumer<String> queue;
    private final ExecutorService workers;
    private final int maxAttempts;

    private ImportRuns(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.store = builder.store;
        this.files = builder.files;
        this.work = builder.work;
        this.clock = builder.clock;
        this.retention = builder.retention;
        if (builder.queue != null) {
            this.workers = null;
            this.queue = builder.queue;
        } else {
            this.workers = Executors.newFixedThreadPool(builder.workers, runnable -> {
                Thread thread = new Thread(runnable, "intake-run-worker");
                thread.setDaemon(true);
                return thread;
            });
            this.queue = id -> workers.execute(() -> executeLogged(id));
        }
    }

    /**
     * Starts building.
     *
     * @param store where runs are kept
     * @param files where their files are kept
     * @param work how the host executes a run
     * @return a builder
     */
    public static Builder builder(RunStore store, RunFiles files, RunWork work) {
        return new Builder(store, files, work);
    }

    /**
     * Submits a file: stores it, creates its run ({@code CREATED}) and queues it.
     *
     * @param definition the definition's id
     * @param creator who submits it
     * @param commit whether the run writes
     * @param fileName the file's name
     * @param fileType its type, as the host names it
     * @param worksheet the worksheet to read, for a workbook
     * @param content the file's content
     * @return the run as created
     * @throws Exception if the file or the run cannot be stored (nothing is kept then)
     */
    public Run submit(String definition, String creator, boolean commit, String fileName, String fileType,
            Optional<String> worksheet, RunFiles.Content content) throws Exception {
        String file = files.save(fileName, content);
        Run run;
        try {
            run = store.create(new NewRun(definition, creator, commit, file, fileName, fileType, worksheet), clock.instant());
        } catch (Exception | Error e) {
            files.delete(file);
            throw e;
        }
        queue.accept(run.id());
        return run;
    }

    /**
     * Executes a run, as a worker does: starts it (or takes it up again), runs the host's work, saves
     * its results, ends it. A run that may not start (cancelled, ended, unknown) is left as it is.
     *
     * @param id the run's id
     * @throws Exception if the work or the store fails before the run's last attempt: the run stays
     *     {@code RUNNING}, to be taken up again; on its last attempt the run ends {@code ERROR} instead
     */
    public void execute(String id) throws Exception {
        Optional<Run> started = store.start(id, clock.instant());
        if (started.isEmpty()) {
            return;
        }
        Run run = started.get();
        if (run.attempts() > maxAttempts) {
            // every attempt before this one ended without a word: its worker was killed or ran out of memory
            fail(run, "it was started " + (run.attempts() - 1) + " times and its worker stopped each time"
                    + " before it ended (the process was killed or ran out of memory)");
            return;
        }
        try {
            Counts counts = new Counts(id);
            RunWork.Result result = work.execute(run, counts, counts::around);
            String results = files.save(resultsName(run), result.results());
            store.finish(id, result.passed() ? RunStatus.COMPLETE : RunStatus.ERROR, result.total(), result.success(),
                    result.error(), results, clock.instant());
        } catch (Exception | Error e) {
            if (run.attempts() < maxAttempts) {
                throw e;
            }
            LOG.log(System.Logger.Level.ERROR, "import run " + id + " failed on its last attempt ("
                    + run.attempts() + " of " + maxAttempts + "); it ends ERROR", e);
            fail(run, "it failed " + run.attempts() + " times; the last time: " + reason(e));
            return;
        }
        files.delete(run.file());
    }

    /**
     * Ends a running run {@code ERROR} with a results file that says why; when even that file
     * cannot be saved, the run ends without one. The submitted file is deleted.
     */
    private void fail(Run run, String reason) throws Exception {
        String results = null;
        try {
            results = files.save(resultsName(run), work.failure(run, reason));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "the results of failed import run " + run.id() + " cannot be saved", e);
        }
        store.finish(run.id(), RunStatus.ERROR, run.totalCount(), run.successCount(), run.errorCount(), results,
                clock.instant());
        files.delete(run.file());
    }

    /** What failed, in a line a user may read: the kind of failure, never a stack or a path. */
    private static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "the server ran out of memory";
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            return "a file could not be read or written on the server";
        }
        if (e.getClass().getName().startsWith("java.sql.")) {
            return "the database failed";
        }
        return "the server failed (" + e.getClass().getSimpleName() + "); the cause is in the application log";
    }

    private void executeLogged(String id) {
        try {
            execute(id);
        } catch (Exception | Error e) {
            LOG.log(System.Logger.Level.ERROR, "import run " + id + " failed; it is taken up again in "
                    + RETRY_AFTER.toSeconds() + " seconds, until its last attempt", e);
            java.util.concurrent.CompletableFuture.delayedExecutor(RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> {
                        if (!workers.isShutdown()) {
                            queue.accept(id);
                        }
                    });
        }
    }

    private static String resultsName(Run run) {
        int dot = run.fileName().lastIndexOf('.');
        return (dot < 0 ? run.fileName() : run.fileName().substring(0, dot)) + "-results"
                + (dot < 0 ? "" : run.fileName().substring(dot));
    }

    /**
     * Cancels a run that has not started.
     *
     * @param id the run's id
     * @return true when it was cancelled; false when it had started, ended or does not exist
     * @throws Exception if the store fails
     */
    public boolean cancel(String id) throws Exception {
        Optional<Run> run = store.find(id);
        if (run.isEmpty() || !store.cancel(id, clock.instant())) {
            return false;
        }
        files.delete(run.get().file());
        return true;
    }

    /**
     * Deletes the results of runs that ended more than the retention period ago and marks them
     * {@code EXPIRED}. A host calls it on a schedule; {@link #find} and {@link #list} expire the runs
     * they show in between.
     *
     * @return how many runs expired
     * @throws Exception if the store or the files fail
     */
    public int expire() throws Exception {
        Instant now = clock.instant();
        List<Run> ended = store.endedBefore(now.minus(retention));
        for (Run run : ended) {
            expire(run, now);
        }
        return ended.size();
    }

    private void expire(Run run, Instant now) throws Exception {
        if (run.results().isPresent()) {
            files.delete(run.results().get());
        }
        files.delete(run.file());
        store.expire(run.id(), now);
    }

    /** A run as it stands: expired first when its results are past the retention period. */
    private Run current(Run run) throws Exception {
        Instant now = clock.instant();
        boolean due = (run.status() == RunStatus.COMPLETE || run.status() == RunStatus.ERROR)
                && run.endedAt().isPresent() && run.endedAt().get().isBefore(now.minus(retention));
        if (!due) {
            return run;
        }
        expire(run, now);
        return store.find(run.id()).orElse(run);
    }

    /**
     * Queues again every run not ended (queued or running when the host stopped). A host with the
     * in-process workers calls it at start-up; a cluster-safe scheduler recovers its own.
     *
     * @return how many runs were queued
     * @throws Exception if the store fails
     */
    public int recover() throws Exception {
        List<Run> unfinished = store.unfinished();
        for (Run run : unfinished) {
            queue.accept(run.id());
        }
        return unfinished.size();
    }

    /**
     * A run as it stands: one whose results are past the retention period is expired first, so that
     * between two calls of {@link #expire()} no run shows results it should no longer have.
     *
     * @param id its id
     * @return the run, if there is one
     * @throws Exception if the store or the files fail
     */
    public Optional<Run> find(String id) throws Exception {
        Optional<Run> run = store.find(id);
        return run.isEmpty() ? run : Optional.of(current(run.get()));
    }

    /**
     * The runs of a definition as they stand (see {@link #find}), newest first.
     *
     * @param definition the definition's id
     * @return its runs
     * @throws Exception if the store or the files fail
     */
    public List<Run> list(String definition) throws Exception {
        List<Run> runs = new java.util.ArrayList<>();
        for (Run run : store.list(definition)) {
            runs.add(current(run));
        }
        return runs;
    }

    /**
     * A run's results file, while it has one.
     *
     * @param run the run
     * @return its content, or empty when the run has no results (not ended, cancelled, expired)
     * @throws IOException if the file cannot be read
     */
    public Optional<InputStream> results(Run run) throws IOException {
        if (run.results().isEmpty() || run.status() == RunStatus.EXPIRED) {
            return Optional.empty();
        }
        return Optional.of(files.open(run.results().get()));
    }

    /**
     * @return the retention period
     */
    public Duration retention() {
        return retention;
    }

    /** Stops the in-process workers, waiting a little for the runs they execute. */
    @Override
    public void close() throws InterruptedException {
        if (workers != null) {
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** A running run's counts: rows read from the progress, rows passed and failed from the sink. */
    private final class Counts implements ImportProgress {
        private final String id;
        private final AtomicLong read = new AtomicLong();
        private final AtomicLong passed = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();

        Counts(String id) {
            this.id = id;
        }

        @Override
        public void rows(long rowsRead, long rowsDone) {
            read.set(rowsRead);
            try {
                store.progress(id, rowsRead, passed.get(), failed.get());
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "the counts of run " + id + " could not be recorded", e);
            }
        }

        ReportSink around(ReportSink sink) {
            return new ReportSink() {
                @Override
                public void created(WrittenRow row) {
                    passed.incrementAndGet();
                    sink.created(row);
                }

                @Override
                public void updated(WrittenRow row) {
                    passed.incrementAndGet();
                    sink.updated(row);
                }

                @Override
                public void failed(FailedRow row) {
                    failed.incrementAndGet();
                    sink.failed(row);
                }
            };
        }
    }

    /** Builds {@link ImportRuns}. */
    public static final class Builder {
        private final RunStore store;
        private final RunFiles files;
        private final RunWork work;
        private Clock clock = Clock.systemUTC();
        private Duration retention = Duration.ofDays(60);
        private Consumer<String> queue;
        private int workers = 1;
        private int maxAttempts = 3;

        private Builder(RunStore store, RunFiles files, RunWork work) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            this.files = Objects.requireNonNull(files, "files must not be null");
            this.work = Objects.requireNonNull(work, "work must not be null");
        }

        /**
         * Sets the clock runs are dated by, e.g. a fixed one in tests. Default: UTC system clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock must not be null");
            return this;
        }

        /**
         * Sets how long results are kept after a run ends. Default: 60 days.
         *
         * @param value the period
         * @return this builder
         */
        public Builder retention(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("retention must be positive, not " + value);
            }
            retention = value;
            return this;
        }

        /**
         * Sets how many worker threads execute runs in this process. Default: 1.
         *
         * @param value the number of workers
         * @return this builder
         */
        public Builder workers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("workers must be 1 or more, not " + value);
            }
            workers = value;
            return this;
        }

        /**
         * Hands runs to the host's scheduler instead of workers in this process: it is given each
         * run's id to execute ({@link ImportRuns#execute(String)}) once, on whichever instance.
         *
         * @param value queues a run's id
         * @return this builder
         */
        public Builder queue(Consumer<String> value) {
            queue = Objects.requireNonNull(value, "queue must not be null");
            return this;
        }

        /**
         * Sets how many times a run is started before it ends {@code ERROR}: a run whose work throws
         * is taken up again (by the host's scheduler, or at start-up) until its last attempt, which
         * ends it {@code ERROR} with the reason in its results; a run whose worker died (killed, out of
         * memory) counts that attempt too, so no run stays {@code RUNNING} for ever. Default: 3.
         *
         * @param value attempts, 1 or more
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAttempts must be 1 or more, not " + value);
            }
            maxAttempts = value;
            return this;
        }

        /** @return the runs */
        public ImportRuns build() {
            return new ImportRuns(this);
        }
    }
}
