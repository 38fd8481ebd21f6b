package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.ImportInterruptedException;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.RunOptions;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriteContext;
import dev.intake.spi.WriterSession;
import dev.intake.spi.Written;
import dev.intake.spi.blackbox.Runs.NewRun;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryImportJournal;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Several writers of a per-row commit ({@code Importer.Builder.writers}): the report is the one a
 * single writer gives, chunks commit in file order (so a crash leaves the file's first chunks and
 * the journal resumes), a group is created by the first chunk that writes a row joining it, a failing
 * writer stops the import, and a chunk holding a lock an earlier chunk waits for gives way.
 */
class WritersTest {
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryGroupRepository batches = new InMemoryGroupRepository(transactions);
    private final InMemoryImportJournal journal = spy(new InMemoryImportJournal(transactions));
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<String> writerThreads = Collections.synchronizedList(new ArrayList<>());

    /**
     * Runs; a title containing {@code bad} fails to be written, and creates sleep a little now and
     * then, so that chunks finish out of order.
     */
    private static final class SlowRuns implements RecordRepository<NewRun> {
        private final InMemoryRecordRepository<NewRun> records;
        private final AtomicInteger creates = new AtomicInteger();
        private volatile int crashAt = -1;

        SlowRuns(InMemoryTransactions transactions) {
            records = new InMemoryRecordRepository<>(transactions, run -> Optional.of(run.title()));
        }

        @Override
        public Written create(NewRun record, WriteContext context) throws Exception {
            if (creates.incrementAndGet() == crashAt) {
                throw new Crash();
            }
            if (record.title().contains("bad")) {
                throw new IllegalStateException("no such thing as a bad run");
            }
            if (ThreadLocalRandom.current().nextInt(40) == 0) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(1, 4));
            }
            return records.create(record, context);
        }

        @Override
        public Optional<String> keyOf(NewRun record) {
            return records.keyOf(record);
        }
    }

    /** The same import with one writer, on repositories of its own. */
    private record OneWriter(SlowRuns runs, InMemoryGroupRepository batches, Importer.Builder<NewRun> importer) {
        static OneWriter make() {
            InMemoryTransactions transactions = new InMemoryTransactions();
            SlowRuns runs = new SlowRuns(transactions);
            InMemoryGroupRepository batches = new InMemoryGroupRepository(transactions);
            return new OneWriter(runs, batches, Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(batches)
                    .transactions(transactions).chunkSize(25));
        }
    }

    private WriterSession<NewRun> session(RecordRepository<NewRun> runs) {
        opened.incrementAndGet();
        return WriterSession.of(runs, batches, transactions, journal, closed::incrementAndGet);
    }

    private Importer.Builder<NewRun> importer(RecordRepository<NewRun> runs, int writers) {
        Importer.Builder<NewRun> builder = Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(batches)
                .transactions(transactions).chunkSize(25);
        return writers == 1 ? builder : builder.writers(writers, () -> {
            writerThreads.add(Thread.currentThread().getName());
            return session(runs);
        });
    }

    /**
     * Rows {@code Run i}: every seventh fails its checks (no title), every eleventh fails to be
     * written; batches B-0 to B-9, and batch {@code Lonely} joined by a run that fails to be written
     * (run 3, row 4 of the file) and, 40 rows later, one that is written. Run i is row i + 1.
     */
    private static ListSource file(int rows) {
        return Runs.file(IntStream.rangeClosed(1, rows).mapToObj(i -> (i % 7 == 0 ? "" : i % 11 == 0 || i == 3
                ? "Run bad " + i : "Run " + i) + "|" + i + "|" + (i == 3 || i == 43 ? "Lonely" : "B-" + i % 10))
                .toArray(String[]::new));
    }

    /** A report without the ids the repositories handed out, which come in the order chunks were written. */
    /** Every row kept in the report, however many. */
    private static final RunOptions ALL_ROWS = RunOptions.commit().keepRows(100_000).build();

    private static List<Long> createdRows(ImportReport report) {
        return report.created().stream().map(WrittenRow::rowNumber).toList();
    }

    private static List<Optional<String>> createdKeys(ImportReport report) {
        return report.created().stream().map(WrittenRow::key).toList();
    }

    @Test
    void fourWritersReportRowForRowWhatOneWriterReports() {
        ListSource source = file(2_000);
        OneWriter alone = OneWriter.make();
        ImportReport one = alone.importer().build().run(source, ALL_ROWS);
        SlowRuns runs = new SlowRuns(transactions);

        ImportReport four = importer(runs, 4).build().run(source, ALL_ROWS);

        assertThat(createdRows(four)).hasSize(2_000 - 285 - 157).isEqualTo(createdRows(one));
        assertThat(createdKeys(four)).isEqualTo(createdKeys(one));
        assertThat(four.failedRows()).isEqualTo(one.failedRows());
        assertThat(four.failedRows()).filteredOn(row -> row.rowNumber() == 4).containsExactly(new FailedRow(4, List.of(Problem.of(ProblemCode.WRITE_FAILED,
                "the row could not be written; the cause is in the application log"))));
        assertThat(four.groups()).isEqualTo(one.groups());
        assertThat(four.groups()).contains(new GroupOutcome("batch", "Lonely", GroupAction.CREATE));
        assertThat(four.successCount()).isEqualTo(one.successCount());
        assertThat(four.outcome()).isEqualTo(one.outcome());
        assertThat(runs.records.values()).containsExactlyInAnyOrderElementsOf(alone.runs().records.values());
        assertThat(batches.groups("batch").keySet()).isEqualTo(alone.batches().groups("batch").keySet());
        assertThat(writerThreads).hasSize(4).containsOnly(Thread.currentThread().getName());
        assertThat(opened).hasValue(4);
        assertThat(closed).hasValue(4);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("intake-writer"));
    }

    @Test
    void aGroupIsCreatedByTheFirstChunkThatWritesARowJoiningIt() {
        // Row 4 joins Lonely in the first chunk and fails; row 44, in the second chunk, creates it.
        ImportReport report = importer(new SlowRuns(transactions), 3).build().commit(file(60));

        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).contains(4L);
        assertThat(report.created()).extracting(WrittenRow::rowNumber).contains(44L);
        assertThat(report.groups()).containsOnlyOnce(new GroupOutcome("batch", "Lonely", GroupAction.CREATE));
        assertThat(batches.groups("batch")).containsKey("Lonely");
    }

    @Test
    void aCrashLeavesTheFilesFirstChunksAndTheJournalResumesWithSeveralWriters() throws Exception {
        ListSource source = file(600);
        ImportReport uninterrupted = OneWriter.make().importer().build().commit(source);
        SlowRuns runs = new SlowRuns(transactions);
        runs.crashAt = 300;

        catchThrowableOfType(Crash.class, () -> importer(runs, 3).journal(journal).build().commit(source));

        // Whatever order the writers finished in, what committed is the file's first rows.
        List<Long> committed = runs.records.values().stream().map(run -> Long.parseLong(run.title().substring(4)) + 1)
                .sorted().toList();
        assertThat(committed).isNotEmpty().isEqualTo(createdRows(uninterrupted).subList(0, committed.size()));
        assertThat(closed).hasValue(3);

        runs.crashAt = -1;
        ImportReport resumed = importer(runs, 3).journal(journal).build().commit(source);

        assertThat(createdRows(resumed)).isEqualTo(createdRows(uninterrupted));
        assertThat(createdKeys(resumed)).isEqualTo(createdKeys(uninterrupted));
        assertThat(resumed.failedRows()).isEqualTo(uninterrupted.failedRows());
        assertThat(resumed.groups()).containsExactlyInAnyOrderElementsOf(uninterrupted.groups());
        assertThat(runs.records.values()).hasSize(uninterrupted.created().size());
    }

    @Test
    void aWriterThatFailsStopsTheImportAndTheChunksAfterItRollBack() throws Exception {
        AtomicInteger records = new AtomicInteger();
        doAnswer(invocation -> {
            if (invocation.<Integer>getArgument(2) == 2) {
                throw new IllegalStateException("the journal's table is gone");
            }
            records.incrementAndGet();
            return invocation.callRealMethod();
        }).when(journal).record(anyString(), anyString(), anyInt(), anyString());
        SlowRuns runs = new SlowRuns(transactions);

        ImportInterruptedException stopped = catchThrowableOfType(ImportInterruptedException.class,
                () -> importer(runs, 4).journal(journal).build().commit(file(400)));

        // Chunks 0 and 1 committed (25 accepted rows each: runs 1 to 58 with a title); chunk 2 failed;
        // the ones after it rolled back.
        List<Long> firstTwoChunks = IntStream.rangeClosed(1, 58).filter(i -> i % 7 != 0 && i % 11 != 0 && i != 3)
                .mapToObj(i -> i + 1L).toList();
        assertThat(records).hasValue(2);
        assertThat(createdRows(stopped.report())).isEqualTo(firstTwoChunks);
        assertThat(runs.records.values()).hasSize(firstTwoChunks.size());
        assertThat(stopped.report().fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.INTERRUPTED);
        assertThat(closed).hasValue(4);
    }

    @Test
    void aChunkHoldingALockAnEarlierChunkWaitsForGivesWayAndIsWrittenAgain() {
        // Rows 2 and 5 take the same lock (a unique serial, say): chunk 2 (rows 4-6) takes it first and
        // waits for its turn to commit while chunk 1 waits for the lock.
        CountDownLatch secondHoldsTheLock = new CountDownLatch(1);
        Locks locks = new Locks();
        InMemoryRecordRepository<NewRun> stored = new InMemoryRecordRepository<>(transactions);
        RecordRepository<NewRun> runs = new RecordRepository<>() {
            @Override
            public Written create(NewRun record, WriteContext context) throws Exception {
                long row = Long.parseLong(record.title().substring(4));
                if (row == 1 && secondHoldsTheLock.getCount() > 0) {
                    assertThat(secondHoldsTheLock.await(20, TimeUnit.SECONDS)).isTrue();
                }
                String serial = row == 2 || row == 5 ? "SN-X" : "SN-" + row;
                locks.lock(serial);
                if (row == 5) {
                    secondHoldsTheLock.countDown();
                }
                if (stored.values().stream().anyMatch(run -> run.batch().equals(serial))) {
                    throw new IllegalStateException("serial " + serial + " exists");
                }
                return stored.create(new NewRun(record.title(), serial), context);
            }

            @Override
            public Optional<String> keyOf(NewRun record) {
                return Optional.empty();
            }
        };
        TransactionBoundary releasing = new TransactionBoundary() {
            @Override
            public <T> T inTransaction(Work<T> work) throws Exception {
                try {
                    return transactions.inTransaction(work);
                } finally {
                    locks.releaseAll();
                }
            }

            @Override
            public boolean supportsSavepoints() {
                return true;
            }

            @Override
            public <T> T inSavepoint(Work<T> work) throws Exception {
                return transactions.inSavepoint(work);
            }
        };
        Importer<NewRun> importer = Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(batches)
                .transactions(releasing).chunkSize(3)
                .writers(2, () -> WriterSession.of(runs, batches, releasing, null, () -> { }))
                .build();

        long started = System.nanoTime();
        ImportReport report = importer.commit(Runs.file(IntStream.rangeClosed(1, 9)
                .mapToObj(i -> "Run " + i + "|" + i + "|B" + i).toArray(String[]::new)));

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(15);
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L, 4L, 5L, 7L, 8L, 9L, 10L);
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(6L);
        assertThat(stored.values()).extracting(NewRun::batch).containsExactlyInAnyOrder("SN-1", "SN-X", "SN-3", "SN-4",
                "SN-6", "SN-7", "SN-8", "SN-9");
    }

    /** Cancels once 200 rows were read for writing. */
    private static RunOptions cancelledAfter200Rows() {
        ImportProgress progress = new ImportProgress() {
            private long read;
            private boolean writing;

            @Override
            public void phase(Phase phase) {
                writing = phase == Phase.WRITING;
            }

            @Override
            public void rows(long rowsRead, long rowsDone) {
                read = rowsRead;
            }

            @Override
            public boolean cancelled() {
                return writing && read >= 200;
            }
        };
        return RunOptions.commit().progress(progress).build();
    }

    @Test
    void aCancelledCommitWithSeveralWritersKeepsWhatOneWriterKeeps() {
        ListSource source = file(1_000);
        OneWriter alone = OneWriter.make();
        ImportReport one = alone.importer().build().run(source, cancelledAfter200Rows());
        SlowRuns runs = new SlowRuns(transactions);

        ImportReport three = importer(runs, 3).build().run(source, cancelledAfter200Rows());

        assertThat(one.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.CANCELLED);
        assertThat(three.fileErrors()).isEqualTo(one.fileErrors());
        assertThat(createdRows(three)).isNotEmpty().isEqualTo(createdRows(one));
        assertThat(three.failedRows()).isEqualTo(one.failedRows());
        assertThat(three.skippedCount()).isEqualTo(one.skippedCount()).isPositive();
        assertThat(runs.records.values()).containsExactlyInAnyOrderElementsOf(alone.runs().records.values());
    }

    @Test
    void aSessionThatCannotBeOpenedStopsTheCommitBeforeAnyRowIsWritten() {
        SlowRuns runs = new SlowRuns(transactions);
        AtomicInteger sessions = new AtomicInteger();
        Importer<NewRun> importer = Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(batches)
                .transactions(transactions).writers(3, () -> {
                    if (sessions.incrementAndGet() == 3) {
                        throw new IllegalStateException("the pool is exhausted");
                    }
                    return session(runs);
                }).build();

        ImportInterruptedException stopped = catchThrowableOfType(ImportInterruptedException.class,
                () -> importer.commit(file(50)));

        assertThat(stopped).hasMessageContaining("opening a writer's session failed");
        assertThat(stopped.report().created()).isEmpty();
        assertThat(runs.records.values()).isEmpty();
        assertThat(closed).as("the sessions opened are closed").hasValue(2);
    }

    @Test
    void aJournalNeedsTheSessionsToWriteInIt() {
        SlowRuns runs = new SlowRuns(transactions);
        Importer<NewRun> importer = Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(batches)
                .transactions(transactions).journal(journal)
                .writers(2, () -> WriterSession.of(runs, batches, transactions, null, () -> { })).build();

        assertThatThrownBy(() -> importer.commit(file(10))).isInstanceOf(ImportInterruptedException.class)
                .hasMessageContaining("the importer has a journal and a writer's session has none");
        assertThat(runs.records.values()).isEmpty();
    }

    @Test
    void writersAreOneOrMore() {
        assertThatThrownBy(() -> importer(new SlowRuns(transactions), 1).writers(0, () -> session(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("writers must be 1 or more, not 0");
    }

    @Test
    void anAllOrNothingCommitKeepsOneTransactionAndOpensNoSession() {
        SlowRuns runs = new SlowRuns(transactions);
        ImportReport report = importer(runs, 3).policy(CommitPolicy.ALL_OR_NOTHING).build()
                .commit(Runs.file(IntStream.rangeClosed(1, 100).mapToObj(i -> "Run " + i + "|" + i + "|B").toArray(String[]::new)));

        assertThat(opened).hasValue(0);
        assertThat(report.created()).hasSize(100);
        assertThat(runs.records.values()).hasSize(100);
    }

    /** Locks held until the end of the transaction of the thread that took them, as a database holds row locks. */
    private static final class Locks {
        private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
        private final ThreadLocal<List<ReentrantLock>> held = ThreadLocal.withInitial(ArrayList::new);

        void lock(String key) throws InterruptedException {
            ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
            if (!lock.tryLock(20, TimeUnit.SECONDS)) {
                throw new AssertionError("deadlock: " + key + " was held for 20 seconds");
            }
            held.get().add(lock);
        }

        void releaseAll() {
            held.get().forEach(ReentrantLock::unlock);
            held.get().clear();
        }
    }
}
