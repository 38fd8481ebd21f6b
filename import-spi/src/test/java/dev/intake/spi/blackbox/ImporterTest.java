package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriteContext;
import dev.intake.spi.blackbox.Runs.NewRun;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.InvocationOnMock;

class ImporterTest {
    private static final ImportDefinition RUNS = Runs.DEFINITION;

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<NewRun> runs =
            spy(new InMemoryRecordRepository<>(transactions, run -> Optional.of(run.title())));
    private final InMemoryGroupRepository batches = new InMemoryGroupRepository(transactions);

    private Importer<NewRun> importer(CommitPolicy policy) {
        return Importer.builder(RUNS, NewRun::of, runs)
                .groups(batches)
                .transactions(transactions)
                .policy(policy)
                .build();
    }

    private static ListSource file(String... rows) {
        return Runs.file(rows);
    }

    private static final ListSource MIXED = file("Run A|1|B-1", "Run B|x|B-2", "Run C|3|B-1", "Run D|4|B-old");

    @Test
    void aDryRunReportsWhatACommitWouldDoAndWritesNothing() {
        batches.add("batch", "B-old");

        ImportReport report = importer(CommitPolicy.PER_ROW).dryRun(MIXED);

        assertThat(report.mode()).isEqualTo(RunMode.DRY_RUN);
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(report.committed()).isFalse();
        assertThat(report.created()).containsExactly(
                new WrittenRow(2, Optional.empty(), Optional.of("Run A")),
                new WrittenRow(4, Optional.empty(), Optional.of("Run C")),
                new WrittenRow(5, Optional.empty(), Optional.of("Run D")));
        assertThat(report.failedRows()).containsExactly(new FailedRow(3, List.of(
                Problem.at(ProblemCode.INVALID_INTEGER, "quantity", "quantity must be a whole number, not x"))));
        assertThat(report.groups()).containsExactly(
                new GroupOutcome("batch", "B-1", GroupAction.CREATE), new GroupOutcome("batch", "B-old", GroupAction.FOUND));
        assertThat(runs.values()).isEmpty();
        assertThat(batches.groups("batch")).containsOnlyKeys("B-old");
    }

    @Test
    void aPerRowCommitWritesTheGoodRowsAndCreatesEachGroupOnce() {
        batches.add("batch", "B-old");

        ImportReport report = importer(CommitPolicy.PER_ROW).commit(MIXED);

        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(report.committed()).isTrue();
        assertThat(report.totalRows()).isEqualTo(4);
        assertThat(report.successCount()).isEqualTo(3);
        assertThat(report.errorCount()).isEqualTo(1);
        assertThat(report.created()).extracting(WrittenRow::rowNumber, WrittenRow::id, WrittenRow::key).containsExactly(
                tuple(2L, Optional.of("1"), Optional.of("Run A")),
                tuple(4L, Optional.of("2"), Optional.of("Run C")),
                tuple(5L, Optional.of("3"), Optional.of("Run D")));
        assertThat(report.groups()).containsExactly(
                new GroupOutcome("batch", "B-1", GroupAction.CREATE), new GroupOutcome("batch", "B-old", GroupAction.FOUND));
        assertThat(runs.values()).containsExactly(
                new NewRun("Run A", "B-1"), new NewRun("Run C", "B-1"), new NewRun("Run D", "B-old"));
        assertThat(batches.groups("batch")).containsOnlyKeys("B-old", "B-1");
    }

    @Test
    void theSameFileGivesTheSameRowOutcomesAsDryRunAndAsCommit() {
        ImportReport dry = importer(CommitPolicy.PER_ROW).dryRun(MIXED);
        ImportReport commit = importer(CommitPolicy.PER_ROW).commit(MIXED);

        assertThat(commit.created()).extracting(WrittenRow::rowNumber)
                .isEqualTo(dry.created().stream().map(WrittenRow::rowNumber).toList());
        assertThat(commit.failedRows()).isEqualTo(dry.failedRows());
        assertThat(commit.groups()).isEqualTo(dry.groups());
    }

    @Test
    void aRowWhoseWriteFailsIsWriteFailedAndLeavesNoGroupBehind() throws Exception {
        doAnswer(failFor("Run C")).when(runs).create(any(), any());
        ListSource source = file("Run A|1|B-1", "Run C|3|B-2", "Run E|5|");

        ImportReport report;
        try (LogCapture log = new LogCapture()) {
            report = importer(CommitPolicy.PER_ROW).commit(source);
            assertThat(log.lines()).containsExactly("import runs: row 3 could not be written"
                    + " <- duplicate key value violates unique constraint\n  Detail: Key (title)=(x)");
        }

        assertThat(report.failedRows()).containsExactly(new FailedRow(3, List.of(Problem.of(ProblemCode.WRITE_FAILED,
                "the row could not be written; the cause is in the application log"))));
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 4L);
        assertThat(report.groups()).containsExactly(new GroupOutcome("batch", "B-1", GroupAction.CREATE));
        assertThat(batches.groups("batch")).containsOnlyKeys("B-1");
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run A", "Run E");
    }

    @Test
    void aGroupCreatedByARowThatFailedIsCreatedByTheNextRowThatJoinsIt() throws Exception {
        doAnswer(failFor("Run A")).when(runs).create(any(), any());

        ImportReport report = importer(CommitPolicy.PER_ROW).commit(file("Run A|1|B-1", "Run B|2|B-1"));

        assertThat(report.groups()).containsExactly(new GroupOutcome("batch", "B-1", GroupAction.CREATE));
        assertThat(batches.groups("batch")).containsOnlyKeys("B-1");
        assertThat(runs.values()).containsExactly(new NewRun("Run B", "B-1"));
    }

    @Test
    void anAllOrNothingCommitWithAnInvalidRowWritesNothing() {
        ImportReport report = importer(CommitPolicy.ALL_OR_NOTHING).commit(MIXED);

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.committed()).isFalse();
        assertThat(report.created()).isEmpty();
        assertThat(report.groups()).isEmpty();
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(3L);
        assertThat(report.totalRows()).isEqualTo(4);
        assertThat(report.successCount() + report.errorCount()).isEqualTo(4);
        assertThat(runs.values()).isEmpty();
        assertThat(batches.groups("batch")).isEmpty();
    }

    @Test
    void anAllOrNothingCommitWhoseLastWriteFailsWritesNothing() throws Exception {
        doAnswer(failFor("Run D")).when(runs).create(any(), any());

        ImportReport report = importer(CommitPolicy.ALL_OR_NOTHING)
                .commit(file("Run A|1|B-1", "Run B|2|B-2", "Run C|3|B-1", "Run D|4|B-3"));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.committed()).isFalse();
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber, r -> r.errors().get(0).code())
                .containsExactly(tuple(5L, ProblemCode.WRITE_FAILED));
        assertThat(report.created()).isEmpty();
        assertThat(runs.values()).isEmpty();
        assertThat(batches.groups("batch")).isEmpty();
    }

    @Test
    void anAllOrNothingCommitOfAGoodFileWritesEveryRowInOneTransaction() {
        ImportReport report = importer(CommitPolicy.ALL_OR_NOTHING).commit(file("Run A|1|B-1", "Run B|2|B-1"));

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.committed()).isTrue();
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L);
        assertThat(report.groups()).containsExactly(new GroupOutcome("batch", "B-1", GroupAction.CREATE));
        assertThat(runs.values()).hasSize(2);
    }

    @Test
    void everyRowFailingIsAFailedImport() {
        ImportReport report = importer(CommitPolicy.PER_ROW).commit(file("|1|", "|2|"));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.committed()).isFalse();
        assertThat(report.errorCount()).isEqualTo(2);
    }

    @Test
    void writersSeeTheGroupIdsOfTheirRow() throws Exception {
        RecordRepository<ImportRow> seen = new RecordRepository<>() {
            @Override
            public dev.intake.spi.Written create(ImportRow row, WriteContext context) {
                assertThat(context.groupId("batch")).isEqualTo(batches.find("batch", "B-1"));
                assertThat(context.rowNumber()).isEqualTo(2);
                return dev.intake.spi.Written.of("r" + context.rowNumber());
            }
        };
        ImportReport report = Importer.builder(RUNS, seen).groups(batches).transactions(transactions).build()
                .commit(file("Run A|1|B-1"));

        assertThat(report.created()).containsExactly(new WrittenRow(2, Optional.of("r2"), Optional.empty()));
    }

    @Test
    void aRequestTheHostRefusesIsRejectedBeforeTheFileIsOpened() {
        ImportDefinition guarded = ImportDefinition.builder("runs")
                .column(Column.text("title"))
                .requestCheck((context, problems) -> {
                    if (context.caller().isEmpty()) {
                        problems.accept(Problem.of(ProblemCode.NOT_AUTHORIZED, "sign in to import runs"));
                    }
                })
                .build();
        ImportSource unopenable = Runs.unopenable("runs.csv");
        Importer<ImportRow> importer = Importer.builder(guarded, new InMemoryRecordRepository<ImportRow>(transactions))
                .build();

        ImportReport report = importer.run(unopenable, RunMode.COMMIT, ImportContext.empty());

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.fileErrors()).containsExactly(Problem.of(ProblemCode.NOT_AUTHORIZED, "sign in to import runs"));
        assertThat(importer.run(ListSource.of("runs.csv", List.of("title"), List.of(List.of("Run A"))), RunMode.DRY_RUN, ImportContext.builder().caller("ada@example.com").build())
                .outcome()).isEqualTo(Outcome.SUCCESS);
    }

    /** The in-memory boundary, failing the commit of the given transactions (1 is the first). */
    private TransactionBoundary failingCommits(java.util.Set<Integer> failing, boolean savepoints) {
        int[] count = {0};
        return new TransactionBoundary() {
            @Override
            public <T> T inTransaction(Work<T> work) throws Exception {
                int number = ++count[0];
                return transactions.inTransaction(() -> {
                    T result = work.run();
                    if (failing.contains(number)) {
                        throw new java.io.IOException("connection reset during commit");
                    }
                    return result;
                });
            }

            @Override
            public boolean supportsSavepoints() {
                return savepoints;
            }

            @Override
            public <T> T inSavepoint(Work<T> work) throws Exception {
                return transactions.inSavepoint(work);
            }
        };
    }

    private Importer<NewRun> chunked(TransactionBoundary boundary, int chunkSize) {
        return Importer.builder(RUNS, NewRun::of, runs)
                .groups(batches)
                .transactions(boundary)
                .chunkSize(chunkSize)
                .build();
    }

    @Test
    void aChunkWhoseCommitFailsReportsEachOfItsRowsAndKeepsTheChunksBefore() {
        ListSource source = file("Run A|1|B-1", "Run B|2|B-2", "Run C|x|B-3", "Run D|4|B-2", "Run E|5|B-4");

        ImportReport report = chunked(failingCommits(java.util.Set.of(2), true), 2).commit(source);

        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L);
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber, r -> r.errors().get(0).code(),
                r -> r.errors().get(0).message()).containsExactly(
                tuple(4L, ProblemCode.INVALID_INTEGER, "quantity must be a whole number, not x"),
                tuple(5L, ProblemCode.WRITE_FAILED,
                        "the row was written but its transaction could not be committed; the cause is in the application log"),
                tuple(6L, ProblemCode.WRITE_FAILED,
                        "the row was written but its transaction could not be committed; the cause is in the application log"));
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run A", "Run B");
        assertThat(batches.groups("batch")).containsOnlyKeys("B-1", "B-2");
        assertThat(report.groups()).extracting(GroupOutcome::key).containsExactly("B-1", "B-2");
    }

    @Test
    void withoutSavepointsEachRowHasATransactionOfItsOwn() throws Exception {
        doAnswer(failFor("Run B")).when(runs).create(any(), any());

        ImportReport report = chunked(failingCommits(java.util.Set.of(3), false), 100)
                .commit(file("Run A|1|B-1", "Run B|2|B-2", "Run C|3|B-3", "Run D|4|B-1"));

        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 5L);
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber, r -> r.errors().get(0).message()).containsExactly(
                tuple(3L, "the row could not be written; the cause is in the application log"),
                tuple(4L, "the row could not be written; the cause is in the application log"));
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run A", "Run D");
        assertThat(batches.groups("batch")).containsOnlyKeys("B-1");
    }

    @Test
    void chunkSizesGiveTheSameReport() {
        ListSource source = file("Run A|1|B-1", "Run B|x|B-2", "Run C|3|B-1", "Run D|4|B-3", "Run E|5|B-3");

        ImportReport one = chunked(transactions, 1).commit(source);
        List<NewRun> written = runs.values();
        ImportReport three = chunked(new InMemoryTransactions(), 3).commit(source);

        assertThat(three.created()).extracting(WrittenRow::rowNumber)
                .isEqualTo(one.created().stream().map(WrittenRow::rowNumber).toList());
        assertThat(three.failedRows()).isEqualTo(one.failedRows());
        assertThat(written).hasSize(4);
    }

    @Test
    void aChunkSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> Importer.builder(RUNS, new InMemoryRecordRepository<ImportRow>(transactions)).chunkSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chunkSize must be 1 or more, not 0");
    }

    @Test
    void aDefinitionWithGroupsNeedsAGroupRepository() {
        assertThatThrownBy(() -> Importer.builder(RUNS, new InMemoryRecordRepository<ImportRow>(transactions)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("definition runs declares groups [batch] but no group repository was set");
    }

    @Test
    void aRolledBackTransactionUndoesEveryInMemoryWrite() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            runs.create(new NewRun("x", null), null);
            batches.findOrCreate("batch", "B-9");
            throw new IllegalStateException("abort");
        })).hasMessage("abort");

        assertThat(runs.records()).isEqualTo(Map.of());
        assertThat(batches.groups("batch")).isEmpty();
    }

    private static org.mockito.stubbing.Answer<Object> failFor(String title) {
        return (InvocationOnMock invocation) -> {
            NewRun run = invocation.getArgument(0);
            if (run.title().equals(title)) {
                throw new java.io.IOException("duplicate key value violates unique constraint\n  Detail: Key (title)=(x)");
            }
            return invocation.callRealMethod();
        };
    }

    @Test
    void aHostFailureStopsTheImportAndItsReportSaysWhatWasWritten() {
        ImportDefinition checked = ImportDefinition.builder("runs")
                .column(Column.text("title").required())
                .column(Column.integer("quantity"))
                .column(Column.text("batch"))
                .group("batch")
                .check((row, context, problems) -> {
                    if (row.rowNumber() == 4) {
                        throw new java.io.IOException("connection to the catalogue lost");
                    }
                })
                .build();
        Importer<NewRun> importer = Importer.builder(checked, NewRun::of, runs).groups(batches)
                .transactions(transactions).chunkSize(1).build();

        dev.intake.spi.ImportInterruptedException stopped = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.intake.spi.ImportInterruptedException.class,
                () -> importer.commit(file("Run A|1|B-1", "Run B|2|B-1", "Run C|3|B-1", "Run D|4|B-1")));

        assertThat(stopped.rowNumber()).hasValue(4);
        ImportReport report = stopped.report();
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L);
        assertThat(report.committed()).isTrue();
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(report.fileErrors()).containsExactly(Problem.of(ProblemCode.INTERRUPTED, "the import stopped at row 4"
                + " because a part of the application failed; the cause is in the application log. The rows listed as"
                + " created or updated were written; the others were not."));
        assertThat(runs.values()).extracting(NewRun::title).containsExactly("Run A", "Run B");
    }
}
