package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.RowReference;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the engine remembers per row (each key's first row, the rows other rows name) spilled to
 * temporary files past {@link Limits#maxKeysInMemory()}: the same report as in memory, row for row,
 * and no file left once the import ends.
 */
class SpilledKeysTest {
    private static final int ROWS = 3_000;

    @TempDir
    Path spill;
    private String previous;
    /** The most spill directories seen while one of the last rows was being mapped. */
    private final AtomicInteger seenWhileRunning = new AtomicInteger(-1);

    @BeforeEach
    void spillHere() {
        previous = System.getProperty("intake.spill.dir");
        System.setProperty("intake.spill.dir", spill.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty("intake.spill.dir");
        } else {
            System.setProperty("intake.spill.dir", previous);
        }
    }

    record Employee(String id, String email, String manager) {
    }

    private Employee map(ImportRow row) {
        if (row.rowNumber() > ROWS - 100) {
            seenWhileRunning.accumulateAndGet(directories(), Math::max);
        }
        return new Employee(row.value("employee_id", String.class).orElseThrow(),
                row.value("email", String.class).orElseThrow(), row.value("manager_email", String.class).orElse(null));
    }

    private static ImportDefinition employees(Limits limits) {
        return ImportDefinition.builder("employees")
                .column(Column.text("employee_id").required())
                .column(Column.email("email").required())
                .column(Column.email("manager_email"))
                .key("employee_id")
                .rowReference(RowReference.builder("manager", "manager_email").target("email"))
                .limits(limits)
                .build();
    }

    /**
     * Row {@code i} (data row {@code i + 2}): employee E{i}, whose manager is mostly an earlier row,
     * one in seven a later row; one in 50 ids repeats an earlier one, one in 40 emails repeats an
     * earlier one in another case, and a few managers name nobody, each other, or themselves.
     */
    private static ListSource file() {
        SplittableRandom random = new SplittableRandom(11);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String id = i % 50 == 49 ? "E" + random.nextInt(i) : "E" + i;
            String email = i % 40 == 39 ? ("U" + random.nextInt(i) + "@EXAMPLE.com") : "u" + i + "@example.com";
            String manager;
            if (i % 307 == 0 && i > 0) {
                manager = "u" + (i + 1) + "@example.com";
            } else if (i % 307 == 1 && i > 1) {
                manager = "u" + (i - 1) + "@example.com";
            } else if (i % 211 == 0 && i > 0) {
                manager = "u" + i + "@example.com";
            } else if (i == 0 || i % 3 == 0) {
                manager = "";
            } else if (i % 7 == 0) {
                manager = "u" + Math.min(ROWS - 1, i + 1 + random.nextInt(200)) + "@example.com";
            } else if (i % 101 == 0) {
                manager = "ghost" + i + "@example.com";
            } else {
                manager = "U" + random.nextInt(i) + "@Example.COM";
            }
            rows.add(List.of(id, email, manager));
        }
        return ListSource.of("employees.csv", List.of("employee_id", "email", "manager_email"), rows);
    }

    private ImportReport run(CommitPolicy policy, Limits limits, boolean commit) {
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<Employee> store =
                new InMemoryRecordRepository<>(transactions, employee -> Optional.of(employee.id()));
        Importer<Employee> importer = Importer.builder(employees(limits), this::map, store).transactions(transactions)
                .policy(policy).chunkSize(100).build();
        return commit ? importer.commit(file()) : importer.dryRun(file());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommitPolicy.class)
    void rowsThatReferToRowsGetTheSameReportSpilledAsInMemory(CommitPolicy policy) throws Exception {
        ImportReport inMemory = run(policy, Limits.defaults(), true);
        assertThat(seenWhileRunning.get()).isZero();

        ImportReport spilled = run(policy, Limits.defaults().withMaxKeysInMemory(100), true);
        // the keys, the emails rows refer to, the held-back rows' values, the failed rows' bits
        assertThat(seenWhileRunning.get()).as("spill directories while the import ran").isEqualTo(4);
        assertThat(directories()).as("spill directories once it ended").isZero();

        assertThat(spilled.failedRows()).isEqualTo(inMemory.failedRows());
        assertThat(spilled.created()).extracting(WrittenRow::rowNumber)
                .containsExactlyElementsOf(inMemory.created().stream().map(WrittenRow::rowNumber).toList());
        assertThat(spilled.successCount()).isEqualTo(inMemory.successCount()).isGreaterThan(2_000);
        assertThat(spilled.errorCount()).isEqualTo(inMemory.errorCount()).isGreaterThan(100);

        // what the file holds, answered from the files
        assertThat(problems(spilled, 51)).containsExactly(
                Problem.at(ProblemCode.DUPLICATE_KEY, "employee_id", "employee_id E0 is already used by row 2"),
                Problem.at(ProblemCode.REFERENCED_ROW_FAILED, "manager_email",
                        "manager_email u112@example.com names row 114, which failed; fix row 114 first"));
        assertThat(codes(spilled, 2 + 101)).containsExactly(ProblemCode.NOT_FOUND);
        assertThat(codes(spilled, 2 + 211)).containsExactly(ProblemCode.REFERENCE_CYCLE);
        assertThat(codes(spilled, 2 + 307 * 2)).containsExactly(ProblemCode.REFERENCE_CYCLE);
        assertThat(codes(spilled, 2 + 307 * 2 + 1)).containsExactly(ProblemCode.REFERENCE_CYCLE);
    }

    @Test
    void aDryRunSpillingFromTheFirstRowGivesTheSameReport() {
        ImportReport inMemory = run(CommitPolicy.PER_ROW, Limits.defaults(), false);
        ImportReport spilled = run(CommitPolicy.PER_ROW, Limits.defaults().withMaxKeysInMemory(0), false);

        assertThat(spilled.failedRows()).isEqualTo(inMemory.failedRows());
        assertThat(spilled.created()).extracting(WrittenRow::rowNumber)
                .containsExactlyElementsOf(inMemory.created().stream().map(WrittenRow::rowNumber).toList());
        assertThat(directories()).isZero();
    }

    @Test
    void aKeyOfTwoColumnsWithoutRowReferencesSpillsToo() {
        ImportDefinition parts = ImportDefinition.builder("parts")
                .column(Column.text("number").required())
                .column(Column.integer("revision").required())
                .key("number", "revision")
                .limits(Limits.defaults().withMaxKeysInMemory(10))
                .build();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(List.of("P-" + (i / 2), Integer.toString(i % 2)));
        }
        rows.add(List.of("P-7", "1"));
        rows.add(List.of("P-7", "2"));
        InMemoryTransactions transactions = new InMemoryTransactions();
        ImportReport report = Importer.builder(parts, row -> row.value("number", String.class).orElseThrow(),
                new InMemoryRecordRepository<String>(transactions, part -> Optional.empty()))
                .transactions(transactions).build()
                .dryRun(ListSource.of("parts.csv", List.of("number", "revision"), rows));

        assertThat(report.failedRows()).containsExactly(new FailedRow(502, List.of(Problem.at(
                ProblemCode.DUPLICATE_KEY, "number", "number + revision [P-7, 1] is already used by row 17"))));
        assertThat(report.successCount()).isEqualTo(501);
        assertThat(directories()).isZero();
    }

    private static List<Problem> problems(ImportReport report, long row) {
        return report.failedRows().stream().filter(f -> f.rowNumber() == row).findFirst().map(FailedRow::errors)
                .orElse(List.of());
    }

    private static List<ProblemCode> codes(ImportReport report, long row) {
        return problems(report, row).stream().map(Problem::code).toList();
    }

    private int directories() {
        if (!Files.isDirectory(spill)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(spill)) {
            return (int) entries.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
