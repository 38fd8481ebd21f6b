package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A per-row commit finds or creates a chunk's groups in one call; when that call fails, one by one,
 * so that only the rows of the group that fails fail.
 */
class GroupsTogetherTest {
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryGroupRepository memory = new InMemoryGroupRepository(transactions);
    private final InMemoryRecordRepository<Runs.NewRun> runs = new InMemoryRecordRepository<>(transactions);
    private final List<String> calls = new ArrayList<>();

    /** Counts the calls, and refuses one batch title. */
    private final GroupRepository batches = new GroupRepository() {
        @Override
        public Optional<String> find(String group, String key) throws Exception {
            return memory.find(group, key);
        }

        @Override
        public GroupRef findOrCreate(String group, String key) throws Exception {
            calls.add("one " + key);
            if (key.equals("B-bad")) {
                throw new IllegalStateException("no such batch may exist");
            }
            return memory.findOrCreate(group, key);
        }

        @Override
        public Map<String, GroupRef> findOrCreateAll(String group, List<String> keys) throws Exception {
            calls.add("together " + keys);
            if (keys.contains("B-bad")) {
                throw new IllegalStateException("one of them may not exist");
            }
            return memory.findOrCreateAll(group, keys);
        }
    };

    private Importer<Runs.NewRun> importer() {
        return Importer.builder(Runs.DEFINITION, Runs.NewRun::of, runs).groups(batches).transactions(transactions)
                .chunkSize(4).build();
    }

    @Test
    void aChunksGroupsAreFoundOrCreatedInOneCall() {
        ImportReport report = importer().commit(Runs.file("Run A|1|B-2", "Run B|1|B-1", "Run C|1|B-2", "Run D|1|B-3",
                "Run E|1|B-1"));

        assertThat(report.errorCount()).isZero();
        assertThat(calls).containsExactly("together [B-1, B-2, B-3]");
        assertThat(report.groups()).extracting(GroupOutcome::key).containsExactly("B-2", "B-1", "B-3");
        assertThat(memory.groups("batch")).containsOnlyKeys("B-1", "B-2", "B-3");
    }

    @Test
    void whenTheCallFailsTheGroupsAreTakenOneByOneAndOnlyTheBadOnesRowsFail() {
        ImportReport report = importer().commit(Runs.file("Run A|1|B-1", "Run B|1|B-bad", "Run C|1|B-2"));

        // then the chunk is written again without the row that failed
        assertThat(calls).containsExactly("together [B-1, B-2, B-bad]", "one B-1", "one B-2", "one B-bad",
                "together [B-1, B-2]");
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(3L);
        assertThat(report.successCount()).isEqualTo(2);
        assertThat(runs.values()).extracting(Runs.NewRun::title).containsExactly("Run A", "Run C");
        assertThat(memory.groups("batch")).containsOnlyKeys("B-1", "B-2");
    }
}
