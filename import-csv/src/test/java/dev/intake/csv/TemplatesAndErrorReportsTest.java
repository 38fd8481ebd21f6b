package dev.intake.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.AttributeCatalog;
import dev.intake.core.AttributeSpec;
import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.rule.Rules;
import dev.intake.core.type.Types;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplatesAndErrorReportsTest {
    private static final ImportDefinition PARTS = ImportDefinition.builder("parts")
            .column(Column.text("number").label("Item Number").required().example("PN-000001"))
            .column(Column.text("name").label("Name").required().example("Aluminum Housing"))
            .column(Column.integer("lead_time").label("Lead Time (Days)").rule(Rules.min(0)).example("14"))
            .customAttributes(AttributeCatalog.of(AttributeSpec.of("finish", Types.option("anodized", "raw"))))
            .key("number")
            .build();

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<ImportRow> parts = new InMemoryRecordRepository<>(transactions,
            row -> row.value("number", String.class));
    private final Importer<ImportRow> importer = Importer.builder(PARTS, parts).transactions(transactions).build();

    private static CsvSource csv(String text) {
        return CsvSource.of("parts.csv", text.getBytes(UTF_8));
    }

    private static String errorReport(ImportReport report, String text) {
        StringWriter out = new StringWriter();
        CsvErrorReport.write(report, csv(text), PARTS, out);
        return out.toString();
    }

    @Test
    void aTemplateHasLabelsExamplesAndCustomAttributesAndImportsWithoutItsExampleRow() {
        StringWriter out = new StringWriter();
        CsvTemplate.write(PARTS, ImportContext.empty(), out);

        assertThat(out.toString()).isEqualTo("Item Number,Name,Lead Time (Days),finish\r\n"
                + "PN-000001,Aluminum Housing,14,\r\n");
        ImportReport report = importer.commit(csv(out + "PN-000002,Pump,3,anodized\r\n"));
        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.totalRows()).isEqualTo(1);
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(3L);
        assertThat(parts.values()).hasSize(1);
        assertThat(parts.values().get(0).attributes()).containsEntry("finish", "anodized");
        assertThat(report.skippedRows()).containsExactly(new dev.intake.core.result.SkippedRow(2, "the template's"
                + " example row, left as it was downloaded: not imported; replace it with a row of yours, or delete it"));
    }

    @Test
    void aTemplateUploadedAsDownloadedCreatesNothingAndSaysWhy() {
        StringWriter out = new StringWriter();
        CsvTemplate.write(PARTS, ImportContext.empty(), out);

        ImportReport report = importer.commit(csv(out.toString()));

        assertThat(parts.values()).isEmpty();
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.fileErrors()).extracting(Problem::code, Problem::message).containsExactly(tuple(
                ProblemCode.EMPTY_FILE,
                "the file holds only the template's example row (row 2); add your rows in its place or below it"));
    }

    @Test
    void aRowIsTheExampleOnlyByAllItsCellsAMissingOneCountingAsEmpty() {
        // a tool rewrote row 2 as a short line: its first cell is the example's, the rest it lacks
        ImportReport report = importer.dryRun(csv("Item Number,Name,Lead Time (Days)\nPN-000001\n"));

        assertThat(report.skippedRows()).isEmpty();
        assertThat(report.totalRows()).isEqualTo(1);
        assertThat(report.failedRows()).extracting(dev.intake.core.result.FailedRow::rowNumber).containsExactly(2L);
    }

    @Test
    void anExampleRowTheUserChangedIsARowLikeAnyOther() {
        ImportReport report = importer.commit(csv("Item Number,Name,Lead Time (Days)\nPN-000001,Aluminum Housing,15\n"));

        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L);
    }

    @Test
    void aDryRunsErrorReportListsEveryRowWithItsProblemsAndFileProblemsFirst() {
        String file = "Item Number,Name,Lead Time (Days)\nPN-1,Pump,3\nPN-2,,-1\n\nPN-3,Valve,x\n";

        String text = errorReport(importer.dryRun(csv(file)), file);

        assertThat(text).isEqualTo("Item Number,Name,Lead Time (Days),Intake problems\r\n"
                + "PN-1,Pump,3,\r\n"
                + "PN-2,,-1,\"row 3: Lead Time (Days): Lead Time (Days) must be 0 or more, not -1; Name: Name is required\"\r\n"
                // the blank row 4 is not listed: the report's row 4 is the file's row 5
                + "PN-3,Valve,x,\"row 4: Lead Time (Days): Lead Time (Days) must be a whole number, not x\"\r\n");
    }

    @Test
    void aCommitsErrorReportListsOnlyTheRowsNotWrittenAndImportsOnceFixed() {
        String file = "Item Number,Name,Lead Time (Days)\nPN-1,Pump,3\nPN-2,,4\nPN-3,Valve,x\n";
        ImportReport first = importer.commit(csv(file));

        String report = errorReport(first, file);
        assertThat(report).isEqualTo("Item Number,Name,Lead Time (Days),Intake problems\r\n"
                // row 2 was written: the report's rows 2 and 3 are the file's 3 and 4
                + "PN-2,,4,row 2: Name: Name is required\r\n"
                + "PN-3,Valve,x,\"row 3: Lead Time (Days): Lead Time (Days) must be a whole number, not x\"\r\n");

        String fixed = report.replace("PN-2,,4", "PN-2,Seal,4").replace("PN-3,Valve,x", "PN-3,Valve,5");
        ImportReport second = importer.commit(csv(fixed));

        assertThat(second.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(parts.values()).extracting(row -> row.value("number", String.class).orElseThrow())
                .containsExactly("PN-1", "PN-2", "PN-3");
    }

    @Test
    void aRunsResultsListEveryRowWrittenOrNotWithItsProblems() {
        String file = "Item Number,Name,Lead Time (Days)\nPN-1,Pump,3\nPN-2,,4\nPN-3,Valve,5\n";
        ImportReport report = importer.commit(csv(file));
        assertThat(report.committed()).isTrue();

        StringWriter out = new StringWriter();
        CsvErrorReport.writeResults(report, dev.intake.core.result.ReportRows.of(report), csv(file), PARTS, out);

        assertThat(out.toString()).isEqualTo("Item Number,Name,Lead Time (Days),Intake problems\r\n"
                + "PN-1,Pump,3,\r\n"
                + "PN-2,,4,row 3: Name: Name is required\r\n"
                + "PN-3,Valve,5,\r\n");
    }

    @Test
    void fileProblemsComeFirst() {
        String file = "Item Number,Colour\nPN-1,red\n";

        String text = errorReport(importer.commit(csv(file)), file);

        assertThat(text).isEqualTo("Item Number,Colour,Intake problems\r\n"
                + "\"\",,file: Colour: column B (Colour) is neither a column of parts nor a configured custom attribute\r\n"
                + "\"\",,file: Name: the required column Name is missing from the header\r\n"
                + "PN-1,red,\r\n");
    }

    @Test
    void cellsThatWouldRunAsFormulasAreNeutralised() {
        String file = "Item Number,Name,Lead Time (Days)\n"
                + "=HYPERLINK(\"http://x\"),@SUM(A1),-3\n"
                + "+cmd,\"\tTab\",-1+2\n";

        String text = errorReport(importer.dryRun(csv(file)), file);

        List<String> lines = text.lines().toList();
        assertThat(lines.get(1)).startsWith("\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),-3,");
        assertThat(lines.get(2)).startsWith("'+cmd,'\tTab,-1+2,");
        assertThat(Optional.of(text)).get().asString().doesNotContain(",=").doesNotContain(",+");
    }

    @Test
    void aDownloadedReportImportsWhatTheFileHeldAndGuardsOnlyWhatWouldRun() {
        List<String> names = List.of("+1 555 0110", "-3", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "+cmd", "-A1",
                "'=already guarded", "''@twice", "'plain apostrophe", "it's fine");
        StringBuilder file = new StringBuilder("Item Number,Name,Lead Time (Days)\n");
        for (int i = 0; i < names.size(); i++) {
            file.append("PN-").append(i).append(",\"").append(names.get(i).replace("\"", "\"\"")).append("\",x\n");
        }

        String report = errorReport(importer.dryRun(csv(file.toString())), file.toString());
        List<String> written = report.lines().skip(1).map(line -> line.substring(line.indexOf(',') + 1)).toList();
        ImportReport again = importer.commit(csv(report.replace(",x,", ",1,")));

        assertThat(written).extracting(line -> line.substring(0, line.indexOf(",x,"))).containsExactly(
                "+1 555 0110", "-3", "\"'=HYPERLINK(\"\"http://x\"\")\"", "'@SUM(A1)", "'+cmd", "'-A1",
                "'=already guarded", "''@twice", "'plain apostrophe", "it's fine");
        assertThat(again.outcome()).isEqualTo(Outcome.SUCCESS);
        // What the first import read (a guard in the user's own file is one too), the report gives back.
        assertThat(parts.values()).extracting(row -> row.value("name", String.class).orElseThrow()).containsExactly(
                "+1 555 0110", "-3", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "+cmd", "-A1", "=already guarded",
                "'@twice", "'plain apostrophe", "it's fine");
    }

    @Test
    void aRowReferencesFailureReachesTheReportWithItsRowAndColumn() {
        ImportDefinition employees = ImportDefinition.builder("employees")
                .column(Column.email("email").required())
                .column(Column.email("manager_email"))
                .key("email")
                .rowReference(dev.intake.core.RowReference.builder("manager", "manager_email"))
                .build();
        String file = "email,manager_email\nada@example.com,bob@example.com\nbob@example.com,ada@example.com\n"
                + "eve@example.com,\n";
        ImportReport report = Importer.builder(employees, parts).transactions(transactions).build().dryRun(csv(file));
        StringWriter out = new StringWriter();

        CsvErrorReport.write(report, csv(file), employees, out);

        assertThat(out.toString()).isEqualTo("email,manager_email,Intake problems\r\n"
                + "ada@example.com,bob@example.com,row 2: manager_email: rows 2 \u2192 3 \u2192 2 refer to each other"
                + " in a cycle through manager_email\r\n"
                + "bob@example.com,ada@example.com,row 3: manager_email: rows 2 \u2192 3 \u2192 2 refer to each other"
                + " in a cycle through manager_email\r\n"
                + "eve@example.com,,\r\n");
    }
}
