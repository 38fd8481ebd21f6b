package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.RowReference;
import dev.intake.core.TextComparison;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.ListSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryImportJournal;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys, row references and groups compare as their columns declare: an email case-insensitively by
 * default, a department as the host says; within the file, against existing records and groups, and
 * the report names the existing value a row matched.
 */
class ComparisonsTest {
    record Employee(String email, String name, String department, String manager) {
    }

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final List<String> departmentIds = new ArrayList<>();

    private ImportDefinition definition(Mode mode, Column.Builder<String> email) {
        return ImportDefinition.builder("employees")
                .column(email.required())
                .column(Column.text("name"))
                .column(Column.text("department").comparedAs(TextComparison.trimmed().andThen(TextComparison.caseInsensitive())))
                .column(Column.email("manager_email"))
                .rowReference(RowReference.builder("manager", "manager_email").target("email"))
                .group("department")
                .key("email")
                .mode(mode)
                .build();
    }

    private ImportDefinition definition(Mode mode) {
        return definition(mode, Column.email("email"));
    }

    private InMemoryRecordRepository<Employee> employees(ImportDefinition definition) {
        return new InMemoryRecordRepository<>(transactions, employee -> Optional.of(employee.email()),
                definition.column("email").orElseThrow().comparison());
    }

    private Importer<Employee> importer(ImportDefinition definition, InMemoryRecordRepository<Employee> records,
            InMemoryGroupRepository groups, CommitPolicy policy) {
        return builder(definition, records, groups, policy).build();
    }

    private Importer.Builder<Employee> builder(ImportDefinition definition, InMemoryRecordRepository<Employee> records,
            InMemoryGroupRepository groups, CommitPolicy policy) {
        return Importer.builder(definition, row -> new Employee(row.value("email", String.class).orElseThrow(),
                row.value("name", String.class).orElse(null), row.value("department", String.class).orElse(null),
                row.value("manager_email", String.class).orElse(null)), records)
                .groups(groups).transactions(transactions).policy(policy).chunkSize(2);
    }

    private static ListSource file(List<String>... rows) {
        return ListSource.of("employees.csv", List.of("email", "name", "department", "manager_email"), List.of(rows));
    }

    @Test
    void anEmailKeyRepeatedInAnotherCaseIsADuplicateNamingTheFirstRow() {
        ImportDefinition definition = definition(Mode.CREATE_ONLY);
        ImportReport report = importer(definition, employees(definition), new InMemoryGroupRepository(transactions),
                CommitPolicy.PER_ROW).dryRun(file(
                        List.of("Judy@acme.com", "Judy", "", ""),
                        List.of("judy@ACME.com", "Judy again", "", "")));

        assertThat(report.failedRows()).hasSize(1);
        assertThat(report.failedRows().get(0).rowNumber()).isEqualTo(3);
        assertThat(report.failedRows().get(0).errors()).containsExactly(Problem.at(ProblemCode.DUPLICATE_KEY, "email",
                "email judy@ACME.com is already used by row 2"));
    }

    @Test
    void anEmailColumnComparedExactlyTakesBothSpellings() {
        ImportDefinition definition = definition(Mode.CREATE_ONLY, Column.email("email").comparedAs(TextComparison.exact()));
        ImportReport report = importer(definition, employees(definition), new InMemoryGroupRepository(transactions),
                CommitPolicy.PER_ROW).commit(file(
                        List.of("Judy@acme.com", "Judy", "", ""),
                        List.of("judy@acme.com", "Judy again", "", "")));

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.created()).hasSize(2);
    }

    @Test
    void aManagerNamedInAnotherCaseIsTheRowOfThatEmail() {
        ImportDefinition definition = definition(Mode.CREATE_ONLY);
        InMemoryRecordRepository<Employee> records = employees(definition);
        ImportReport report = importer(definition, records, new InMemoryGroupRepository(transactions),
                CommitPolicy.PER_ROW).commit(file(
                        List.of("ann@acme.com", "Ann", "", "JUDY@ACME.COM"),
                        List.of("Judy@acme.com", "Judy", "", "")));

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.created()).extracting(WrittenRow::rowNumber).as("the manager first").containsExactly(3L, 2L);
    }

    @ParameterizedTest
    @EnumSource(CommitPolicy.class)
    void departmentsInAnotherCaseOrSpacingAreOneGroupFoundUnderTheSpellingItHolds(CommitPolicy policy) {
        ImportDefinition definition = definition(Mode.CREATE_ONLY);
        InMemoryGroupRepository groups = new InMemoryGroupRepository(transactions, definition);
        String sales = groups.add("department", "SALES");
        InMemoryRecordRepository<Employee> records = employees(definition);
        ImportReport report = importer(definition, records, groups, policy).commit(file(
                List.of("a@acme.com", "A", "Engineering", ""),
                List.of("b@acme.com", "B", "engineering ", ""),
                List.of("c@acme.com", "C", "ENGINEERING", ""),
                List.of("d@acme.com", "D", "sales", "")));

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.groups()).containsExactly(
                new GroupOutcome("department", "Engineering", GroupAction.CREATE),
                new GroupOutcome("department", "sales", GroupAction.FOUND, Optional.of("SALES")));
        Map<String, String> held = groups.groups("department");
        assertThat(held).containsOnlyKeys("SALES", "Engineering");
        assertThat(held.get("SALES")).isEqualTo(sales);
    }

    @ParameterizedTest
    @EnumSource(CommitPolicy.class)
    void anUpsertUpdatesTheEmployeeWhoseEmailDiffersInCaseAndSaysWhichItMatched(CommitPolicy policy) {
        ImportDefinition definition = definition(Mode.UPSERT);
        InMemoryRecordRepository<Employee> records = employees(definition);
        importer(definition, records, new InMemoryGroupRepository(transactions), policy)
                .commit(file(List.of("Judy@acme.com", "Judy", "", "")));

        ImportReport planned = importer(definition, records, new InMemoryGroupRepository(transactions), policy)
                .dryRun(file(List.of("judy@acme.com", "Judy Brown", "", ""), List.of("new@acme.com", "New", "", "")));
        assertThat(planned.updated()).containsExactly(
                new WrittenRow(2, Optional.empty(), Optional.of("judy@acme.com"), Optional.of("Judy@acme.com")));

        ImportReport report = importer(definition, records, new InMemoryGroupRepository(transactions), policy)
                .commit(file(List.of("judy@acme.com", "Judy Brown", "", ""), List.of("new@acme.com", "New", "", "")));
        assertThat(report.updated()).containsExactly(
                new WrittenRow(2, Optional.of("1"), Optional.of("judy@acme.com"), Optional.of("Judy@acme.com")));
        assertThat(report.created()).extracting(WrittenRow::matched).containsExactly(Optional.empty());
        assertThat(records.values()).extracting(Employee::name).containsExactly("Judy Brown", "New");
    }

    @Test
    void aCommitResumedAfterACrashReportsWhatRowsAndGroupsMatchedFromItsJournal() throws Exception {
        ImportDefinition definition = definition(Mode.UPSERT);
        InMemoryRecordRepository<Employee> records = spy(employees(definition));
        InMemoryGroupRepository groups = new InMemoryGroupRepository(transactions, definition);
        groups.add("department", "SALES");
        importer(definition, records, groups, CommitPolicy.PER_ROW).commit(file(List.of("Judy@acme.com", "Judy", "", "")));
        InMemoryImportJournal journal = new InMemoryImportJournal(transactions);
        ListSource source = file(List.of("judy@acme.com", "Judy Brown", "sales", ""),
                List.of("b@acme.com", "B", "", ""), List.of("c@acme.com", "C", "", ""));
        doThrow(new Crash()).when(records).create(argThat(employee -> employee.email().equals("c@acme.com")), any());

        catchThrowableOfType(Crash.class, () -> builder(definition, records, groups, CommitPolicy.PER_ROW).journal(journal).build()
                .commit(source));
        doCallRealMethod().when(records).create(any(), any());
        ImportReport resumed = builder(definition, records, groups, CommitPolicy.PER_ROW).journal(journal).build().commit(source);

        assertThat(resumed.updated()).containsExactly(
                new WrittenRow(2, Optional.of("1"), Optional.of("judy@acme.com"), Optional.of("Judy@acme.com")));
        assertThat(resumed.groups()).containsExactly(
                new GroupOutcome("department", "sales", GroupAction.FOUND, Optional.of("SALES")));
        assertThat(records.values()).extracting(Employee::email).containsExactly("judy@acme.com", "b@acme.com", "c@acme.com");
    }

    @Test
    void createOnlyRefusesAnEmailThatExistsInAnotherCaseAndSaysAsWhat() {
        ImportDefinition definition = definition(Mode.CREATE_ONLY);
        InMemoryRecordRepository<Employee> records = employees(definition);
        importer(definition, records, new InMemoryGroupRepository(transactions), CommitPolicy.PER_ROW)
                .commit(file(List.of("Judy@acme.com", "Judy", "", "")));

        ImportReport report = importer(definition, records, new InMemoryGroupRepository(transactions),
                CommitPolicy.PER_ROW).commit(file(List.of("JUDY@acme.com", "Judy", "", "")));

        assertThat(report.failedRows().get(0).errors()).containsExactly(Problem.at(ProblemCode.DUPLICATE_KEY, "email",
                "email JUDY@acme.com already exists (as Judy@acme.com); this import only creates records"));
        assertThat(records.values()).hasSize(1);
    }

    @Test
    void builtInComparisonsFoldCaseInEveryScriptAndCompatibilityForms() {
        assertThat(TextComparison.caseInsensitive().key("STRASSE")).isEqualTo(TextComparison.caseInsensitive().key("straße"));
        assertThat(TextComparison.caseInsensitive().key("ΣΊΣΥΦΟΣ")).isEqualTo(TextComparison.caseInsensitive().key("σίσυφος"));
        assertThat(TextComparison.nfkc().key("ＡＢＣ１２３")).isEqualTo("ABC123");
        assertThat(TextComparison.nfkc().key("e\u0301")).isEqualTo("\u00e9");
        assertThat(TextComparison.trimmed().key("\u2003 Sales\t")).isEqualTo("Sales");
        assertThat(TextComparison.exact().key("Sales")).isNotEqualTo(TextComparison.exact().key("sales"));
        TextComparison digits = TextComparison.of("digits only", value -> value.replaceAll("\\D", ""));
        assertThat(digits.key("PN-00-12")).isEqualTo("0012");
        assertThat(digits.andThen(TextComparison.trimmed())).hasToString("digits only, then trimmed");
        assertThat(Column.email("email").build().comparison()).isSameAs(TextComparison.caseInsensitive());
        assertThat(Column.text("name").build().comparison()).isSameAs(TextComparison.exact());
    }

    @Test
    void onlyTextColumnsHaveAComparison() {
        assertThatThrownBy(() -> Column.integer("count").comparedAs(TextComparison.caseInsensitive()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("column count holds Long values; only text values have a comparison");
        assertThatThrownBy(() -> Column.text("name").comparedAs(TextComparison.nfkc()).comparedAs(TextComparison.exact()))
                .isInstanceOf(IllegalStateException.class);
    }
}
