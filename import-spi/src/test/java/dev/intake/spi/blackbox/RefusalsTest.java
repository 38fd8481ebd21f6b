package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.RowRefusedException;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import dev.intake.spi.blackbox.Runs.NewRun;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A repository refuses a row with the problem its user should read, not the database's words. */
class RefusalsTest {
    private static final Problem TAKEN = Problem.at(ProblemCode.DUPLICATE_KEY, "title",
            "title Run B belongs to a run of another line; choose another title");

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<NewRun> store =
            new InMemoryRecordRepository<>(transactions, run -> Optional.of(run.title()));
    private final InMemoryGroupRepository batches = new InMemoryGroupRepository(transactions);
    private final List<Integer> batchSizes = new ArrayList<>();

    private final RecordRepository<NewRun> refusing = new RecordRepository<>() {
        @Override
        public Written create(NewRun run, WriteContext context) {
            if (run.title().equals("Run B")) {
                throw new RowRefusedException(TAKEN);
            }
            return store.create(run, context);
        }

        @Override
        public List<Written> createAll(List<? extends NewRun> runs, List<WriteContext> contexts) throws Exception {
            batchSizes.add(runs.size());
            return RecordRepository.super.createAll(runs, contexts);
        }
    };

    private Importer<NewRun> importer(CommitPolicy policy) {
        return Importer.builder(Runs.DEFINITION, NewRun::of, refusing).groups(batches).transactions(transactions)
                .policy(policy).build();
    }

    @Test
    void aRefusedRowFailsWithTheRepositorysOwnProblemAndTheOthersAreWritten() {
        try (LogCapture log = new LogCapture()) {
            ImportReport report = importer(CommitPolicy.PER_ROW).commit(Runs.file("Run A|1|B-1", "Run B|2|B-2", "Run C|3|B-1"));

            assertThat(report.failedRows()).containsExactly(new FailedRow(3, List.of(TAKEN)));
            assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 4L);
            assertThat(store.values()).extracting(NewRun::title).containsExactly("Run A", "Run C");
            assertThat(batches.groups("batch")).containsOnlyKeys("B-1");
            assertThat(batchSizes).as("written together, then one by one to find the refused row, then together again")
                    .containsExactly(3, 2);
            assertThat(log.lines()).as("a refusal is the user's problem, not a failure to log").isEmpty();
        }
    }

    @Test
    void aRefusalEndsAnAllOrNothingCommitNamingTheRow() {
        ImportReport report = importer(CommitPolicy.ALL_OR_NOTHING).commit(Runs.file("Run A|1|B-1", "Run B|2|B-2"));

        assertThat(report.committed()).isFalse();
        assertThat(report.failedRows()).containsExactly(new FailedRow(3, List.of(TAKEN)));
        assertThat(store.values()).isEmpty();
    }

    @Test
    void aRefusalCarriesRowProblemsOnly() {
        assertThatThrownBy(() -> new RowRefusedException(Problem.of(ProblemCode.UNREADABLE_FILE, "not a row's")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("UNREADABLE_FILE is not a row problem code");
        assertThatThrownBy(() -> new RowRefusedException(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a refused row needs at least one problem");
        assertThat(new RowRefusedException(TAKEN).getMessage()).isEqualTo(TAKEN.message());
    }
}
