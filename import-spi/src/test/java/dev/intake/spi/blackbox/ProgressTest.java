package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final ImportDefinition RUNS = ImportDefinition.builder("runs")
            .column(Column.text("title").required())
            .column(Column.text("batch"))
            .group("batch")
            .build();

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<String> runs = new InMemoryRecordRepository<>(transactions);
    private final InMemoryGroupRepository batches = new InMemoryGroupRepository(transactions);

    private Importer<String> importer(CommitPolicy policy) {
        return Importer.builder(RUNS, row -> row.value("title", String.class).orElseThrow(), runs)
                .groups(batches).transactions(transactions).policy(policy).chunkSize(2).build();
    }

    private static ListSource rows(int count) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(List.of("Run " + (i + 2), "B-" + (i + 2)));
        }
        return ListSource.of("runs.csv", List.of("title", "batch"), rows);
    }

    /** Records what it is told, each count with the phase it came in; cancels once enough rows are done. */
    private static final class Recorder implements ImportProgress {
        final List<Phase> phases = new ArrayList<>();
        final List<String> rows = new ArrayList<>();
        final List<Long> totals = new ArrayList<>();
        private final long cancelAfter;
        private final Phase cancelIn;
        private long lastDone;

        Recorder(long cancelAfter) {
            this(cancelAfter, null);
        }

        Recorder(long cancelAfter, Phase cancelIn) {
            this.cancelAfter = cancelAfter;
            this.cancelIn = cancelIn;
        }

        @Override
        public void phase(Phase phase) {
            phases.add(phase);
        }

        @Override
        public void rows(long rowsRead, long rowsDone) {
            rows.add(phases.get(phases.size() - 1) + " " + rowsRead + "/" + rowsDone);
            lastDone = rowsDone;
        }

        @Override
        public void total(long count) {
            totals.add(count);
        }

        @Override
        public boolean cancelled() {
            Phase phase = phases.get(phases.size() - 1);
            return cancelIn != null ? phase == cancelIn : lastDone >= cancelAfter;
        }
    }

    @Test
    void aCommitReportsItsScanTheTotalAndItsRowsChunkByChunk() {
        Recorder progress = new Recorder(Long.MAX_VALUE);

        ImportReport report = importer(CommitPolicy.PER_ROW).run(rows(5), RunMode.COMMIT, ImportContext.empty(), progress);

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(progress.phases).containsExactly(ImportProgress.Phase.SCANNING, ImportProgress.Phase.WRITING,
                ImportProgress.Phase.DONE);
        assertThat(progress.rows).containsExactly("SCANNING 2/0", "SCANNING 4/0",
                "WRITING 2/0", "WRITING 4/2", "WRITING 5/4", "WRITING 5/5");
        assertThat(progress.totals).containsExactly(5L);
    }

    @Test
    void aCancelledPerRowCommitReportsExactlyTheRowsItWroteAndCountsEveryRow() {
        ImportReport report = importer(CommitPolicy.PER_ROW)
                .run(rows(9), RunMode.COMMIT, ImportContext.empty(), new Recorder(4));

        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L, 4L, 5L);
        assertThat(runs.values()).containsExactly("Run 2", "Run 3", "Run 4", "Run 5");
        assertThat(batches.groups("batch")).containsOnlyKeys("B-2", "B-3", "B-4", "B-5");
        assertThat(report.skippedCount()).isEqualTo(5);
        assertThat(report.totalRows()).isEqualTo(9);
        assertThat(report.fileErrors()).containsExactly(Problem.of(ProblemCode.CANCELLED,
                "the import was cancelled after row 5; later rows were not imported"));
        assertThat(report.committed()).isTrue();
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
    }

    @Test
    void aCommitCancelledWhileScanningWritesNothingAndCountsEveryRow() {
        ImportReport report = importer(CommitPolicy.PER_ROW)
                .run(rows(9), RunMode.COMMIT, ImportContext.empty(), new Recorder(0, ImportProgress.Phase.SCANNING));

        assertThat(runs.values()).isEmpty();
        assertThat(batches.groups("batch")).isEmpty();
        assertThat(report.fileErrors()).containsExactly(Problem.of(ProblemCode.CANCELLED,
                "the import was cancelled before any row was written"));
        assertThat(report.skippedCount()).isEqualTo(9);
        assertThat(report.totalRows()).isEqualTo(9);
        assertThat(report.committed()).isFalse();
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aCancelledAllOrNothingCommitWritesNothing() {
        ImportReport report = importer(CommitPolicy.ALL_OR_NOTHING)
                .run(rows(9), RunMode.COMMIT, ImportContext.empty(), new CancelWhileWriting());

        assertThat(runs.values()).isEmpty();
        assertThat(batches.groups("batch")).isEmpty();
        assertThat(report.created()).isEmpty();
        assertThat(report.fileErrors()).containsExactly(
                Problem.of(ProblemCode.CANCELLED, "the import was cancelled; nothing was written"));
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.committed()).isFalse();
    }

    @Test
    void aCancelledDryRunStopsCheckingAndCountsEveryRow() {
        Recorder progress = new Recorder(2);
        ImportReport report = importer(CommitPolicy.PER_ROW).run(rows(9), RunMode.DRY_RUN, ImportContext.empty(), progress);

        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L);
        assertThat(report.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.CANCELLED);
        assertThat(report.skippedCount()).isEqualTo(7);
        assertThat(report.totalRows()).isEqualTo(9);
        assertThat(progress.rows).containsExactly("CHECKING 2/2");
    }

    @Test
    void aDryRunTellsItsTotalAtTheEnd() {
        Recorder progress = new Recorder(Long.MAX_VALUE);

        importer(CommitPolicy.PER_ROW).run(rows(5), RunMode.DRY_RUN, ImportContext.empty(), progress);

        assertThat(progress.totals).containsExactly(5L);
        assertThat(progress.rows).containsExactly("CHECKING 2/2", "CHECKING 4/4", "CHECKING 5/5");
    }

    /** Cancels once the all-or-nothing commit has written a chunk. */
    private static final class CancelWhileWriting implements ImportProgress {
        private boolean writing;

        @Override
        public void phase(Phase phase) {
            writing = phase == Phase.WRITING;
        }

        @Override
        public boolean cancelled() {
            return writing;
        }
    }
}
