package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.result.ImportReport;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Existing;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Existing records are found for a chunk's keys with one call of the repository, in every way of running. */
class ChunkLookupsTest {
    record Part(String number, String name) {
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<Part> stored =
            new InMemoryRecordRepository<>(transactions, part -> Optional.of(part.number()));
    private final List<Integer> lookups = new ArrayList<>();

    /** Stored parts, found a chunk at a time; finding one at a time is a mistake this test would see. */
    private final RecordRepository<Part> parts = new DelegatingRecords<>(stored, Part::number) {
        @Override
        public Optional<String> findExisting(Part record, WriteContext context) {
            throw new AssertionError("looked up one row at a time");
        }

        @Override
        public List<Optional<Existing>> findExistingAll(List<? extends Part> records, List<WriteContext> contexts)
                throws Exception {
            lookups.add(records.size());
            List<Optional<Existing>> found = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                found.add(stored.findExisting(records.get(i), contexts.get(i)).map(Existing::of));
            }
            return found;
        }
    };

    private Importer<Part> importer(CommitPolicy policy) {
        ImportDefinition definition = ImportDefinition.builder("parts")
                .column(Column.text("number").required())
                .column(Column.text("name"))
                .key("number")
                .mode(Mode.UPSERT)
                .build();
        return Importer.builder(definition, row -> new Part(row.value("number", String.class).orElseThrow(),
                row.value("name", String.class).orElse(null)), parts)
                .transactions(transactions).policy(policy).chunkSize(100).build();
    }

    private static ListSource file(int rows, String name) {
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            cells.add(List.of("P-" + i, name));
        }
        return ListSource.of("parts.csv", List.of("number", "name"), cells);
    }

    @Test
    void anUpsertLooksUpEachChunksKeysOnceInDryRunsAndBothPolicies() {
        ImportReport created = importer(CommitPolicy.PER_ROW).commit(file(250, "first"));
        assertThat(created.created()).hasSize(250);
        assertThat(lookups).containsExactly(100, 100, 50);

        lookups.clear();
        ImportReport planned = importer(CommitPolicy.PER_ROW).dryRun(file(300, "second"));
        assertThat(planned.updated()).hasSize(250);
        assertThat(planned.created()).hasSize(50);
        assertThat(lookups).containsExactly(100, 100, 100);

        lookups.clear();
        ImportReport updated = importer(CommitPolicy.ALL_OR_NOTHING).commit(file(300, "third"));
        assertThat(updated.updated()).hasSize(250);
        assertThat(updated.created()).hasSize(50);
        assertThat(lookups).as("the check round, then the write round").containsExactly(100, 100, 100, 100, 100, 100);
        assertThat(stored.values()).hasSize(300).allMatch(part -> part.name().equals("third"));
    }
}
