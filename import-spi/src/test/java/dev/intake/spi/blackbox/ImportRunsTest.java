package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ReportSink;
import dev.intake.core.result.RunMode;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.RunOptions;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryRunFiles;
import dev.intake.spi.memory.InMemoryRunStore;
import dev.intake.spi.memory.InMemoryTransactions;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.Run;
import dev.intake.spi.run.RunStatus;
import dev.intake.spi.run.RunWork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Import runs: submitted at once, executed by a worker, counted while running, ended COMPLETE or
 * ERROR with results, cancelled before they start, taken up again after a crash, expired after the
 * retention period by a clock the test moves.
 */
class ImportRunsTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final TestClock clock = new TestClock();
    private final InMemoryRunStore store = new InMemoryRunStore();
    private final InMemoryRunFiles files = new InMemoryRunFiles();
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<Runs.NewRun> written = new InMemoryRecordRepository<>(transactions);
    private final Importer<Runs.NewRun> importer = Importer.builder(Runs.DEFINITION, Runs.NewRun::of, written)
            .groups(new InMemoryGroupRepository(transactions)).transactions(transactions)
            .policy(CommitPolicy.ALL_OR_NOTHING).chunkSize(2).build();
    private final List<String> queued = new ArrayList<>();
    private final List<Long> countsSeen = new ArrayList<>();
    private final AtomicInteger crashes = new AtomicInteger();

    /** The host's work: the upload's lines are title|quantity|batch rows; the results list each row's problems. */
    private final RunWork work = (run, progress, counting) -> {
        if (crashes.getAndDecrement() > 0) {
            throw new IOException("the database went away");
        }
        String[] lines;
        try (InputStream in = files.open(run.file())) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
        List<FailedRow> failed = new ArrayList<>();
        ReportSink sink = counting.apply(new ReportSink() {
            @Override
            public void failed(FailedRow row) {
                failed.add(row);
            }
        });
        ImportReport report = importer.run(Runs.file(lines), RunOptions.of(run.commit() ? RunMode.COMMIT : RunMode.DRY_RUN)
                .progress(new dev.intake.spi.ImportProgress() {
                    @Override
                    public void rows(long read, long done) {
                        progress.rows(read, done);
                        countsSeen.add(store.find(run.id()).orElseThrow().totalCount());
                    }
                }).sink(sink).build());
        boolean passed = report.errorCount() == 0 && report.fileErrors().isEmpty();
        return new RunWork.Result(passed, report.totalRows(), report.successCount(), report.errorCount(), out -> {
            for (int i = 0; i < lines.length; i++) {
                long rowNumber = i + 2;
                String problems = String.join("; ", failed.stream().filter(f -> f.rowNumber() == rowNumber)
                        .flatMap(f -> f.errors().stream()).map(Problem::message).toList());
                out.write((lines[i] + "|" + problems + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    };

    private ImportRuns runs() {
        return ImportRuns.builder(store, files, work).clock(clock).retention(Duration.ofDays(60)).queue(queued::add).build();
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Run submit(ImportRuns runs, boolean commit, String... rows) throws Exception {
        return runs.submit("DEF-1", "hwalker@example.com", commit, "runs.txt", "TEXT", Optional.empty(),
                out -> out.write(String.join("\n", rows).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSubmittedRunIsCreatedAtOnceThenExecutedAndEndsCompleteWithItsResults() throws Exception {
        ImportRuns runs = runs();
        Run run = submit(runs, true, "Run A|1|B-1", "Run B|2|B-1", "Run C|3|B-2", "Run D|4|B-2", "Run E|5|B-3");

        assertThat(run.status()).isEqualTo(RunStatus.CREATED);
        assertThat(run.number()).isEqualTo(1);
        assertThat(queued).containsExactly(run.id());
        assertThat(written.values()).isEmpty();

        clock.pass(Duration.ofSeconds(3));
        runs.execute(run.id());

        Run ended = runs.find(run.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(ended.startedAt()).contains(run.createdAt().plusSeconds(3));
        assertThat(List.of(ended.totalCount(), ended.successCount(), ended.errorCount())).containsExactly(5L, 5L, 0L);
        assertThat(written.values()).hasSize(5);
        assertThat(read(runs.results(ended).orElseThrow())).startsWith("Run A|1|B-1|\nRun B|2|B-1|\n");
        assertThat(countsSeen).as("the counts grew while it ran").contains(2L, 4L);
        assertThat(files.size()).as("the upload is gone, the results kept").isEqualTo(1);
        assertThat(submit(runs, false, "Run F|1|B").number()).isEqualTo(2);
        assertThat(runs.list("DEF-1")).extracting(Run::number).containsExactly(2L, 1L);
    }

    @Test
    void aCommitRunWithOneBadRowWritesNothingAndEndsInErrorWithTheProblemInItsResults() throws Exception {
        ImportRuns runs = runs();
        Run run = submit(runs, true, "Run A|1|B-1", "Run B|many|B-1", "Run C|3|B-2");

        runs.execute(run.id());

        Run ended = runs.find(run.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(RunStatus.ERROR);
        assertThat(List.of(ended.totalCount(), ended.successCount(), ended.errorCount())).containsExactly(3L, 2L, 1L);
        assertThat(written.values()).isEmpty();
        assertThat(read(runs.results(ended).orElseThrow()).split("\n")).containsExactly("Run A|1|B-1|",
                "Run B|many|B-1|quantity must be a whole number, not many", "Run C|3|B-2|");
    }

    @Test
    void aValidateOnlyRunWritesNothing() throws Exception {
        ImportRuns runs = runs();
        Run run = submit(runs, false, "Run A|1|B-1");
        runs.execute(run.id());
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(written.values()).isEmpty();
    }

    @Test
    void onlyARunNotStartedIsCancelledAndItNeverRuns() throws Exception {
        ImportRuns runs = runs();
        Run waiting = submit(runs, true, "Run A|1|B-1");
        Run done = submit(runs, true, "Run B|1|B-1");
        runs.execute(done.id());

        assertThat(runs.cancel(waiting.id())).isTrue();
        runs.execute(waiting.id());
        assertThat(runs.find(waiting.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.results(runs.find(waiting.id()).orElseThrow())).isEmpty();
        assertThat(runs.cancel(done.id())).isFalse();
        assertThat(runs.cancel("NOSUCHRUN")).isFalse();
        assertThat(written.values()).extracting(Runs.NewRun::title).containsExactly("Run B");
    }

    @Test
    void aRunInterruptedBeforeItEndedIsTakenUpAgainAndWritesEachRowOnce() throws Exception {
        ImportRuns runs = runs();
        Run run = submit(runs, true, "Run A|1|B-1", "Run B|2|B-1");
        crashes.set(1);

        assertThatThrownBy(() -> runs.execute(run.id())).hasMessage("the database went away");
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        queued.clear();

        // the host starts again
        assertThat(runs().recover()).isEqualTo(1);
        assertThat(queued).containsExactly(run.id());
        runs.execute(run.id());

        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(written.values()).extracting(Runs.NewRun::title).containsExactly("Run A", "Run B");
        assertThat(runs().recover()).isZero();
    }

    @Test
    void aRunWhoseWorkFailsOnEveryAttemptEndsErrorWithTheReasonInItsResults() throws Exception {
        ImportRuns runs = runs();
        Run run = submit(runs, true, "Run A|1|B-1");
        crashes.set(3);

        assertThatThrownBy(() -> runs.execute(run.id())).hasMessage("the database went away");
        assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThatThrownBy(() -> runs.execute(run.id())).hasMessage("the database went away");
        assertThat(runs.find(run.id()).orElseThrow().attempts()).isEqualTo(2);
        runs.execute(run.id());

        Run ended = runs.find(run.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(RunStatus.ERROR);
        assertThat(ended.attempts()).isEqualTo(3);
        assertThat(read(runs.results(ended).orElseThrow())).isEqualTo("The import could not be executed: it failed 3"
                + " times; the last time: a file could not be read or written on the server\n");
        assertThat(written.values()).isEmpty();
        assertThat(files.size()).as("the upload is gone, the results kept").isEqualTo(1);
        assertThat(runs.recover()).isZero();
    }

    @Test
    void aRunWhoseWorkerDiedOnEveryAttemptEndsErrorInsteadOfRunningForEver() throws Exception {
        ImportRuns runs = ImportRuns.builder(store, files, work).clock(clock).queue(queued::add).maxAttempts(2).build();
        Run run = submit(runs, true, "Run A|1|B-1");
        // two workers took it up and died without a word (killed, out of memory)
        store.start(run.id(), clock.instant());
        store.start(run.id(), clock.instant());

        runs.execute(run.id());

        Run ended = runs.find(run.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(RunStatus.ERROR);
        assertThat(read(runs.results(ended).orElseThrow())).isEqualTo("The import could not be executed: it was started"
                + " 2 times and its worker stopped each time before it ended (the process was killed or ran out of"
                + " memory)\n");
        assertThat(written.values()).as("the work did not run a third time").isEmpty();
        assertThatThrownBy(() -> ImportRuns.builder(store, files, work).maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts must be 1 or more, not 0");
    }

    @Test
    void resultsAreKeptSixtyDaysAfterTheRunEndsThenDeletedAndTheRunExpired() throws Exception {
        ImportRuns runs = runs();
        Run older = submit(runs, false, "Run A|1|B-1");
        runs.execute(older.id());
        clock.pass(Duration.ofDays(2));
        Run newer = submit(runs, false, "Run B|1|B-1");
        runs.execute(newer.id());

        clock.pass(Duration.ofDays(59));
        assertThat(runs.expire()).isEqualTo(1);

        Run expired = runs.find(older.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo(RunStatus.EXPIRED);
        assertThat(expired.resultsExpiredAt()).contains(clock.instant());
        assertThat(runs.results(expired)).isEmpty();
        Run kept = runs.find(newer.id()).orElseThrow();
        assertThat(kept.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(read(runs.results(kept).orElseThrow())).isEqualTo("Run B|1|B-1|\n");
        assertThat(files.size()).isEqualTo(1);

        clock.pass(Duration.ofDays(2));
        assertThat(runs.expire()).isEqualTo(1);
        assertThat(runs.find(newer.id()).orElseThrow().status()).isEqualTo(RunStatus.EXPIRED);
        assertThat(files.size()).isZero();
    }

    @Test
    void workersInThisProcessExecuteSubmittedRuns() throws Exception {
        try (ImportRuns runs = ImportRuns.builder(store, files, work).clock(clock).workers(2).build()) {
            Run first = submit(runs, true, "Run A|1|B-1");
            Run second = submit(runs, true, "Run B|1|B-1");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(ended(runs, first) && ended(runs, second)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(runs.find(first.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(runs.find(second.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);
        }
        assertThat(written.values()).hasSize(2);
    }

    private static boolean ended(ImportRuns runs, Run run) throws Exception {
        return runs.find(run.id()).orElseThrow().status().isEnded();
    }
}
