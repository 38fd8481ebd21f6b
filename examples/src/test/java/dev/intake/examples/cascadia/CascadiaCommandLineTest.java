package dev.intake.examples.cascadia;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.examples.CommandLineRun;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Import API's importers on the command line: the same checks and writes as over HTTP, files as
 * CSV, XLSX or JSON rows, BOM relationships from {@code --bom} or a workbook's BOM sheet.
 */
class CascadiaCommandLineTest {
    private static final Path SAMPLES = Path.of("samples");
    private static final String PRE = "11111111-1111-4111-8111-111111111111";
    private static final String POST = "22222222-2222-4222-8222-222222222222";
    /** In the definition's order, which JSON rows have: a row lists its problems in its columns' order. */
    private static final List<String> HEADER = List.of("Item Number", "Name", "Type", "Currency", "Lead Time (Days)");
    private static final List<List<String>> ROWS = List.of(
            List.of("CLI-1", "Housing", "Manufacture", "USD", "14"),
            List.of("CLI-2", "", "Bought", "usd", "-1"),
            List.of("CLI-1", "Again", "", "", ""),
            List.of("", "Generated", "Purchase", "EURO", "seven"));

    @TempDir
    Path dir;

    private final String db = "jdbc:h2:mem:cascadia-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    @Test
    void theSameRowsAsCsvXlsxAndJsonGiveTheSameReport() throws Exception {
        StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append('\n');
        ROWS.forEach(row -> csv.append(String.join(",", row)).append('\n'));
        Path csvFile = Files.writeString(dir.resolve("parts.csv"), csv);
        Path xlsxFile = dir.resolve("parts.xlsx");
        try (OutputStream out = Files.newOutputStream(xlsxFile); Workbook workbook = new Workbook(out, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("Parts");
            for (int c = 0; c < HEADER.size(); c++) {
                sheet.value(0, c, HEADER.get(c));
            }
            for (int r = 0; r < ROWS.size(); r++) {
                for (int c = 0; c < HEADER.size(); c++) {
                    if (!ROWS.get(r).get(c).isEmpty()) {
                        sheet.value(r + 1, c, ROWS.get(r).get(c));
                    }
                }
            }
        }
        List<String> keys = List.of("itemNumber", "name", "partType", "costCurrency", "leadTimeDays");
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < ROWS.size(); r++) {
            json.append(r == 0 ? "{" : ",{");
            boolean first = true;
            for (int c = 0; c < keys.size(); c++) {
                if (!ROWS.get(r).get(c).isEmpty()) {
                    json.append(first ? "" : ",").append('"').append(keys.get(c)).append("\":\"")
                            .append(ROWS.get(r).get(c)).append('"');
                    first = false;
                }
            }
            json.append('}');
        }
        Path jsonFile = Files.writeString(dir.resolve("parts.json"), json.append(']'));

        CommandLineRun fromCsv = parts(csvFile);
        CommandLineRun fromXlsx = parts(xlsxFile);
        CommandLineRun fromJson = parts(jsonFile);

        assertThat(fromCsv.exitCode()).isEqualTo(1);
        JsonNode report = fromCsv.json();
        assertThat(report.get("importer").asText()).isEqualTo("cascadia-parts");
        assertThat(report.get("totalRows").asInt()).isEqualTo(4);
        assertThat(report.get("successCount").asInt()).isEqualTo(1);
        assertThat(report.get("failedRows").findValuesAsText("code")).containsExactly("INVALID_OPTION", "REQUIRED",
                "OUT_OF_RANGE", "DUPLICATE_KEY", "INVALID_OPTION", "INVALID_INTEGER");
        assertThat(fromXlsx.exitCode()).as(fromXlsx.err()).isEqualTo(1);
        assertThat(fromJson.exitCode()).as(fromJson.err()).isEqualTo(1);
        assertThat(fromXlsx.out()).isEqualTo(fromCsv.out());
        assertThat(fromJson.out()).isEqualTo(fromCsv.out());
    }

    private CommandLineRun parts(Path file) {
        return run("import", "cascadia-parts", file.toString(), "--as", "editor@example.com", "--design", PRE, "--db", db);
    }

    @Test
    void aCommitWithABomFileCreatesThePartsAndTheirLinks() throws Exception {
        CommandLineRun result = run("import", "cascadia-parts", SAMPLES.resolve("cascadia-parts.csv").toString(), "--commit",
                "--as", "admin@example.com", "--design", PRE, "--bom", SAMPLES.resolve("cascadia-parts-bom.csv").toString(),
                "--db", db);

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = result.json();
        assertThat(report.get("created").findValuesAsText("key")).containsExactly("PN-000201", "PN-000202", "PN-000203");
        assertThat(report.get("relationships").get("created").asInt()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM cascadia_bom_links")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM cascadia_items WHERE item_number LIKE 'PN-0002%'")).isEqualTo(3);
    }

    @Test
    void aWorkbooksBomSheetIsItsRelationships() throws Exception {
        Path file = dir.resolve("with-bom.xlsx");
        try (OutputStream out = Files.newOutputStream(file); Workbook workbook = new Workbook(out, "test", "1.0")) {
            Worksheet parts = workbook.newWorksheet("Parts");
            parts.value(0, 0, "Item Number");
            parts.value(0, 1, "Name");
            parts.value(1, 0, "WB-1");
            parts.value(1, 1, "Frame");
            parts.value(2, 0, "WB-2");
            parts.value(2, 1, "Panel");
            Worksheet bom = workbook.newWorksheet("BOM");
            bom.value(0, 0, "Parent Item Number");
            bom.value(0, 1, "Child Item Number");
            bom.value(0, 2, "Quantity");
            bom.value(1, 0, "WB-1");
            bom.value(1, 1, "WB-2");
            bom.value(1, 2, 4);
            bom.value(2, 0, "WB-2");
            bom.value(2, 1, "WB-2");
        }

        CommandLineRun result = run("import", "cascadia-parts", file.toString(), "--sheet", "Parts", "--commit", "--as",
                "admin@example.com", "--design", PRE, "--db", db);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        JsonNode relationships = result.json().get("relationships");
        assertThat(relationships.get("created").asInt()).isEqualTo(1);
        assertThat(relationships.get("failures").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(relationships.get("failures").get(0).get("errors").get(0).get("code").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(count("SELECT COUNT(*) FROM cascadia_bom_links WHERE quantity = 4")).isEqualTo(1);
    }

    @Test
    void requestChecksRefuseBeforeAnyRowAndOptionsAreChecked() throws Exception {
        CommandLineRun branch = run("import", "cascadia-documents", SAMPLES.resolve("cascadia-parts.csv").toString(), "--commit",
                "--as", "editor@example.com", "--design", POST, "--db", db);
        assertThat(branch.exitCode()).isEqualTo(2);
        assertThat(branch.json().get("fileErrors").get(0).get("code").asText()).isEqualTo("BRANCH_REQUIRED");
        assertThat(branch.json().get("totalRows").asInt()).isZero();

        CommandLineRun outsider = run("import", "cascadia-parts", SAMPLES.resolve("cascadia-parts.csv").toString(), "--as",
                "outsider@example.com", "--design", PRE, "--db", db);
        assertThat(outsider.json().get("fileErrors").get(0).get("code").asText()).isEqualTo("NOT_AUTHORIZED");

        CommandLineRun noCaller = run("import", "cascadia-parts", SAMPLES.resolve("cascadia-parts.csv").toString(), "--design", PRE,
                "--db", db);
        assertThat(noCaller.exitCode()).isEqualTo(2);
        assertThat(noCaller.err()).contains("cascadia-parts needs --as EMAIL");
        CommandLineRun badDesign = run("import", "cascadia-parts", SAMPLES.resolve("cascadia-parts.csv").toString(), "--as",
                "admin@example.com", "--design", "motor", "--db", db);
        assertThat(badDesign.err()).contains("--design must be a UUID, not motor");
        CommandLineRun ionWithDesign = run("import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(), "--design", PRE,
                "--db", db);
        assertThat(ionWithDesign.exitCode()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM cascadia_items")).isEqualTo(4);
    }

    @Test
    void theTemplateIsTheSeeds() {
        CommandLineRun template = run("template", "cascadia-parts", "--db", db);

        assertThat(template.exitCode()).isZero();
        assertThat(template.out().split("\r\n")).containsExactly(
                "Item Number,Name,Revision,Description,Type,Material,Weight,Weight Unit,Cost,Currency,Lead Time (Days)",
                "PN-000001,Aluminum Housing,-,Main housing for the motor assembly,Manufacture,Aluminum 6061-T6,2.5,kg,125.00,USD,14");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
