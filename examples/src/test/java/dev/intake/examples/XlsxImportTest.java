package dev.intake.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.core.Limits;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import dev.intake.csv.CsvSource;
import dev.intake.xlsx.XlsxSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * XLSX through the command line: the samples saved as XLSX by a common writer (fastexcel, with
 * numbers, dates and booleans as typed cells, the way Excel stores them) give the same report as the
 * CSV samples, in a dry run and in a commit.
 */
class XlsxImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("samples");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,15}");

    @TempDir
    Path dir;

    private static String db() {
        return "jdbc:h2:mem:xlsx-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @ParameterizedTest
    @ValueSource(strings = {"ion-runs", "ion-runs-with-errors"})
    void anXlsxFileGivesTheSameReportAsTheSameDataInCsv(String sample) throws Exception {
        Path csv = SAMPLES.resolve(sample + ".csv");
        Path xlsx = dir.resolve(sample + ".xlsx");
        writeTyped(rows(CsvSource.of(csv)), xlsx, "Runs");

        for (String mode : new String[] {"--dry-run", "--commit"}) {
            String[] extra = mode.equals("--commit") ? new String[] {"--commit"} : new String[0];
            CommandLineRun fromCsv = CommandLineRun.of(args(csv, db(), extra));
            CommandLineRun fromXlsx = CommandLineRun.of(args(xlsx, db(), extra));

            assertThat(fromXlsx.exitCode()).isEqualTo(fromCsv.exitCode());
            assertThat(fromXlsx.json()).as(mode).isEqualTo(fromCsv.json());
            assertThat(fromCsv.json().get("totalRows").asInt()).isGreaterThan(0);
        }
    }

    @Test
    void theXlsxSampleGivesTheCsvSamplesReport() throws Exception {
        CommandLineRun fromCsv = CommandLineRun.of(args(SAMPLES.resolve("ion-runs.csv"), db()));
        CommandLineRun fromXlsx = CommandLineRun.of(args(SAMPLES.resolve("ion-runs.xlsx"), db()));

        assertThat(fromXlsx.exitCode()).isZero();
        assertThat(fromXlsx.json()).isEqualTo(fromCsv.json());
        assertThat(fromXlsx.json().get("successCount").asInt()).isEqualTo(5);
    }

    @Test
    void aNamedSheetIsImportedAndAMissingOneIsWorksheetNotFound() throws Exception {
        Path xlsx = dir.resolve("two-sheets.xlsx");
        List<List<String>> data = rows(CsvSource.of(SAMPLES.resolve("ion-runs.csv")));
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            workbook.newWorksheet("Notes").value(0, 0, "read me first");
            fill(workbook.newWorksheet("Runs"), data);
            workbook.finish();
        }

        CommandLineRun named = CommandLineRun.of("import", "ion-runs", xlsx.toString(), "--sheet", "Runs", "--db", db());
        CommandLineRun missing = CommandLineRun.of("import", "ion-runs", xlsx.toString(), "--sheet", "Parts", "--db", db());
        CommandLineRun csvWithSheet = CommandLineRun.of("import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(),
                "--sheet", "Runs", "--db", db());

        assertThat(named.exitCode()).isZero();
        assertThat(named.json().get("successCount").asInt()).isEqualTo(5);
        assertThat(missing.exitCode()).isEqualTo(2);
        JsonNode problem = missing.json().get("fileErrors").get(0);
        assertThat(problem.get("code").asText()).isEqualTo("WORKSHEET_NOT_FOUND");
        assertThat(problem.get("message").asText())
                .isEqualTo("the workbook has no worksheet named \"Parts\"; it has \"Notes\", \"Runs\"");
        assertThat(csvWithSheet.exitCode()).isEqualTo(2);
        assertThat(csvWithSheet.err()).contains("--sheet applies to XLSX files only");
    }

    @Test
    void anXlsxErrorReportListsTheRowsWithTheirProblems() throws Exception {
        Path report = dir.resolve("errors.xlsx");

        CommandLineRun result = CommandLineRun.of("import", "ion-runs", SAMPLES.resolve("ion-runs-with-errors.csv").toString(),
                "--error-report", report.toString(), "--db", db());

        assertThat(result.exitCode()).isEqualTo(1);
        List<List<String>> rows = rows(XlsxSource.of(report));
        assertThat(rows.get(0)).endsWith("line", "Intake problems");
        assertThat(rows).hasSize(10);
        assertThat(rows.get(5)).startsWith("Negative quantity", "", "", "", "", "", "-3")
                .endsWith("row 6: Quantity: Quantity must be 0 or more, not -3");
    }

    @Test
    void anOldXlsFileIsNamedAsSuch() throws Exception {
        Path xls = dir.resolve("runs.xls");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1, 0, 0, 0, 0});

        CommandLineRun result = CommandLineRun.of("import", "ion-runs", xls.toString(), "--db", db());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.json().get("fileErrors").get(0).get("message").asText())
                .startsWith("this is an old Excel 97-2003 (.xls) file");
    }

    private static String[] args(Path file, String db, String... extra) {
        List<String> args = new ArrayList<>(List.of("import", "ion-runs", file.toString(), "--db", db));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Every row of a source, header first, as text. */
    static List<List<String>> rows(ImportSource source) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (RowSource reader = source.open(Limits.defaults())) {
            reader.header().ifPresent(row -> rows.add(row.cells()));
            for (Optional<SourceRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get().cells());
            }
        }
        return rows;
    }

    private static void writeTyped(List<List<String>> rows, Path file, String sheet) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            fill(workbook.newWorksheet(sheet), rows);
            workbook.finish();
        }
    }

    /** Writes cells as Excel would store what a user typed: numbers, dates and booleans typed. */
    private static void fill(Worksheet sheet, List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                String value = cells.get(c);
                if (value.isEmpty()) {
                    continue;
                }
                if (r > 0 && INTEGER.matcher(value).matches()) {
                    sheet.value(r, c, Long.parseLong(value));
                } else if (r > 0 && date(value) != null) {
                    sheet.value(r, c, date(value));
                    sheet.style(r, c).format("yyyy-mm-dd").set();
                } else if (r > 0 && (value.equals("true") || value.equals("false"))) {
                    sheet.value(r, c, Boolean.valueOf(value));
                } else {
                    sheet.value(r, c, value);
                }
            }
        }
    }

    private static LocalDate date(String value) {
        if (value.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
