package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.pipeline.HeaderColumns;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.EditedSource;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.ListSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import dev.intake.spi.Importer;
import dev.intake.spi.RunOptions;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cells fixed on a screen, laid over the uploaded file as it is read: checked and imported without rewriting it. */
class EditedSourceTest {
    private static final ImportDefinition PEOPLE = ImportDefinition.builder("people")
            .label("People")
            .column(Column.email("email").label("Email").required())
            .column(Column.text("full_name").label("Full name").required())
            .column(Column.integer("age").label("Age"))
            .build();

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<ImportRow> records = new InMemoryRecordRepository<>(transactions);
    private final Importer<ImportRow> importer = Importer.builder(PEOPLE, records).transactions(transactions).build();

    private static final ListSource FILE = ListSource.of("people.csv", List.of("E-mail", "Full name"), List.of(
            List.of("ada@example.com", "Ada"),
            List.of("not an email", "Bo"),
            List.of("cy@example.com", "")));

    private static List<List<String>> read(ImportSource source) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (RowSource open = source.open(Limits.defaults())) {
            rows.add(open.header().orElseThrow().cells());
            for (Optional<SourceRow> row = open.next(); row.isPresent(); row = open.next()) {
                rows.add(row.get().cells());
            }
        }
        return rows;
    }

    @Test
    void editsReachTheirCellsThroughTheMappingAndAColumnTheFileLacksIsAddedAfterItsLast() throws Exception {
        ImportSource edited = EditedSource.of(FILE, PEOPLE, Map.of("e-mail", "email"), Map.of(
                3L, Map.of("email", "bo@example.com"),
                4L, Map.of("full_name", "Cy", "age", "41"),
                9L, Map.of("full_name", "no such row")));

        assertThat(read(edited)).containsExactly(
                List.of("E-mail", "Full name", "age"),
                List.of("ada@example.com", "Ada", ""),
                List.of("bo@example.com", "Bo", ""),
                List.of("cy@example.com", "Cy", "41"));
        assertThat(read(FILE).get(2)).as("the file stays as it was").containsExactly("not an email", "Bo");

        ImportReport before = importer.run(FILE, RunOptions.of(RunMode.DRY_RUN).headerMapping(Map.of("e-mail", "email"))
                .build());
        assertThat(before.failedRows()).extracting(row -> row.rowNumber()).containsExactly(3L, 4L);
        ImportReport after = importer.run(edited, RunOptions.of(RunMode.COMMIT).headerMapping(Map.of("e-mail", "email"))
                .build());
        assertThat(after.failedRows()).as(String.valueOf(after.failedRows())).isEmpty();
        assertThat(after.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(records.values()).extracting(row -> row.value("email", String.class).orElseThrow() + "/"
                + row.value("age", Long.class).map(String::valueOf).orElse("-"))
                .containsExactlyInAnyOrder("ada@example.com/-", "bo@example.com/-", "cy@example.com/41");
    }

    private static RowSource typedRows() {
        return new RowSource() {
            private int at;

            @Override
            public Optional<SourceRow> header() {
                return Optional.of(new SourceRow(1, List.of("Email", "Full name", "Age")));
            }

            @Override
            public Optional<SourceRow> next() {
                java.util.BitSet canonical = new java.util.BitSet();
                canonical.set(2);
                return at++ == 0 ? Optional.of(new SourceRow(2, List.of("ada@example.com", "Ada", "40"), canonical))
                        : Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void anEditedWorkbookCellIsNoLongerCanonicalAndEditsAreChecked() throws Exception {
        ImportSource typed = new ImportSource() {
            @Override
            public String name() {
                return "typed.xlsx";
            }

            @Override
            public RowSource open(Limits limits) {
                return typedRows();
            }
        };

        try (RowSource open = EditedSource.of(typed, PEOPLE, Map.of(), Map.of(2L, Map.of("age", "41"))).open(Limits.defaults())) {
            open.header();
            SourceRow row = open.next().orElseThrow();
            assertThat(row.cells()).containsExactly("ada@example.com", "Ada", "41");
            assertThat(row.isCanonical(2)).isFalse();
        }
        assertThat(EditedSource.of(FILE, PEOPLE, Map.of(), Map.of())).as("nothing to lay over").isSameAs(FILE);
        assertThatIllegalArgumentException().isThrownBy(() -> EditedSource.of(FILE, PEOPLE, Map.of(),
                Map.of(2L, Map.of("colour", "red")))).withMessage("an edit of row 2 names column colour, which people does"
                        + " not have");
        assertThatIllegalArgumentException().isThrownBy(() -> EditedSource.of(FILE, PEOPLE, Map.of(),
                Map.of(1L, Map.of("email", "x")))).withMessage("an edit names row 1; data rows start at 2");
        assertThatIllegalArgumentException().isThrownBy(() -> EditedSource.of(FILE, PEOPLE, Map.of(),
                Map.of(2L, Map.of("email", "x".repeat(PEOPLE.limits().maxCellLength() + 1)))))
                .withMessageStartingWith("an edit of row 2, column email holds");
    }

    @Test
    void aHeaderIsShownAsTheImportReadsItWithTheColumnAnUnknownOneWasMeantFor() {
        List<HeaderColumns.Cell> cells = HeaderColumns.match(PEOPLE, ImportContext.empty(),
                List.of("EMAIL", "Ful name", "", "Intake problems", "Colour"));

        assertThat(cells).extracting(HeaderColumns.Cell::kind).containsExactly(HeaderColumns.Kind.COLUMN,
                HeaderColumns.Kind.REFUSED, HeaderColumns.Kind.BLANK, HeaderColumns.Kind.SKIPPED,
                HeaderColumns.Kind.REFUSED);
        assertThat(cells.get(0).key()).contains("email");
        assertThat(cells.get(1).suggestion()).contains("full_name");
        assertThat(cells.get(4).suggestion()).as("nothing near").isEmpty();
        assertThat(cells.get(3).suggestion()).isEmpty();
        assertThat(PEOPLE.label()).isEqualTo("People");
        assertThat(ImportDefinition.builder("x").column(Column.text("a")).build().label()).isEqualTo("x");

        ImportReport report = importer.run(ListSource.of("f.csv", List.of("EMAIL", "Ful name"), List.of(
                List.of("ada@example.com", "Ada"))), RunOptions.of(RunMode.DRY_RUN).build());
        assertThat(report.fileErrors()).extracting(problem -> problem.code()).contains(ProblemCode.UNKNOWN_COLUMN);
    }
}
