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

    /** Records what it is told; cancels once the given number of rows is done. */
    private static final class Recorder implements ImportProgress {
        final List<Phase> phases = new ArrayList<>();
        final List<long[]> rows = new ArrayList<>();
        private final long cancelAfter;

        Recorder(long cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void phase(Phase phase) {
            phases.add(phase);
        }

        @Override
        public void rows(long rowsRead, long rowsDone) {
            rows.add(new long[] {rowsRead, rowsDone});
        }

        @Override
        public boolean cancelled() {
            return rows.get(rows.size() - 1)[1] >= cancelAfter;
        }
    }

    @Test
    void aCommitReportsItsPhasesAndRowsChunkByChunk() {
        Recorder progress = new Recorder(Long.MAX_VALUE);

        ImportReport report = importer(CommitPolicy.PER_ROW).run(rows(5), RunMode.COMMIT, ImportContext.empty(), progress);

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(progress.phases).containsExactly(ImportProgress.Phase.SCANNING, ImportProgress.Phase.WRITING,
                ImportProgress.Phase.DONE);
        assertThat(progress.rows).extracting(r -> r[1]).containsExactly(0L, 2L, 4L, 5L);
        assertThat(progress.rows.get(progress.rows.size() - 1)).containsExactly(5L, 5L);
    }

    @Test
    void aCancelledPerRowCommitReportsExactlyTheRowsItWrote() {
        ImportReport report = importer(CommitPolicy.PER_ROW)
                .run(rows(9), RunMode.COMMIT, ImportContext.empty(), new Recorder(4));

        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L, 4L, 5L);
        assertThat(runs.values()).containsExactly("Run 2", "Run 3", "Run 4", "Run 5");
        assertThat(batches.groups("batch")).containsOnlyKeys("B-2", "B-3", "B-4", "B-5");
        assertThat(report.skippedCount()).isEqualTo(2);
        assertThat(report.totalRows()).isEqualTo(6);
        assertThat(report.fileErrors()).containsExactly(Problem.of(ProblemCode.CANCELLED,
                "the import was cancelled after row 5; later rows were not imported"));
        assertThat(report.committed()).isTrue();
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
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
    void aCancelledDryRunStopsReading() {
        ImportReport report = importer(CommitPolicy.PER_ROW)
                .run(rows(9), RunMode.DRY_RUN, ImportContext.empty(), new Recorder(2));

        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L);
        assertThat(report.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.CANCELLED);
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
