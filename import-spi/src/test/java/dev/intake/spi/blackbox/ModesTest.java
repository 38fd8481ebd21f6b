package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import dev.intake.spi.RunOptions;
import dev.intake.core.source.ImportSource;
import org.junit.jupiter.api.Test;

class ModesTest {
    record Part(String number, String name) {
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<Part> parts =
            new InMemoryRecordRepository<>(transactions, part -> Optional.of(part.number()));

    private Importer<Part> importer(Mode mode, CommitPolicy policy) {
        ImportDefinition definition = ImportDefinition.builder("parts")
                .column(Column.text("number").required())
                .column(Column.text("name"))
                .key("number")
                .mode(mode)
                .build();
        return Importer.builder(definition, row -> new Part(row.value("number", String.class).orElseThrow(),
                row.value("name", String.class).orElse(null)), parts)
                .transactions(transactions)
                .policy(policy)
                .build();
    }

    private static ListSource file(String... rows) {
        return ListSource.of("parts.csv", List.of("number", "name"),
                Arrays.stream(rows).map(r -> List.of(r.split("\\|", -1))).toList());
    }

    @BeforeEach
    void existingParts() {
        importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW).commit(file("P-1|Pump", "P-2|Valve"));
    }

    @Test
    void createOnlyRefusesAKeyThatExists() {
        ImportReport dry = importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW).dryRun(file("P-1|Pump again", "P-3|Seal"));
        ImportReport commit = importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW).commit(file("P-1|Pump again", "P-3|Seal"));

        FailedRow duplicate = new FailedRow(2, List.of(Problem.at(ProblemCode.DUPLICATE_KEY, "number",
                "number P-1 already exists; this import only creates records")));
        assertThat(dry.failedRows()).containsExactly(duplicate);
        assertThat(commit.failedRows()).containsExactly(duplicate);
        assertThat(commit.created()).extracting(WrittenRow::rowNumber, WrittenRow::id)
                .containsExactly(tuple(3L, Optional.of("3")));
        assertThat(parts.values()).containsExactly(new Part("P-1", "Pump"), new Part("P-2", "Valve"), new Part("P-3", "Seal"));
    }

    @Test
    void updateOnlyNeedsAnExistingKeyAndReportsUpdatedRowsApart() {
        ImportReport report = importer(Mode.UPDATE_ONLY, CommitPolicy.PER_ROW).commit(file("P-2|Check valve", "P-9|Nothing"));

        assertThat(report.updated()).containsExactly(new WrittenRow(2, Optional.of("2"), Optional.of("P-2")));
        assertThat(report.created()).isEmpty();
        assertThat(report.failedRows()).containsExactly(new FailedRow(3, List.of(Problem.at(ProblemCode.NOT_FOUND,
                "number", "no existing record has number P-9; this import only updates records"))));
        assertThat(parts.records()).containsExactly(Map.entry("1", new Part("P-1", "Pump")),
                Map.entry("2", new Part("P-2", "Check valve")));
    }

    @Test
    void upsertUpdatesOrCreatesAndIsIdempotent() {
        ListSource upsert = file("P-1|Pump mk2", "P-4|Gasket");

        ImportReport dry = importer(Mode.UPSERT, CommitPolicy.PER_ROW).dryRun(upsert);
        ImportReport first = importer(Mode.UPSERT, CommitPolicy.PER_ROW).commit(upsert);
        Map<String, Part> afterFirst = parts.records();
        ImportReport second = importer(Mode.UPSERT, CommitPolicy.PER_ROW).commit(upsert);

        // A dry run writes nothing, so it reports no ids, not even of the records it would update.
        assertThat(dry.updated()).containsExactly(new WrittenRow(2, Optional.empty(), Optional.of("P-1")));
        assertThat(dry.created()).containsExactly(new WrittenRow(3, Optional.empty(), Optional.of("P-4")));
        assertThat(first.updated()).extracting(WrittenRow::rowNumber).containsExactly(2L);
        assertThat(first.created()).extracting(WrittenRow::rowNumber).containsExactly(3L);
        assertThat(second.updated()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L);
        assertThat(second.created()).isEmpty();
        assertThat(parts.records()).isEqualTo(afterFirst).containsExactly(Map.entry("1", new Part("P-1", "Pump mk2")),
                Map.entry("2", new Part("P-2", "Valve")), Map.entry("3", new Part("P-4", "Gasket")));
        assertThat(second.outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void anAllOrNothingUpsertWithOneBadRowChangesNothing() {
        ImportReport report = importer(Mode.UPDATE_ONLY, CommitPolicy.ALL_OR_NOTHING)
                .commit(file("P-1|Renamed", "P-9|Missing"));

        assertThat(report.committed()).isFalse();
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.updated()).isEmpty();
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(3L);
        assertThat(parts.values()).containsExactly(new Part("P-1", "Pump"), new Part("P-2", "Valve"));
    }

    @Test
    void aKeyRepeatedInTheFileIsADuplicateWhateverTheMode() {
        ImportReport report = importer(Mode.UPSERT, CommitPolicy.PER_ROW).commit(file("P-5|A", "P-5|B"));

        assertThat(report.failedRows()).containsExactly(new FailedRow(3, List.of(Problem.at(ProblemCode.DUPLICATE_KEY,
                "number", "number P-5 is already used by row 2"))));
        assertThat(parts.values()).contains(new Part("P-5", "A")).doesNotContain(new Part("P-5", "B"));
    }

    private Importer<Part> choosing() {
        ImportDefinition definition = ImportDefinition.builder("parts")
                .column(Column.text("number").required())
                .column(Column.text("name"))
                .key("number")
                .mode(Mode.CREATE_ONLY)
                .allowModes(Mode.UPSERT)
                .build();
        return Importer.builder(definition, row -> new Part(row.value("number", String.class).orElseThrow(),
                row.value("name", String.class).orElse(null)), parts).transactions(transactions).build();
    }

    @Test
    void aRunChoosesAModeTheDefinitionAllows() {
        ListSource file = file("P-1|Pump mk3", "P-6|Bolt");

        ImportReport byDefault = choosing().commit(file);
        ImportReport upsert = choosing().run(file, RunOptions.commit().mode(Mode.UPSERT).build());

        assertThat(byDefault.failedRows()).extracting(FailedRow::rowNumber).containsExactly(2L);
        assertThat(byDefault.created()).extracting(WrittenRow::rowNumber).containsExactly(3L);
        assertThat(upsert.updated()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L);
        assertThat(parts.values()).contains(new Part("P-1", "Pump mk3"), new Part("P-6", "Bolt"));
    }

    @Test
    void aModeTheDefinitionDoesNotAllowIsAnInvalidRequestAndNothingIsRead() {
        ImportSource unopenable = Runs.unopenable("parts.csv");

        ImportReport report = choosing().run(unopenable, RunOptions.commit().mode(Mode.UPDATE_ONLY).build());

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.fileErrors()).containsExactly(Problem.of(ProblemCode.INVALID_REQUEST,
                "mode UPDATE_ONLY is not one importer parts allows; it allows CREATE_ONLY, UPSERT"));
    }

    @Test
    void aDefinitionThatAllowsAnUpdateModeNeedsAKey() {
        assertThatThrownBy(() -> ImportDefinition.builder("parts").column(Column.text("number"))
                .allowModes(Mode.UPSERT).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("mode UPSERT needs a key to match existing records");
    }

    @Test
    void aRunChoosesItsCommitPolicyOverTheImportersDefault() {
        Importer<Part> perRow = importer(Mode.CREATE_ONLY, CommitPolicy.PER_ROW);

        ImportReport allOrNothing = perRow.run(file("P-7|Seal", "P-1|Pump again"),
                RunOptions.commit().policy(CommitPolicy.ALL_OR_NOTHING).build());
        assertThat(allOrNothing.committed()).isFalse();
        assertThat(parts.values()).extracting(Part::number).containsExactly("P-1", "P-2");

        ImportReport byDefault = perRow.commit(file("P-7|Seal", "P-1|Pump again"));
        assertThat(byDefault.created()).extracting(WrittenRow::rowNumber).containsExactly(2L);
        assertThat(parts.values()).extracting(Part::number).containsExactly("P-1", "P-2", "P-7");
        assertThatThrownBy(() -> RunOptions.commit().policy(CommitPolicy.PER_ROW).policy(CommitPolicy.PER_ROW))
                .isInstanceOf(IllegalStateException.class);
    }
}
