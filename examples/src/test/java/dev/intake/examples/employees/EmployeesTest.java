package dev.intake.examples.employees;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.csv.CsvSource;
import dev.intake.examples.CommandLineRun;
import dev.intake.examples.jdbc.DatabaseTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The company directory end to end on a real database: employees with their managers in the file,
 * departments found or created, German salaries, extra columns as attributes, and upserts on an email
 * that compares case-insensitively.
 */
class EmployeesTest extends DatabaseTest {
    private static final Path SAMPLE = Path.of("samples", "employees.csv");
    private static final String HEADER = "Email,Full name,Department,Manager email,Salary\n";

    @TempDir
    Path dir;

    private ImportReport commit(String csv) throws SQLException {
        return Employees.importer(database.connection())
                .commit(CsvSource.of("employees.csv", csv.getBytes(StandardCharsets.UTF_8)));
    }

    /** Each stored employee: email, name, department, manager's email, salary. */
    private List<String> employees() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = database.connection().createStatement();
                ResultSet result = statement.executeQuery("SELECT e.email, e.full_name, d.name, m.email, e.salary"
                        + " FROM employees e LEFT JOIN departments d ON d.id = e.department_id"
                        + " LEFT JOIN employees m ON m.id = e.manager_id ORDER BY e.id")) {
            while (result.next()) {
                BigDecimal salary = result.getBigDecimal(5);
                rows.add(result.getString(1) + "|" + result.getString(2) + "|" + result.getString(3) + "|"
                        + result.getString(4) + "|" + (salary == null ? null : salary.toPlainString()));
            }
        }
        return rows;
    }

    private Map<String, String> departments() throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        try (Statement statement = database.connection().createStatement();
                ResultSet result = statement.executeQuery("SELECT name, name_key FROM departments ORDER BY id")) {
            while (result.next()) {
                names.put(result.getString(1), result.getString(2));
            }
        }
        return names;
    }

    @Test
    void theSampleCommitsManagersFirstWithDepartmentsSalariesAndAttributes() throws Exception {
        ImportReport report = Employees.importer(database.connection()).commit(CsvSource.of(SAMPLE));

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        // linus (row 3) names grace (row 4) as his manager: grace is written first
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 4L, 5L, 3L);
        assertThat(report.groups()).containsExactly(new GroupOutcome("department", "Engineering", GroupAction.CREATE),
                new GroupOutcome("department", "Operations", GroupAction.CREATE));
        assertThat(report.attributeColumns()).containsExactly("Desk");
        assertThat(employees()).containsExactly(
                "ada@acme.com|Ada Lovelace|Engineering|null|7800.00",
                "Grace@Acme.com|Grace Hopper|Engineering|ada@acme.com|6950.50",
                "margaret@acme.com|Margaret Hamilton|Engineering|ada@acme.com|7100.00",
                "linus@acme.com|Linus Benedict|Operations|Grace@Acme.com|4250.00");
        assertThat(departments()).containsExactly(Map.entry("Engineering", "engineering"),
                Map.entry("Operations", "operations"));
        try (Statement statement = database.connection().createStatement();
                ResultSet desks = statement.executeQuery("SELECT e.email, a.name, a.attribute_value FROM employee_attributes a"
                        + " JOIN employees e ON e.id = a.employee_id WHERE e.email = 'linus@acme.com'")) {
            assertThat(desks.next()).isTrue();
            assertThat(desks.getString(2) + "=" + desks.getString(3)).isEqualTo("Desk=C-7");
        }
    }

    @Test
    void anUpsertMatchesEmailsAndDepartmentsInAnyCaseAndSaysWhatItMatched() throws Exception {
        Employees.importer(database.connection()).commit(CsvSource.of(SAMPLE));

        ImportReport report = commit(HEADER
                + "GRACE@acme.com,Grace Brewster Hopper,ENGINEERING,,\"7.250,00\"\n"
                + "alan@acme.com,Alan Turing,research,Ada@Acme.com,\"6.000,00\"\n");

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.updated()).containsExactly(new WrittenRow(2, Optional.of(idOf("grace@acme.com")),
                Optional.of("GRACE@acme.com"), Optional.of("Grace@Acme.com")));
        assertThat(report.created()).extracting(WrittenRow::key).containsExactly(Optional.of("alan@acme.com"));
        assertThat(report.groups()).containsExactly(
                new GroupOutcome("department", "ENGINEERING", GroupAction.FOUND, Optional.of("Engineering")),
                new GroupOutcome("department", "research", GroupAction.CREATE));
        assertThat(employees()).hasSize(5).contains(
                "GRACE@acme.com|Grace Brewster Hopper|Engineering|null|7250.00",
                "alan@acme.com|Alan Turing|research|ada@acme.com|6000.00");
        assertThat(departments()).containsOnlyKeys("Engineering", "Operations", "research");
    }

    @Test
    void problemsNameTheTemplatesColumnsAndTheRowsTheyDependOn() throws Exception {
        ImportReport report = commit(HEADER
                + "ann@acme.com,Ann,Sales,bo@acme.com,\"3.100,00\"\n"
                + "bo@acme.com,Bo,Sales,ann@acme.com,\"3.200,00\"\n"
                + "ANN@acme.com,Ann again,Sales,,\n"
                + "cy@acme.com,,Sales,,7.800.00\n"
                + "di@acme.com,Di,Sales,cy@acme.com,\"1.000,001\"\n"
                + "ed@acme.com,Ed,Sales,,\"2.000,00\"\n");

        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(report.created()).extracting(WrittenRow::key).containsExactly(Optional.of("ed@acme.com"));
        assertThat(report.failedRows()).containsExactly(
                new FailedRow(2, List.of(Problem.at(ProblemCode.REFERENCE_CYCLE, "manager_email",
                        "rows 2 \u2192 3 \u2192 2 refer to each other in a cycle through Manager email"))),
                new FailedRow(3, List.of(Problem.at(ProblemCode.REFERENCE_CYCLE, "manager_email",
                        "rows 2 \u2192 3 \u2192 2 refer to each other in a cycle through Manager email"))),
                new FailedRow(4, List.of(Problem.at(ProblemCode.DUPLICATE_KEY, "email",
                        "Email ANN@acme.com is already used by row 2"))),
                new FailedRow(5, List.of(
                        Problem.at(ProblemCode.INVALID_NUMBER, "salary", "Salary must be a number like 1.234,56, not 7.800.00"),
                        Problem.at(ProblemCode.REQUIRED, "full_name", "Full name is required"))),
                new FailedRow(6, List.of(
                        Problem.at(ProblemCode.REFERENCED_ROW_FAILED, "manager_email",
                                "Manager email cy@acme.com names row 5, which failed; fix row 5 first"),
                        Problem.at(ProblemCode.OUT_OF_RANGE, "salary",
                                "Salary must be at most 9.999.999.999,99 with at most two decimals, not 1.000,001"))));
        assertThat(employees()).containsExactly("ed@acme.com|Ed|Sales|null|2000.00");
    }

    @Test
    void aHeaderLikeAColumnMisspelledIsRefusedNotKeptAsAnAttribute() throws Exception {
        ImportReport report = commit("Email,Full name,Departmnt\nann@acme.com,Ann,Sales\n");

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.fileErrors()).extracting(Problem::message).containsExactly("column C (Departmnt) is not a"
                + " column of employees but looks like Department misspelled; did you mean Department? (rename the"
                + " header; a custom attribute needs a name of its own)");
        assertThat(employees()).isEmpty();
    }

    @Test
    void theCommandLineImportsTheSampleAndWritesTheTemplate() throws Exception {
        CommandLineRun dryRun = CommandLineRun.of("import", "employees", SAMPLE.toString(), "--db", url());
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.json().get("created")).hasSize(4);
        assertThat(employees()).isEmpty();

        CommandLineRun commit = CommandLineRun.of("import", "employees", SAMPLE.toString(), "--commit", "--db", url());
        assertThat(commit.exitCode()).isZero();
        JsonNode report = commit.json();
        assertThat(report.get("committed").asBoolean()).isTrue();
        assertThat(report.get("groups")).hasSize(2);
        assertThat(employees()).hasSize(4);

        Path template = dir.resolve("employees-template.csv");
        assertThat(CommandLineRun.of("template", "employees", "--out", template.toString(), "--db", url()).exitCode())
                .isZero();
        assertThat(Files.readAllLines(template).get(0)).isEqualTo("Email,Full name,Department,Manager email,Salary");
    }

    private String idOf(String email) throws SQLException {
        try (Statement statement = database.connection().createStatement();
                ResultSet result = statement.executeQuery("SELECT id FROM employees WHERE email_key = '" + email + "'")) {
            assertThat(result.next()).as(email).isTrue();
            return Long.toString(result.getLong(1));
        }
    }
}
