package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RelationshipFailure;
import dev.intake.core.result.Relationships;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.ListSource;
import dev.intake.spi.AfterRows;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A BOM-like phase after the rows: links between parts created by the file and parts that existed. */
class AfterRowsTest {
    record Part(String number) {
    }

    record Link(String parent, String child) {
    }

    private static final ImportDefinition PARTS = ImportDefinition.builder("parts")
            .column(Column.text("number").required())
            .key("number")
            .build();

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<Part> parts =
            new InMemoryRecordRepository<>(transactions, part -> Optional.of(part.number()));
    private final List<Link> links = new ArrayList<>();

    /** Resolves numbers against the import first, then the parts that already existed. */
    private final AfterRows bom = (imported, mode, context) -> {
        List<Link> wanted = List.of(new Link("ASM-1", "PN-1"), new Link("ASM-OLD", "PN-2"), new Link("ASM-1", "PN-404"));
        Map<String, Part> existing = parts.records();
        int created = 0;
        List<RelationshipFailure> failures = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            Link link = wanted.get(i);
            List<Problem> problems = new ArrayList<>();
            for (String number : List.of(link.parent(), link.child())) {
                boolean known = imported.contains(number)
                        || existing.values().stream().anyMatch(part -> part.number().equals(number));
                if (!known) {
                    problems.add(Problem.of(ProblemCode.NOT_FOUND, "no part has item number " + number));
                }
            }
            if (!problems.isEmpty()) {
                failures.add(new RelationshipFailure(i, problems));
            } else {
                created++;
                if (mode == RunMode.COMMIT) {
                    links.add(link);
                    transactions.onRollback(() -> links.remove(link));
                }
            }
        }
        return new Relationships(created, failures.size(), failures);
    };

    private Importer<Part> importer(AfterRows phase) {
        return Importer.builder(PARTS, row -> new Part(row.value("number", String.class).orElseThrow()), parts)
                .transactions(transactions)
                .afterRows(phase)
                .build();
    }

    private static ListSource file(String... numbers) {
        return ListSource.of("parts.csv", List.of("number"), java.util.Arrays.stream(numbers).map(List::of).toList());
    }

    @BeforeEach
    void existingAssembly() {
        Importer.builder(PARTS, row -> new Part(row.value("number", String.class).orElseThrow()), parts)
                .transactions(transactions).build().commit(file("ASM-OLD"));
    }

    @Test
    void relationshipsResolveAgainstTheImportAndExistingRecordsAndFailApart() {
        ImportReport report = importer(bom).commit(file("ASM-1", "PN-1", "PN-2"));

        assertThat(report.relationships()).isEqualTo(new Relationships(2, 1, List.of(new RelationshipFailure(2,
                List.of(Problem.of(ProblemCode.NOT_FOUND, "no part has item number PN-404"))))));
        assertThat(links).containsExactly(new Link("ASM-1", "PN-1"), new Link("ASM-OLD", "PN-2"));
        assertThat(report.created()).hasSize(3);
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
    }

    @Test
    void aDryRunReportsTheSameRelationshipsAndLinksNothing() {
        ImportReport report = importer(bom).dryRun(file("ASM-1", "PN-1", "PN-2"));

        assertThat(report.relationships().created()).isEqualTo(2);
        assertThat(report.relationships().failed()).isEqualTo(1);
        assertThat(links).isEmpty();
        assertThat(parts.values()).containsExactly(new Part("ASM-OLD"));
    }

    @Test
    void aPhaseThatFailsRollsBackAndIsReportedWithoutUndoingTheRows() {
        AfterRows broken = (imported, mode, context) -> {
            links.add(new Link("x", "y"));
            transactions.onRollback(links::clear);
            throw new IllegalStateException("bom service unavailable");
        };

        ImportReport report;
        try (LogCapture log = new LogCapture()) {
            report = importer(broken).commit(file("ASM-2"));
            assertThat(log.lines()).containsExactly("import parts: a phase after the rows failed <- bom service unavailable");
        }

        assertThat(links).isEmpty();
        assertThat(parts.values()).containsExactly(new Part("ASM-OLD"), new Part("ASM-2"));
        assertThat(report.fileErrors()).containsExactly(Problem.of(ProblemCode.WRITE_FAILED,
                "the rows were imported but a phase after them failed and wrote nothing; the cause is in the application log"));
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
    }

    @Test
    void noPhaseRunsWhenTheRowsWereNotImported() {
        boolean[] ran = {false};
        ImportReport report = importer((imported, mode, context) -> {
            ran[0] = true;
            return Relationships.NONE;
        }).commit(ListSource.of("parts.csv", List.of("nombre"), List.of(List.of("x"))));

        assertThat(ran[0]).isFalse();
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    }
}
