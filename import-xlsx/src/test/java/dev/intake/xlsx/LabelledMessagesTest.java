package dev.intake.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.RowReference;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Constraints;
import dev.intake.core.rule.Rules;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import dev.intake.csv.CsvErrorReport;
import dev.intake.csv.CsvSource;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Problems speak the template's words: a column with a label is named by it in every message (its
 * key stays the problem's column), and an error report numbers the rows its messages name as the
 * report shows them, so "fix row 2 first" points at a row of the report.
 */
class LabelledMessagesTest {
    private static final ImportDefinition EMPLOYEES = ImportDefinition.builder("employees")
            .column(Column.email("email").label("Email").required())
            .column(Column.text("full_name").label("Full name").required().rule(Rules.maxLength(20)))
            .column(Column.decimal("salary", Locale.GERMANY).label("Salary"))
            .column(Column.text("department").label("Department"))
            .column(Column.email("manager_email").label("Manager email"))
            .constraint(Constraints.requires("manager_email", "department"))
            .rowReference(RowReference.builder("manager", "manager_email").target("email"))
            .key("email")
            .build();

    private static final String FILE = """
            Email,Full name,Salary,Department,Manager email
            judy@acme.com,Judy,"1.234,5",Engineering,
            bob@acme.com,,abc,Engineering,judy@acme.com
            JUDY@acme.com,Judy Brown,,,
            carl@acme.com,Carl,,Operations,bob@acme.com
            dan@acme.com,Dan with a name far too long,,,nobody@acme.com
            """;

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final Importer<ImportRow> importer = Importer.builder(EMPLOYEES,
            new InMemoryRecordRepository<ImportRow>(transactions)).transactions(transactions).build();

    private static ImportSource csv(String text) {
        return CsvSource.of("employees.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyProblemNamesItsColumnByItsLabelWhileItsColumnStaysTheKey() {
        ImportReport report = importer.commit(csv(FILE));

        assertThat(report.failedRows()).containsExactly(
                new FailedRow(3, List.of(
                        Problem.at(ProblemCode.INVALID_NUMBER, "salary", "Salary must be a number like 1.234,56, not abc"),
                        Problem.at(ProblemCode.REQUIRED, "full_name", "Full name is required"))),
                new FailedRow(4, List.of(
                        Problem.at(ProblemCode.DUPLICATE_KEY, "email", "Email JUDY@acme.com is already used by row 2"))),
                new FailedRow(5, List.of(
                        Problem.at(ProblemCode.REFERENCED_ROW_FAILED, "manager_email",
                                "Manager email bob@acme.com names row 3, which failed; fix row 3 first"))),
                new FailedRow(6, List.of(
                        Problem.at(ProblemCode.TOO_LONG, "full_name", "Full name must be at most 20 characters, not 28"),
                        Problem.at(ProblemCode.REQUIRED, "department", "Department is required when Manager email is given"),
                        Problem.at(ProblemCode.NOT_FOUND, "manager_email", "no row of the file has Email nobody@acme.com"))));
    }

    @Test
    void aMissingColumnAndASuggestionUseTheLabel() {
        ImportReport report = importer.dryRun(csv("Email,Ful name\njudy@acme.com,Judy\n"));

        assertThat(report.fileErrors()).containsExactly(
                Problem.at(ProblemCode.UNKNOWN_COLUMN, "Ful name",
                        "column B (Ful name) is not a column of employees; did you mean Full name?"),
                Problem.at(ProblemCode.MISSING_COLUMN, "full_name", "the required column Full name is missing from the header"));
    }

    @Test
    void aCsvReportNumbersTheRowsItsMessagesNameAsItListsThem() throws IOException {
        ImportSource file = csv(FILE);
        ImportReport report = importer.commit(file);
        StringWriter out = new StringWriter();
        CsvErrorReport.write(report, file, EMPLOYEES, out);

        List<SourceRow> rows = rows(csv(out.toString()));
        // row 2 was written and is not listed: the report's row 2 is the file's row 3
        assertThat(rows).extracting(row -> row.cells().get(0))
                .containsExactly("bob@acme.com", "JUDY@acme.com", "carl@acme.com", "dan@acme.com");
        assertThat(rows).extracting(row -> row.cells().get(5)).containsExactly(
                "row 2: Salary: Salary must be a number like 1.234,56, not abc; Full name: Full name is required",
                "row 3: Email: Email JUDY@acme.com is already used by row 2 of the original file",
                "row 4: Manager email: Manager email bob@acme.com names row 2, which failed; fix row 2 first",
                "row 5: Full name: Full name must be at most 20 characters, not 28; Department: Department is required"
                        + " when Manager email is given; Manager email: no row of the file has Email nobody@acme.com");
    }

    @Test
    void anXlsxReportNumbersThemAsItsSheetShowsThemAndAReportOfItIsTheSameReport() throws IOException {
        ImportSource file = csv(FILE);
        ImportReport dryRun = importer.dryRun(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxErrorReport.write(dryRun, file, EMPLOYEES, out);

        List<SourceRow> rows = rows(XlsxSource.of("employees-errors.xlsx", out.toByteArray()));
        // a dry run lists every row, so the sheet's rows are the file's
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(cell(rows, 1, 5)).isEqualTo(
                "row 3: Salary: Salary must be a number like 1.234,56, not abc; Full name: Full name is required");
        assertThat(cell(rows, 3, 5)).isEqualTo(
                "row 5: Manager email: Manager email bob@acme.com names row 3, which failed; fix row 3 first");
        assertThat(cell(rows, 2, 5)).isEqualTo("row 4: Email: Email JUDY@acme.com is already used by row 2");

        ImportSource reported = XlsxSource.of("employees-errors.xlsx", out.toByteArray());
        ImportReport again = importer.dryRun(reported);
        assertThat(again.failedRows()).isEqualTo(dryRun.failedRows());
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        XlsxErrorReport.write(again, reported, EMPLOYEES, second);
        assertThat(texts(rows(XlsxSource.of("second.xlsx", second.toByteArray())))).isEqualTo(texts(rows));
    }

    private static String cell(List<SourceRow> rows, int row, int column) {
        return rows.get(row).cells().get(column);
    }

    private static List<List<String>> texts(List<SourceRow> rows) {
        return rows.stream().map(SourceRow::cells).toList();
    }

    private static List<SourceRow> rows(ImportSource source) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (RowSource read = source.open(EMPLOYEES.limits())) {
            Optional<SourceRow> header = read.header();
            assertThat(header).isPresent();
            for (Optional<SourceRow> next = read.next(); next.isPresent(); next = read.next()) {
                rows.add(next.get());
            }
        }
        return rows;
    }
}
