package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Reference;
import dev.intake.core.RowReference;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Employees whose managers are other rows of the file, or employees that exist already. */
class RowReferencesTest {
    record Employee(String id, String email, String managerEmail) {
        static Employee of(ImportRow row) {
            return new Employee(row.value("employee_id", String.class).orElseThrow(),
                    row.value("email", String.class).orElseThrow(), row.value("manager_email", String.class).orElse(null));
        }
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<Employee> store =
            new InMemoryRecordRepository<>(transactions, employee -> Optional.of(employee.email()));
    /** The id of each written employee's manager, found by email as a database would by a foreign key. */
    private final Map<String, String> managerIds = new HashMap<>();
    private final Set<String> failing = new HashSet<>();

    /** Writes an employee only once its manager is stored: a foreign key in memory. */
    private final RecordRepository<Employee> employees = new RecordRepository<>() {
        @Override
        public Written create(Employee employee, WriteContext context) throws Exception {
            if (failing.contains(employee.email())) {
                throw new IOException("disk full");
            }
            String managerId = null;
            if (employee.managerEmail() != null) {
                managerId = store.findExisting(new Employee(null, employee.managerEmail(), null), context).orElseThrow(
                        () -> new IllegalStateException("the manager of " + employee.email() + " is not stored yet"));
            }
            Written written = store.create(employee, context);
            managerIds.put(employee.email(), managerId);
            transactions.onRollback(() -> managerIds.remove(employee.email()));
            return written;
        }

        @Override
        public Optional<String> keyOf(Employee employee) {
            return Optional.of(employee.email());
        }
    };

    private final ImportDefinition definition = ImportDefinition.builder("employees")
            .column(Column.text("employee_id").required())
            .column(Column.email("email").required())
            .column(Column.email("manager_email"))
            .key("employee_id")
            .rowReference(RowReference.builder("manager", "manager_email").target("email")
                    .existing(Reference.builder("manager", Employee.class).batchForm("manager_email", String.class,
                            (emails, context) -> store.values().stream().filter(e -> emails.contains(e.email()))
                                    .collect(Collectors.groupingBy(Employee::email)))))
            .build();

    private Importer<Employee> importer(CommitPolicy policy, int chunkSize) {
        return Importer.builder(definition, Employee::of, employees).transactions(transactions).policy(policy)
                .chunkSize(chunkSize).build();
    }

    /** Rows as {@code id|email|manager email}. */
    private static ListSource file(String... rows) {
        return ListSource.of("employees.csv", List.of("employee_id", "email", "manager_email"),
                Arrays.stream(rows).map(r -> List.of(r.split("\\|", -1))).toList());
    }

    private String idOf(String email) {
        return store.records().entrySet().stream().filter(e -> e.getValue().email().equals(email)).findFirst()
                .orElseThrow().getKey();
    }

    @Test
    void rowsThatReferToEarlierRowsAreWrittenInFileOrder() {
        ImportReport report = importer(CommitPolicy.PER_ROW, 500).commit(file(
                "E1|boss@example.com|", "E2|ada@example.com|boss@example.com", "E3|bob@example.com|ada@example.com"));

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L, 4L);
        assertThat(managerIds).containsEntry("ada@example.com", idOf("boss@example.com"))
                .containsEntry("bob@example.com", idOf("ada@example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommitPolicy.class)
    void aRowThatRefersToALaterRowIsWrittenAfterIt(CommitPolicy policy) {
        ListSource reversed = file("E2|ada@example.com|boss@example.com", "E3|bob@example.com|ada@example.com",
                "E1|boss@example.com|", "E4|carl@example.com|boss@example.com");

        ImportReport report = importer(policy, 2).commit(reversed);

        assertThat(report.failedRows()).isEmpty();
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(4L, 5L, 2L, 3L);
        assertThat(managerIds).containsEntry("ada@example.com", idOf("boss@example.com"))
                .containsEntry("bob@example.com", idOf("ada@example.com"))
                .containsEntry("carl@example.com", idOf("boss@example.com"));
    }

    @Test
    void rowsThatReferToRowsAreWrittenByOneWriterWhateverTheImporterSays() {
        ListSource reversed = file("E2|ada@example.com|boss@example.com", "E3|bob@example.com|ada@example.com",
                "E1|boss@example.com|", "E4|carl@example.com|boss@example.com");
        Importer<Employee> importer = Importer.builder(definition, Employee::of, employees).transactions(transactions)
                .chunkSize(1).writers(3, () -> {
                    throw new AssertionError("a definition with row references opens no writer's session");
                }).build();

        ImportReport report = importer.commit(reversed);

        assertThat(report.failedRows()).isEmpty();
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(4L, 5L, 2L, 3L);
        assertThat(managerIds).containsEntry("bob@example.com", idOf("ada@example.com"));
    }

    @Test
    void aDryRunReportsTheOrderAndOutcomesTheCommitHasAndWritesNothing() {
        ListSource file = file("E2|ada@example.com|boss@example.com", "E5|eve@example.com|ghost@example.com",
                "E1|boss@example.com|", "E3|bob@example.com|eve@example.com");

        ImportReport dry = importer(CommitPolicy.PER_ROW, 500).dryRun(file);
        assertThat(store.values()).isEmpty();
        ImportReport commit = importer(CommitPolicy.PER_ROW, 500).commit(file);

        assertThat(dry.created()).extracting(WrittenRow::rowNumber).containsExactly(4L, 2L);
        assertThat(commit.created()).extracting(WrittenRow::rowNumber).containsExactly(4L, 2L);
        assertThat(commit.failedRows()).isEqualTo(dry.failedRows());
        assertThat(dry.totalRows()).isEqualTo(4);
    }

    @Test
    void aRowThatNamesAnExistingRecordIsLinkedToIt() {
        importer(CommitPolicy.PER_ROW, 500).commit(file("E0|old@example.com|"));
        List<Optional<Employee>> seen = new ArrayList<>();
        Importer<Employee> watching = Importer.builder(definition, row -> {
            seen.add(row.reference("manager", Employee.class));
            assertThat(row.referencedRow("manager")).isEmpty();
            return Employee.of(row);
        }, employees).transactions(transactions).build();

        ImportReport report = watching.commit(file("E1|ada@example.com|old@example.com"));

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(seen).containsExactly(Optional.of(new Employee("E0", "old@example.com", null)));
        assertThat(managerIds).containsEntry("ada@example.com", idOf("old@example.com"));
    }

    @Test
    void aValueThatNamesNoRowAndNoRecordIsNotFound() {
        ImportReport report = importer(CommitPolicy.PER_ROW, 500).commit(file(
                "E1|ada@example.com|ghost@example.com", "E2|bob@example.com|"));

        assertThat(report.failedRows()).containsExactly(new FailedRow(2, List.of(Problem.at(ProblemCode.NOT_FOUND,
                "manager_email", "no row of the file has email ghost@example.com, and no existing manager has it"))));
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(3L);
    }

    @Test
    void rowsReferringToAFailedRowFailWithItWhetherItComesBeforeOrAfterThem() {
        ImportReport report = importer(CommitPolicy.PER_ROW, 500).commit(file(
                "E2|ada@example.com|boss@example.com", "|boss@example.com|", "E3|bob@example.com|ada@example.com",
                "E4|carl@example.com|boss@example.com"));

        assertThat(report.created()).isEmpty();
        assertThat(report.failedRows()).containsExactly(
                new FailedRow(2, List.of(Problem.at(ProblemCode.REFERENCED_ROW_FAILED, "manager_email",
                        "manager_email boss@example.com names row 3, which failed; fix row 3 first"))),
                new FailedRow(3, List.of(Problem.at(ProblemCode.REQUIRED, "employee_id", "employee_id is required"))),
                new FailedRow(4, List.of(Problem.at(ProblemCode.REFERENCED_ROW_FAILED, "manager_email",
                        "manager_email ada@example.com names row 2, which failed; fix row 2 first"))),
                new FailedRow(5, List.of(Problem.at(ProblemCode.REFERENCED_ROW_FAILED, "manager_email",
                        "manager_email boss@example.com names row 3, which failed; fix row 3 first"))));
        assertThat(report.totalRows()).isEqualTo(4);
    }

    @Test
    void rowsThatReferToEachOtherInACycleEachFailAndSoDoRowsThatReferIntoIt() {
        ImportReport report = importer(CommitPolicy.PER_ROW, 500).commit(file(
                "E1|ada@example.com|bob@example.com", "E2|bob@example.com|ada@example.com",
                "E3|carl@example.com|ada@example.com", "E4|dan@example.com|dan@example.com", "E5|eve@example.com|"));

        Problem cycle = Problem.at(ProblemCode.REFERENCE_CYCLE, "manager_email",
                "rows 2 \u2192 3 \u2192 2 refer to each other in a cycle through manager_email");
        assertThat(report.failedRows()).containsExactly(
                new FailedRow(2, List.of(cycle)),
                new FailedRow(3, List.of(cycle)),
                new FailedRow(4, List.of(Problem.at(ProblemCode.REFERENCED_ROW_FAILED, "manager_email",
                        "manager_email ada@example.com names row 2, which failed; fix row 2 first"))),
                new FailedRow(5, List.of(Problem.at(ProblemCode.REFERENCE_CYCLE, "manager_email",
                        "manager_email names this row itself"))));
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(6L);
    }

    @Test
    void aTargetValueGivenTwiceIsADuplicateSoEveryReferenceIsClear() {
        ImportReport report = importer(CommitPolicy.PER_ROW, 500).commit(file(
                "E1|ada@example.com|", "E2|ada@example.com|", "E3|bob@example.com|ada@example.com"));

        assertThat(report.failedRows()).containsExactly(new FailedRow(3, List.of(Problem.at(ProblemCode.DUPLICATE_KEY,
                "email", "email ada@example.com is already used by row 2; other rows refer to rows by it"))));
        assertThat(managerIds).containsEntry("bob@example.com", idOf("ada@example.com"));
    }

    @ParameterizedTest(name = "chunks of {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 500})
    void aRowWhoseReferencedRowCouldNotBeWrittenFailsToo(int chunkSize) {
        failing.add("boss@example.com");

        ImportReport report = importer(CommitPolicy.PER_ROW, chunkSize).commit(file(
                "E1|boss@example.com|", "E2|ada@example.com|boss@example.com", "E3|eve@example.com|"));

        assertThat(report.failedRows()).containsExactly(
                new FailedRow(2, List.of(Problem.of(ProblemCode.WRITE_FAILED,
                        "the row could not be written; the cause is in the application log"))),
                new FailedRow(3, List.of(Problem.at(ProblemCode.REFERENCED_ROW_FAILED, "manager_email",
                        "manager_email boss@example.com names row 2, which could not be written"))));
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(4L);
        assertThat(store.values()).extracting(Employee::email).containsExactly("eve@example.com");
    }

    @Test
    void aLaterPassAlsoFailsARowWhoseReferencedRowCouldNotBeWritten() {
        failing.add("boss@example.com");

        ImportReport report = importer(CommitPolicy.PER_ROW, 500).commit(file(
                "E2|ada@example.com|boss@example.com", "E1|boss@example.com|"));

        assertThat(report.failedRows()).extracting(FailedRow::rowNumber, r -> r.errors().get(0).code())
                .containsExactly(org.assertj.core.api.Assertions.tuple(2L, ProblemCode.REFERENCED_ROW_FAILED),
                        org.assertj.core.api.Assertions.tuple(3L, ProblemCode.WRITE_FAILED));
        assertThat(store.values()).isEmpty();
    }

    @Test
    void anAllOrNothingCommitWithACycleWritesNothing() {
        ImportReport report = importer(CommitPolicy.ALL_OR_NOTHING, 500).commit(file(
                "E1|boss@example.com|", "E2|ada@example.com|bob@example.com", "E3|bob@example.com|ada@example.com"));

        assertThat(report.committed()).isFalse();
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(3L, 4L);
        assertThat(report.successCount()).isEqualTo(1);
        assertThat(store.values()).isEmpty();
    }

    @Test
    void aRowReferenceNeedsATargetOrAKeyOfOneColumn() {
        assertThatThrownBy(() -> ImportDefinition.builder("employees")
                .column(Column.text("email")).column(Column.text("manager_email"))
                .rowReference(RowReference.builder("manager", "manager_email"))
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("row reference manager names no target column and the key is not set");
        assertThatThrownBy(() -> ImportDefinition.builder("employees")
                .column(Column.text("email")).column(Column.text("manager_email"))
                .rowReference(RowReference.builder("manager", "manager_email").target("email")
                        .existing(Reference.builder("boss", Employee.class).form((row, context) -> List.of(), "manager_email")))
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("row reference manager finds existing records with reference boss; give it the same name");
        assertThatThrownBy(() -> ImportDefinition.builder("employees")
                .column(Column.text("email")).column(Column.text("manager_email"))
                .rowReference(RowReference.builder("manager", "manager_email").target("email")
                        .existing(Reference.builder("manager", Employee.class).form((row, context) -> List.of(), "email")))
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("row reference manager finds existing records by [email]; its forms must use manager_email alone");
    }
}
