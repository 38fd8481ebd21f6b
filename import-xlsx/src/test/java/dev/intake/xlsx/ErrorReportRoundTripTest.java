package dev.intake.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.SourceRow;
import dev.intake.core.type.Types;
import dev.intake.csv.CsvErrorReport;
import dev.intake.csv.CsvSource;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/**
 * An error report imports back as the file did: a workbook's typed cells (numbers, dates, booleans)
 * stay typed in an XLSX report and are written as each column reads them in a CSV one, so a fixed
 * report fails only on what the user has not fixed yet, and a report of a report is the same report.
 */
class ErrorReportRoundTripTest {
    private static final ImportDefinition PEOPLE = ImportDefinition.builder("people")
            .column(Column.text("name").label("Name").required())
            .column(Column.text("code").label("Code").required())
            .column(Column.integer("count").label("Count"))
            .column(Column.decimal("salary", Locale.GERMANY).label("Salary"))
            .column(Column.decimal("price", Locale.US).label("Price"))
            .column(Column.decimal("rate", Locale.FRANCE).label("Rate"))
            .column(Column.integer("staff", Locale.GERMANY).label("Staff"))
            .column(Column.date("start").label("Start"))
            .column(Column.of("due", Types.date("dd.MM.uuuu", "15.06.2026")).label("Due"))
            .column(Column.bool("active").label("Active"))
            .column(Column.option("kind", "Full time", "Part time").label("Kind"))
            .column(Column.email("email").label("Email"))
            .build();
    private static final List<String> HEADER = List.of("Name", "Code", "Count", "Salary", "Price", "Rate", "Staff",
            "Start", "Due", "Active", "Kind", "Email");

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final Importer<ImportRow> importer = Importer.builder(PEOPLE,
            new InMemoryRecordRepository<ImportRow>(transactions)).transactions(transactions).build();

    /** A workbook as a spreadsheet program saves it: numbers, dates and booleans typed. */
    private static byte[] workbook() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = bytes; Workbook workbook = new Workbook(out, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("People");
            for (int c = 0; c < HEADER.size(); c++) {
                sheet.inlineString(0, c, HEADER.get(c));
            }
            Object[][] rows = {
                {"Judy", "", 7, new BigDecimal("1234.5"), new BigDecimal("99.99"), new BigDecimal("0.25"), 1500,
                    LocalDate.of(2026, 6, 15), LocalDate.of(2026, 7, 1), true, "Full time", "judy@acme.com"},
                {"Karl", "K-2", -3, new BigDecimal("-0.5"), new BigDecimal("1000000"), new BigDecimal("12"), 3,
                    LocalDate.of(2025, 1, 31), LocalDate.of(2025, 12, 24), false, "Part time", "not-an-email"},
                {"Lena", "L-3", 1, new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("4"), 5,
                    LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1), true, "Full time", "lena@acme.com"},
            };
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    Object value = rows[r][c];
                    if (value instanceof String text) {
                        if (!text.isEmpty()) {
                            sheet.inlineString(r + 1, c, text);
                        }
                    } else if (value instanceof LocalDate date) {
                        sheet.value(r + 1, c, date);
                        sheet.style(r + 1, c).format(c == 8 ? "dd.mm.yyyy" : "yyyy-mm-dd").set();
                    } else if (value instanceof Boolean flag) {
                        sheet.value(r + 1, c, flag);
                    } else {
                        sheet.value(r + 1, c, (Number) value);
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> problems(ImportReport report) {
        return report.failedRows().stream().flatMap((FailedRow row) -> row.errors().stream()
                .map((Problem p) -> row.rowNumber() + " " + p.code() + " " + p.column().orElse("-"))).toList();
    }

    private byte[] xlsxReport(ImportReport report, ImportSource source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxErrorReport.write(report, source, PEOPLE, out);
        return out.toByteArray();
    }

    private String csvReport(ImportReport report, ImportSource source) {
        StringWriter out = new StringWriter();
        CsvErrorReport.write(report, source, PEOPLE, out);
        return out.toString();
    }

    @Test
    void anXlsxReportKeepsEachCellsTypeAndAReportOfItIsTheSameReport() throws IOException {
        ImportSource original = XlsxSource.of("people.xlsx", workbook());
        ImportReport first = importer.dryRun(original);
        assertThat(problems(first)).containsExactly("2 REQUIRED code", "3 INVALID_EMAIL email");

        byte[] report = xlsxReport(first, original);
        ImportSource reported = XlsxSource.of("people-errors.xlsx", report);
        ImportReport second = importer.dryRun(reported);
        assertThat(problems(second)).as("only what the user has not fixed").containsExactly("2 REQUIRED code",
                "3 INVALID_EMAIL email");

        byte[] again = xlsxReport(second, reported);
        List<SourceRow> once = XlsxSourceTest.rows(XlsxSource.of("r1.xlsx", report));
        List<SourceRow> twice = XlsxSourceTest.rows(XlsxSource.of("r2.xlsx", again));
        assertThat(twice).extracting(SourceRow::cells).isEqualTo(once.stream().map(SourceRow::cells).toList());
        assertThat(twice).extracting(SourceRow::canonical).isEqualTo(once.stream().map(SourceRow::canonical).toList());
        assertThat(once.get(1).cells().subList(2, 10)).containsExactly("7", "1234.5", "99.99", "0.25", "1500",
                "2026-06-15", "2026-07-01", "TRUE");
        assertThat(once.get(1).canonical().stream().boxed().toList()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aCsvReportWritesTypedCellsAsEachColumnReadsThemAndAReportOfItIsTheSameReport() {
        ImportSource original = XlsxSource.of("people.xlsx", workbookBytes());
        ImportReport first = importer.dryRun(original);

        String report = csvReport(first, original);
        assertThat(report.lines().skip(1).findFirst().orElseThrow())
                .startsWith("Judy,,7,\"1234,5\",99.99,\"0,25\",1500,2026-06-15,2026-07-01,TRUE,Full time,judy@acme.com,");
        ImportSource reported = CsvSource.of("people-errors.csv", report.getBytes(StandardCharsets.UTF_8));
        ImportReport second = importer.dryRun(reported);
        assertThat(problems(second)).containsExactly("2 REQUIRED code", "3 INVALID_EMAIL email");

        String again = csvReport(second, reported);
        assertThat(again).isEqualTo(report);
    }

    private static byte[] workbookBytes() {
        try {
            return workbook();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
