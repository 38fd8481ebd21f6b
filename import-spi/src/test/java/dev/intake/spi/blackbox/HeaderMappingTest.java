package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.ListSource;
import dev.intake.spi.Importer;
import dev.intake.spi.RunOptions;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's header mapping takes a file's own headers for the definition's columns. */
class HeaderMappingTest {
    private static final ImportDefinition PEOPLE = ImportDefinition.builder("people")
            .column(Column.email("email").label("Email").required())
            .column(Column.text("full_name").label("Full name").required())
            .build();

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<ImportRow> records = new InMemoryRecordRepository<>(transactions);
    private final Importer<ImportRow> importer = Importer.builder(PEOPLE, records).transactions(transactions).build();

    private static ListSource export(List<String> header) {
        return ListSource.of("export.csv", header, List.of(List.of("ada@example.com", "Ada Lovelace")));
    }

    @Test
    void mappedHeadersAreReadAsTheirColumnsComparedAsHeadersAre() {
        ImportReport report = importer.run(export(List.of("E-Mail Address", "Name")), RunOptions.of(RunMode.COMMIT)
                .headerMapping(Map.of("e-mail address", "email", "NAME", "full_name")).build());

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(records.values()).singleElement().satisfies(row ->
                assertThat(row.value("full_name", String.class)).contains("Ada Lovelace"));
    }

    @Test
    void aMappingToAColumnTheDefinitionLacksRefusesTheRunAndOneToAColumnGivenTwiceIsADuplicate() {
        ImportReport unknown = importer.run(export(List.of("E-Mail Address", "Name")), RunOptions.of(RunMode.COMMIT)
                .headerMapping(Map.of("Name", "fullname")).build());
        assertThat(unknown.fileErrors()).containsExactly(Problem.of(ProblemCode.INVALID_REQUEST,
                "the header mapping names column fullname, which importer people does not have"));

        ImportReport twice = importer.run(export(List.of("Email", "Email 2")), RunOptions.of(RunMode.DRY_RUN)
                .headerMapping(Map.of("Email 2", "email")).build());
        assertThat(twice.fileErrors()).extracting(Problem::code).contains(ProblemCode.DUPLICATE_COLUMN);
        assertThat(records.values()).isEmpty();
    }

    @Test
    void aMappingIsSetOnceAndNamesNoBlanks() {
        assertThatThrownBy(() -> RunOptions.of(RunMode.COMMIT).headerMapping(Map.of(" ", "email")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunOptions.of(RunMode.COMMIT).headerMapping(Map.of("Name", " ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunOptions.of(RunMode.COMMIT).headerMapping(Map.of("a", "email"))
                .headerMapping(Map.of("b", "email"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHeaderMappedToNothingIsLeftOutWithItsCellsAndTheOtherColumnsReadAsBefore() {
        ListSource file = ListSource.of("export.csv", List.of("Notes", "Email", "Full name"), List.of(
                List.of("call back", "ada@example.com", "Ada Lovelace"),
                List.of("", "bo@example.com", "")));

        ImportReport refused = importer.run(file, RunOptions.of(RunMode.DRY_RUN).build());
        assertThat(refused.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.UNKNOWN_COLUMN);
        ImportReport report = importer.run(file, RunOptions.of(RunMode.COMMIT).headerMapping(Map.of("notes", "")).build());

        assertThat(report.fileErrors()).isEmpty();
        assertThat(report.failedRows()).singleElement().satisfies(row -> {
            assertThat(row.rowNumber()).as("the file's row numbers").isEqualTo(3);
            assertThat(row.errors()).extracting(Problem::column).containsExactly(java.util.Optional.of("full_name"));
        });
        assertThat(records.values()).singleElement().satisfies(row ->
                assertThat(row.value("full_name", String.class)).contains("Ada Lovelace"));
    }

    @Test
    void aRunMayTakeOtherLimitsThanTheDefinitions() {
        ImportDefinition three = ImportDefinition.builder("people")
                .column(Column.email("email").label("Email").required())
                .column(Column.text("full_name").label("Full name").required())
                .limits(dev.intake.core.Limits.defaults().withMaxRows(3))
                .build();
        Importer<ImportRow> small = Importer.builder(three, records).transactions(transactions).build();
        List<List<String>> five = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(List.of("p" + i + "@example.com", "P " + i));
        }
        ListSource file = ListSource.of("people.csv", List.of("Email", "Full name"), five);

        assertThat(small.run(file, RunOptions.of(RunMode.DRY_RUN).build()).fileErrors()).extracting(Problem::code)
                .containsExactly(ProblemCode.TOO_MANY_ROWS);
        ImportReport more = small.run(file, RunOptions.of(RunMode.COMMIT)
                .limits(dev.intake.core.Limits.defaults().withMaxRows(10)).build());
        assertThat(more.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(records.values()).hasSize(5);
        assertThat(small.definition().limits().maxRows()).as("the importer's own stay").isEqualTo(3);
    }
}
