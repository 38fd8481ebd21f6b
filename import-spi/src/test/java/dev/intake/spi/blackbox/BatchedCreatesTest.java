package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.blackbox.Runs.NewRun;
import dev.intake.spi.Written;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A repository that creates records together ({@code createAll}) gets the runs of new records of
 * each chunk in one call; a call that fails is undone and its rows written one by one, so exactly
 * the failing rows fail and every other row is written once.
 */
class BatchedCreatesTest {
    private static final ImportDefinition RUNS = Runs.DEFINITION;

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryGroupRepository batches = new InMemoryGroupRepository(transactions);
    private final Batching runs = new Batching(new InMemoryRecordRepository<>(transactions, run -> Optional.of(run.title())));

    /** Creates together by writing each record through the in-memory repository, and can fail on the way. */
    static final class Batching implements RecordRepository<NewRun> {
        private final InMemoryRecordRepository<NewRun> store;
        final List<List<String>> calls = new ArrayList<>();
        final List<String> singles = new ArrayList<>();
        String failing;
        boolean dropLastResult;

        Batching(InMemoryRecordRepository<NewRun> store) {
            this.store = store;
        }

        @Override
        public Written create(NewRun run, WriteContext context) throws IllegalStateException {
            singles.add(run.title());
            if (run.title().equals(failing)) {
                throw new IllegalStateException("value too long for column title");
            }
            return store.create(run, context);
        }

        @Override
        public List<Written> createAll(List<? extends NewRun> records, List<WriteContext> contexts) throws IllegalStateException {
            calls.add(records.stream().map(NewRun::title).toList());
            List<Written> written = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                // Writes what comes before the failing record, which the savepoint must undo.
                if (records.get(i).title().equals(failing)) {
                    throw new IllegalStateException("batch entry " + i + " failed");
                }
                written.add(store.create(records.get(i), contexts.get(i)));
            }
            // An immutable answer, as many repositories give (List.of rejects contains(null)).
            return List.copyOf(dropLastResult ? written.subList(0, written.size() - 1) : written);
        }

        @Override
        public Optional<String> keyOf(NewRun run) {
            return Optional.of(run.title());
        }
    }

    private Importer<NewRun> importer(CommitPolicy policy, int chunkSize) {
        return Importer.builder(RUNS, NewRun::of, runs)
                .groups(batches)
                .transactions(transactions)
                .policy(policy)
                .chunkSize(chunkSize)
                .build();
    }

    private static ListSource file(String... rows) {
        return Runs.file(rows);
    }

    private static final ListSource SEVEN = file("Run A|1|B-1", "Run B|2|B-2", "Run C|x|B-1", "Run D|4|B-1",
            "Run E|5|B-3", "Run F|6|", "Run G|7|B-2", "Run H|8|B-1");

    @Test
    void eachChunkOfNewRecordsIsCreatedInOneCall() {
        ImportReport report = importer(CommitPolicy.PER_ROW, 3).commit(SEVEN);

        assertThat(runs.calls).containsExactly(List.of("Run A", "Run B", "Run D"), List.of("Run E", "Run F", "Run G"));
        assertThat(runs.singles).containsExactly("Run H");
        assertThat(report.created()).extracting(WrittenRow::rowNumber, WrittenRow::id).containsExactly(
                tuple(2L, Optional.of("1")), tuple(3L, Optional.of("2")), tuple(5L, Optional.of("3")),
                tuple(6L, Optional.of("4")), tuple(7L, Optional.of("5")), tuple(8L, Optional.of("6")),
                tuple(9L, Optional.of("7")));
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(4L);
        assertThat(runs.store.values()).containsExactly(new NewRun("Run A", "B-1"), new NewRun("Run B", "B-2"),
                new NewRun("Run D", "B-1"), new NewRun("Run E", "B-3"), new NewRun("Run F", null),
                new NewRun("Run G", "B-2"), new NewRun("Run H", "B-1"));
        assertThat(report.groups()).extracting(GroupOutcome::key).containsExactly("B-1", "B-2", "B-3");
    }

    @Test
    void aFailingCallIsUndoneAndItsRowsWrittenOneByOne() {
        runs.failing = "Run F";

        ImportReport report = importer(CommitPolicy.PER_ROW, 3).commit(SEVEN);

        // One by one finds Run F; the chunk is then rolled back and redone without it (so that no
        // group outlives the rows that joined it), its other rows together again.
        assertThat(runs.calls).containsExactly(List.of("Run A", "Run B", "Run D"), List.of("Run E", "Run F", "Run G"),
                List.of("Run E", "Run G"));
        assertThat(runs.singles).containsExactly("Run E", "Run F", "Run G", "Run H");
        assertThat(report.failedRows()).containsExactly(
                new FailedRow(4, List.of(Problem.at(ProblemCode.INVALID_INTEGER, "quantity",
                        "quantity must be a whole number, not x"))),
                new FailedRow(7, List.of(Problem.of(ProblemCode.WRITE_FAILED, "the row could not be written; the cause is in the application log"))));
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(runs.store.values()).extracting(NewRun::title)
                .containsExactly("Run A", "Run B", "Run D", "Run E", "Run G", "Run H");
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L, 5L, 6L, 8L, 9L);
    }

    @Test
    void aCallAnsweringWithTooFewResultsFailsItsRowsAndWritesNoneOfThem() {
        runs.dropLastResult = true;

        ImportReport report;
        try (LogCapture log = new LogCapture()) {
            report = importer(CommitPolicy.PER_ROW, 3).commit(file("Run A|1|B-1", "Run B|2|B-9", "Run C|3|"));
            assertThat(log.lines()).containsExactly("import runs: rows 2 to 4 could not be written together"
                    + " <- the record repository's createAll returned 2 results for 3 records");
        }

        assertThat(report.failedRows()).extracting(FailedRow::rowNumber, r -> r.errors().get(0).message()).containsExactly(
                tuple(2L, "the row could not be written; the cause is in the application log"),
                tuple(3L, "the row could not be written; the cause is in the application log"),
                tuple(4L, "the row could not be written; the cause is in the application log"));
        assertThat(runs.store.values()).isEmpty();
        assertThat(batches.groups("batch")).isEmpty();
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void anAllOrNothingCommitCreatesTogetherAndNamesTheRowThatFailed() {
        ImportReport good = importer(CommitPolicy.ALL_OR_NOTHING, 4).commit(file("Run A|1|B-1", "Run B|2|B-2",
                "Run D|4|B-1", "Run E|5|B-3", "Run F|6|"));

        assertThat(good.committed()).isTrue();
        assertThat(runs.calls).containsExactly(List.of("Run A", "Run B", "Run D", "Run E"));
        assertThat(runs.singles).containsExactly("Run F");
        assertThat(runs.store.values()).hasSize(5);

        runs.failing = "Run Y";
        ImportReport failed = importer(CommitPolicy.ALL_OR_NOTHING, 4).commit(file("Run V|1|B-7", "Run W|2|B-8",
                "Run X|4|B-7", "Run Y|5|B-9", "Run Z|6|"));

        assertThat(failed.committed()).isFalse();
        assertThat(failed.failedRows()).containsExactly(new FailedRow(5, List.of(Problem.of(ProblemCode.WRITE_FAILED,
                "the row could not be written; the cause is in the application log"))));
        assertThat(runs.store.values()).hasSize(5);
        assertThat(batches.groups("batch")).containsOnlyKeys("B-1", "B-2", "B-3");
    }

    @Test
    void updatesAreWrittenOneByOneBetweenRunsOfNewRecords() {
        ImportDefinition upsert = ImportDefinition.builder("runs")
                .column(Column.text("title").required())
                .column(Column.integer("quantity"))
                .column(Column.text("batch"))
                .group("batch")
                .key("title")
                .mode(Mode.UPSERT)
                .build();
        InMemoryRecordRepository<NewRun> store = new InMemoryRecordRepository<>(transactions, run -> Optional.of(run.title()));
        List<Integer> calls = new ArrayList<>();
        RecordRepository<NewRun> repository = new RecordRepository<>() {
            @Override
            public Written create(NewRun run, WriteContext context) {
                return store.create(run, context);
            }

            @Override
            public List<Written> createAll(List<? extends NewRun> records, List<WriteContext> contexts) throws Exception {
                calls.add(records.size());
                return RecordRepository.super.createAll(records, contexts);
            }

            @Override
            public Optional<String> findExisting(NewRun run, WriteContext context) {
                return store.findExisting(run, context);
            }

            @Override
            public Written update(String id, NewRun run, WriteContext context) {
                return store.update(id, run, context);
            }
        };
        Importer.builder(upsert, row -> new NewRun(row.value("title", String.class).orElseThrow(), "first"), repository)
                .groups(batches).transactions(transactions).build()
                .commit(file("Run C|1|", "Run E|1|"));

        ImportReport report = Importer.builder(upsert, NewRun::of, repository)
                .groups(batches).transactions(transactions).build()
                .commit(file("Run A|1|", "Run B|1|", "Run C|1|", "Run D|1|", "Run E|1|", "Run F|1|", "Run G|1|"));

        assertThat(calls).containsExactly(2, 2, 2);
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L, 5L, 7L, 8L);
        assertThat(report.updated()).extracting(WrittenRow::rowNumber).containsExactly(4L, 6L);
        assertThat(store.values()).extracting(NewRun::title)
                .containsExactly("Run C", "Run E", "Run A", "Run B", "Run D", "Run F", "Run G");
    }
}
