package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Limits;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.ListSource;
import dev.intake.core.source.RowSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.ImportInterruptedException;
import dev.intake.spi.Importer;
import dev.intake.spi.RunOptions;
import dev.intake.spi.blackbox.Runs.NewRun;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryImportJournal;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once commits: the journal a commit keeps in the host's transactions, what a commit run
 * again after a crash does with it, and a file that changes while it is imported.
 */
class JournalTest {
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<NewRun> runs =
            spy(new InMemoryRecordRepository<>(transactions, run -> Optional.of(run.title())));
    private final InMemoryGroupRepository batches = new InMemoryGroupRepository(transactions);
    private final InMemoryImportJournal journal = spy(new InMemoryImportJournal(transactions));

    private Importer<NewRun> importer(CommitPolicy policy) {
        return Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(batches).transactions(transactions)
                .policy(policy).chunkSize(3).journal(journal).build();
    }

    /** Rows {@code Run 1} to {@code Run n}; every fourth one has no title, so fails its checks. */
    private static ListSource file(int rows) {
        return Runs.file(IntStream.rangeClosed(1, rows)
                .mapToObj(i -> (i % 4 == 0 ? "" : "Run " + i) + "|" + i + "|B-" + (i % 3))
                .toArray(String[]::new));
    }

    /** Makes the n-th create (from 1) crash the process. */
    private void crashAtCreate(int n) throws Exception {
        AtomicInteger creates = new AtomicInteger();
        doAnswer(invocation -> {
            if (creates.incrementAndGet() == n) {
                throw new Crash();
            }
            return invocation.callRealMethod();
        }).when(runs).create(any(), any());
    }

    private static List<Long> rows(List<WrittenRow> written) {
        return written.stream().map(WrittenRow::rowNumber).toList();
    }

    @Test
    void aCommitRunAgainAfterACrashWritesEachRowOnceAndReportsTheWholeFile() throws Exception {
        ListSource source = file(20);
        ImportReport uninterrupted = Importer.builder(Runs.DEFINITION, NewRun::of,
                        new InMemoryRecordRepository<NewRun>(new InMemoryTransactions()))
                .groups(new InMemoryGroupRepository(new InMemoryTransactions())).chunkSize(3).build().commit(source);
        crashAtCreate(8);

        catchThrowableOfType(Crash.class, () -> importer(CommitPolicy.PER_ROW).commit(source));
        // Chunks of three accepted rows: the crash in the third chunk left the first two written.
        assertThat(runs.values()).extracting(NewRun::title)
                .containsExactly("Run 1", "Run 2", "Run 3", "Run 5", "Run 6", "Run 7");

        doAnswer(invocation -> invocation.callRealMethod()).when(runs).create(any(), any());
        ImportReport resumed = importer(CommitPolicy.PER_ROW).commit(source);

        assertThat(runs.values()).extracting(NewRun::title).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 20).filter(i -> i % 4 != 0).mapToObj(i -> "Run " + i).toList());
        assertThat(rows(resumed.created())).isEqualTo(rows(uninterrupted.created()));
        assertThat(resumed.created().get(0).id()).as("ids of the rows written before come from the journal")
                .isEqualTo(Optional.of(runs.records().keySet().iterator().next()));
        assertThat(resumed.failedRows()).isEqualTo(uninterrupted.failedRows());
        assertThat(resumed.totalRows()).isEqualTo(20);
        assertThat(resumed.successCount()).isEqualTo(15);
        assertThat(resumed.groups()).containsExactlyInAnyOrder(new GroupOutcome("batch", "B-1", GroupAction.CREATE),
                new GroupOutcome("batch", "B-2", GroupAction.CREATE), new GroupOutcome("batch", "B-0", GroupAction.CREATE));
        assertThat(resumed.outcome()).isEqualTo(Outcome.PARTIAL);
    }

    @Test
    void largeChunksAreJournaledDeflatedAndReplayedWhole() throws Exception {
        ListSource source = Runs.file(IntStream.rangeClosed(1, 500)
                .mapToObj(i -> (i % 50 == 0 ? "" : "Run " + i) + "|" + i + "|B-" + (i % 3)).toArray(String[]::new));
        Importer<NewRun> importer = Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(batches)
                .transactions(transactions).chunkSize(200).journal(journal).build();
        crashAtCreate(300);
        catchThrowableOfType(Crash.class, () -> importer.commit(source));
        assertThat(runs.values()).hasSize(200);

        doAnswer(invocation -> invocation.callRealMethod()).when(runs).create(any(), any());
        ImportReport report = importer.commit(source);

        assertThat(runs.values()).hasSize(490);
        assertThat(runs.values().stream().map(NewRun::title).distinct()).hasSize(490);
        assertThat(report.created()).hasSize(490);
        assertThat(report.failedRows()).hasSize(10);
        assertThat(report.created().get(0).id()).isPresent();
    }

    @Test
    void aCompletedFileIsNotWrittenAgainUnlessTheCallerAsks() {
        ListSource source = file(6);
        importer(CommitPolicy.PER_ROW).commit(source);
        assertThat(runs.values()).hasSize(5);

        ImportReport again = importer(CommitPolicy.PER_ROW).commit(source);

        assertThat(runs.values()).hasSize(5);
        assertThat(again.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(again.committed()).isFalse();
        assertThat(again.skippedCount()).isEqualTo(6);
        assertThat(again.fileErrors()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.ALREADY_IMPORTED);
            assertThat(problem.message()).contains("(5 created, 0 updated, 1 failed); nothing was written");
        });

        ImportReport asked = importer(CommitPolicy.PER_ROW).run(source, RunOptions.commit().importAgain().build());

        assertThat(asked.created()).hasSize(5);
        assertThat(runs.values()).hasSize(10);
    }

    @Test
    void anAllOrNothingCommitIsImportedOnceToo() {
        ListSource source = Runs.file("Run A|1|B-1", "Run B|2|B-1");
        importer(CommitPolicy.ALL_OR_NOTHING).commit(source);

        ImportReport again = importer(CommitPolicy.ALL_OR_NOTHING).commit(source);

        assertThat(again.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.ALREADY_IMPORTED);
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run A", "Run B");
    }

    @Test
    void aJournalKeyMakesEachImportOfTheSameFileAnEntryOfItsOwn() {
        ListSource source = Runs.file("Run A|1|B-1");
        Importer<NewRun> importer = importer(CommitPolicy.ALL_OR_NOTHING);
        importer.run(source, RunOptions.commit().journalKey("RUN-1").build());

        ImportReport second = importer.run(source, RunOptions.commit().journalKey("RUN-2").build());
        ImportReport sameRun = importer.run(source, RunOptions.commit().journalKey("RUN-2").build());

        assertThat(second.fileErrors()).isEmpty();
        assertThat(sameRun.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.ALREADY_IMPORTED);
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run A", "Run A");
    }

    @Test
    void anAllOrNothingCommitThatCrashedIsImportedWhole() throws Exception {
        ListSource source = Runs.file("Run A|1|B-1", "Run B|2|B-1", "Run C|3|B-2");
        crashAtCreate(2);
        catchThrowableOfType(Crash.class, () -> importer(CommitPolicy.ALL_OR_NOTHING).commit(source));
        assertThat(runs.values()).isEmpty();

        doAnswer(invocation -> invocation.callRealMethod()).when(runs).create(any(), any());
        ImportReport report = importer(CommitPolicy.ALL_OR_NOTHING).commit(source);

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run A", "Run B", "Run C");
    }

    @Test
    void aResumedCommitReplaysRowsThatFailedWhileWritingAndRefusesThoseThatNowPass() throws Exception {
        // The host refuses "Run 4" while the flag is up; "Run 2" fails its write; "Run 8" crashes.
        AtomicBoolean refuseRun4 = new AtomicBoolean(true);
        ImportDefinition checked = ImportDefinition.builder("runs")
                .column(Column.text("title").required())
                .column(Column.integer("quantity"))
                .column(Column.text("batch"))
                .group("batch")
                .check((row, context, problems) -> {
                    if (refuseRun4.get() && row.text("title").equals(Optional.of("Run 4"))) {
                        problems.accept(Problem.at(ProblemCode.NOT_ALLOWED, "title", "Run 4 is on hold"));
                    }
                })
                .build();
        ListSource source = Runs.file(IntStream.rangeClosed(1, 9).mapToObj(i -> "Run " + i + "|" + i + "|B")
                .toArray(String[]::new));
        doAnswer(invocation -> {
            NewRun run = invocation.getArgument(0);
            if (run.title().equals("Run 2")) {
                throw new java.io.IOException("value too long for type character varying(5)");
            }
            if (run.title().equals("Run 8")) {
                throw new Crash();
            }
            return invocation.callRealMethod();
        }).when(runs).create(any(), any());
        Importer<NewRun> importer = Importer.builder(checked, NewRun::of, runs).groups(batches)
                .transactions(transactions).chunkSize(3).journal(journal).build();
        catchThrowableOfType(Crash.class, () -> importer.commit(source));
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run 1", "Run 3", "Run 5", "Run 6", "Run 7");

        refuseRun4.set(false);
        doAnswer(invocation -> invocation.callRealMethod()).when(runs).create(any(), any());
        ImportReport report = importer.commit(source);

        assertThat(runs.values()).extracting(NewRun::title)
                .containsExactly("Run 1", "Run 3", "Run 5", "Run 6", "Run 7", "Run 8", "Run 9");
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(3L, 5L);
        assertThat(report.failedRows().get(0).errors()).extracting(Problem::code).containsExactly(ProblemCode.WRITE_FAILED);
        assertThat(report.failedRows().get(1).errors()).extracting(Problem::code)
                .containsExactly(ProblemCode.REFUSED_BEFORE_RESUME);
        assertThat(rows(report.created())).containsExactly(2L, 4L, 6L, 7L, 8L, 9L, 10L);
        assertThat(report.groups()).containsExactly(new GroupOutcome("batch", "B", GroupAction.CREATE));
    }

    @Test
    void aFileThatChangesBetweenTheCheckAndTheWriteIsWrittenNoFurther() {
        ChangingSource source = new ChangingSource(file(12), Runs.file(IntStream.rangeClosed(1, 12)
                .mapToObj(i -> (i % 4 == 0 ? "" : "Run " + i) + "|" + (i == 9 ? 90 : i) + "|B-" + (i % 3))
                .toArray(String[]::new)));

        ImportReport report = Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(batches)
                .transactions(transactions).chunkSize(3).build().commit(source);

        // Segments of three data rows: rows 2-4 and 5-7 match what the scan read, rows 8-10 do not.
        // The first chunk was written; rows 6 and 7 waited for a full chunk, and are not written.
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run 1", "Run 2", "Run 3");
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(5L);
        assertThat(report.fileErrors()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.FILE_CHANGED);
            assertThat(problem.message()).startsWith("the file changed while it was being imported: from row 8 on");
        });
        assertThat(report.totalRows()).isEqualTo(12);
        assertThat(report.skippedCount()).isEqualTo(8);
        assertThat(report.committed()).isTrue();
    }

    @Test
    void anAllOrNothingCommitOfAFileThatChangesWritesNothing() {
        ChangingSource source = new ChangingSource(Runs.file("Run A|1|B", "Run B|2|B"),
                Runs.file("Run A|1|B", "Run B|2|B", "Run C|3|B"));

        ImportReport report = importer(CommitPolicy.ALL_OR_NOTHING).commit(source);

        assertThat(report.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.FILE_CHANGED);
        assertThat(report.committed()).isFalse();
        assertThat(runs.values()).isEmpty();
    }

    @Test
    void aJournalThatCannotRecordStopsTheImportAndItsChunkIsRolledBack() throws Exception {
        doThrow(new IllegalStateException("the journal table is full")).when(journal)
                .record(anyString(), anyString(), org.mockito.ArgumentMatchers.eq(1), anyString());

        ImportInterruptedException stopped = catchThrowableOfType(ImportInterruptedException.class,
                () -> importer(CommitPolicy.PER_ROW).commit(file(12)));

        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run 1", "Run 2", "Run 3");
        assertThat(rows(stopped.report().created())).containsExactly(2L, 3L, 4L);
        assertThat(stopped.report().fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.INTERRUPTED);
    }

    @Test
    void aJournalWhoseChunkIsNotTheNextOneIsRefused() {
        journal.begin("runs", "f", false);
        journal.record("runs", "f", 0, "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> journal.record("runs", "f", 0, "y"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another import");
    }

    /** A file whose second and later openings read other rows: someone saved it in between. */
    private static final class ChangingSource implements ImportSource {
        private final List<ImportSource> versions = new ArrayList<>();
        private int opened;

        ChangingSource(ImportSource first, ImportSource later) {
            versions.add(first);
            versions.add(later);
        }

        @Override
        public RowSource open(Limits limits) throws java.io.IOException {
            return versions.get(Math.min(opened++, 1)).open(limits);
        }

        @Override
        public String name() {
            return "runs.csv";
        }
    }
}
