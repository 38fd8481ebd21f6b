package dev.intake.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.AttributeCatalog;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Rules;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.SourceRow;
import dev.intake.core.type.Types;
import dev.intake.csv.CsvSource;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import dev.intake.testkit.RowSourceChecks;
import dev.intake.xlsx.XlsxSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

class JsonSourceTest {
    private static final ImportDefinition PARTS = ImportDefinition.builder("parts")
            .column(Column.text("itemNumber").rule(Rules.maxLength(100)).example("PN-000001"))
            .column(Column.text("name").required().rule(Rules.maxLength(500)).example("Aluminum Housing"))
            .column(Column.text("weight").example("2.5"))
            .column(Column.integer("leadTimeDays").rule(Rules.range(0, Long.MAX_VALUE)).example("14"))
            .column(Column.option("partType", "Manufacture", "Purchase").label("Type"))
            .column(Column.bool("active"))
            .customAttributes(AttributeCatalog.open(Types.text()))
            .key("itemNumber")
            .build();

    private static JsonSource body(String json) {
        return JsonSource.builder("request", json.getBytes(StandardCharsets.UTF_8))
                .fields(PARTS).rowsField("rows").attributesField("attributes").build();
    }

    private static InMemoryRecordRepository<ImportRow> repository() {
        return new InMemoryRecordRepository<>(new InMemoryTransactions(), row -> row.text("itemNumber"));
    }

    private static ImportReport dryRun(ImportSource source) {
        return Importer.builder(PARTS, repository()).build().dryRun(source);
    }

    @Test
    void aPerRowCommitReadsTheAttributeNamesOnceAndRefusesADocumentThatGainedOne() throws IOException {
        String first = """
                {"rows": [{"itemNumber": "PN-1", "name": "Housing", "attributes": {"finish": "anodized"}},
                          {"itemNumber": "PN-2", "name": "Shaft", "attributes": {"Colour": "red"}}]}
                """;
        java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> document = new java.util.concurrent.atomic.AtomicReference<>(first);
        JsonSource source = JsonSource.builder("request", () -> {
            opens.incrementAndGet();
            return new java.io.ByteArrayInputStream(document.get().getBytes(StandardCharsets.UTF_8));
        }).fields(PARTS).rowsField("rows").attributesField("attributes").build();
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<ImportRow> parts = new InMemoryRecordRepository<>(transactions,
                row -> row.text("itemNumber"));

        ImportReport report = Importer.builder(PARTS, parts).transactions(transactions)
                .policy(dev.intake.spi.CommitPolicy.PER_ROW).build().commit(source);

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(parts.values()).extracting(row -> row.attributes().get("Colour")).containsExactly(null, "red");
        // the names once, then the rows for the check and digest, then the rows to write
        assertThat(opens).hasValue(3);

        document.set(first.replace("\"Colour\": \"red\"", "\"Colour\": \"red\", \"coating\": \"zinc\""));
        try (dev.intake.core.source.RowSource rows = source.open(Limits.defaults())) {
            assertThat(rows.header().orElseThrow().cells()).containsExactly("itemNumber", "name", "weight",
                    "leadTimeDays", "partType", "active", "finish", "Colour");
            assertThat(rows.next()).isPresent();
            assertThatThrownBy(rows::next).isInstanceOfSatisfying(dev.intake.core.source.SourceException.class,
                    e -> assertThat(e.problem()).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                            "the document changed since it was first read: the attribute coating was not in it"
                                    + " (line 2, column 95)")));
        }
        assertThat(opens).hasValue(4);
    }

    @Test
    void rowsUnderTheNamedFieldAreCellsNumberedFromTwoWithTheRestOfTheBodySkipped() {
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<ImportRow> parts = new InMemoryRecordRepository<>(transactions,
                row -> row.text("itemNumber"));
        ImportReport report = Importer.builder(PARTS, parts).transactions(transactions).build().commit(body("""
                {"designId": "d1", "options": {"deep": [1, [2, {"x": null}]]},
                 "rows": [
                   {"itemNumber": "PN-1", "name": "Housing", "weight": 2.50, "leadTimeDays": 14, "active": true,
                    "attributes": {"finish": "anodized", "Colour": 3}},
                   {"name": "Shaft", "weight": "1e3", "leadTimeDays": "7", "active": null, "attributes": null},
                   {"itemNumber": "PN-3", "name": "Bolt", "attributes": {"finish": "raw"}}
                 ],
                 "bomRelationships": [{"parentItemNumber": "PN-1", "childItemNumber": "PN-3"}]}
                """));

        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.totalRows()).isEqualTo(3);
        List<ImportRow> rows = parts.values();
        assertThat(rows).extracting(ImportRow::rowNumber).containsExactly(2L, 3L, 4L);
        assertThat(rows.get(0).text("weight")).contains("2.50");
        assertThat(rows.get(0).value("leadTimeDays", Long.class)).contains(14L);
        assertThat(rows.get(0).value("active", Boolean.class)).contains(true);
        assertThat(rows.get(0).attributes()).isEqualTo(Map.of("finish", "anodized", "Colour", "3"));
        assertThat(rows.get(1).text("itemNumber")).isEmpty();
        assertThat(rows.get(1).text("weight")).contains("1e3");
        assertThat(rows.get(1).value("active", Boolean.class)).isEmpty();
        assertThat(rows.get(1).attributes()).isEmpty();
        assertThat(rows.get(2).attributes()).isEqualTo(Map.of("finish", "raw"));
    }

    @Test
    void unknownDuplicateAndNestedFieldsAreProblemsOfTheirRowNamingTheField() {
        ImportReport report = dryRun(body("""
                {"rows": [
                  {"name": "ok"},
                  {"name": "a", "colour": "red", "item_number": "x"},
                  {"name": "b", "name": "c"},
                  {"name": {"first": "d"}, "weight": [1, 2]},
                  "not a row",
                  {"name": "e", "attributes": ["finish"]},
                  {"name": "f", "attributes": {"name": "g", "finish": {"x": 1}, "Finish": "h"}},
                  {"name": "ok too"}
                ]}
                """));

        assertThat(report.totalRows()).isEqualTo(8);
        assertThat(report.successCount()).isEqualTo(2);
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(problems(report, 3)).containsExactly(
                "UNKNOWN_FIELD colour the field colour is not one a row may have",
                "UNKNOWN_FIELD item_number the field item_number is not one a row may have; did you mean itemNumber?");
        assertThat(problems(report, 4)).containsExactly("DUPLICATE_FIELD name the field name is given twice in the row");
        assertThat(problems(report, 5)).containsExactly(
                "INVALID_FORMAT name name must be a text, a number or a boolean, not an object",
                "INVALID_FORMAT weight weight must be a text, a number or a boolean, not an array",
                "REQUIRED name name is required");
        assertThat(problems(report, 6)).containsExactly(
                "INVALID_FORMAT - the row must be an object of fields, not a text",
                "REQUIRED name name is required");
        assertThat(problems(report, 7)).containsExactly(
                "INVALID_FORMAT attributes attributes must be an object of attribute names to values, not an array");
        assertThat(problems(report, 8)).containsExactly(
                "DUPLICATE_FIELD name the attribute name has the name of a field; give it as the field",
                "INVALID_FORMAT finish finish must be a text, a number or a boolean, not an object",
                "DUPLICATE_FIELD Finish the attribute Finish is given twice in the row");
    }

    @Test
    void aMisspelledFieldGetsTheSameSuggestionAHeaderWould() {
        ImportReport report = dryRun(body("""
                {"rows": [{"name": "a", "leadTimeDay": 3, "wieght": "2", "partTyp": "Purchase", "zzzzzz": 1}]}
                """));

        assertThat(problems(report, 2)).containsExactly(
                "UNKNOWN_FIELD leadTimeDay the field leadTimeDay is not one a row may have; did you mean leadTimeDays?",
                "UNKNOWN_FIELD wieght the field wieght is not one a row may have; did you mean weight?",
                "UNKNOWN_FIELD partTyp the field partTyp is not one a row may have; did you mean partType?",
                "UNKNOWN_FIELD zzzzzz the field zzzzzz is not one a row may have");
    }

    @Test
    void fieldsAndAttributesAreTypedAsTheDefinitionAndTheApiSay() {
        ImportReport report = dryRun(JsonSource.builder("request", """
                {"rows": [
                  {"name": true},
                  {"name": "a", "weight": 2.5, "active": true, "attributes": {"finish": 7}},
                  {"name": "b", "attributes": {"finish": false, "coat": "gloss", "none": null}},
                  {"name": "c\\ud800d"},
                  {"name": "e\\ud83d\\ude00"}
                ]}
                """.getBytes(StandardCharsets.UTF_8)).fields(PARTS).rowsField("rows").attributesField("attributes")
                .textAttributes().build());

        assertThat(report.totalRows()).isEqualTo(5);
        assertThat(problems(report, 2)).containsExactly("INVALID_FORMAT name name must be a text or a number, not a boolean",
                "REQUIRED name name is required");
        assertThat(problems(report, 3)).containsExactly(
                "INVALID_FORMAT finish the attribute finish must be a text (in double quotes), not a number");
        assertThat(problems(report, 4)).containsExactly(
                "INVALID_FORMAT finish the attribute finish must be a text (in double quotes), not a boolean");
        assertThat(problems(report, 5)).containsExactly("INVALID_FORMAT name name holds half of a UTF-16 pair (an escape"
                + " such as \\ud800 alone), which is not text", "REQUIRED name name is required");
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(2L, 3L, 4L, 5L);
        assertThat(report.successCount()).as("a whole pair is text").isEqualTo(1);

        ImportReport lenient = dryRun(body("{\"rows\": [{\"name\": \"d\", \"attributes\": {\"finish\": 7}}]}"));
        assertThat(lenient.successCount()).as("without textAttributes a number is its text").isEqualTo(1);
    }

    @Test
    void aRowEqualToTheTemplatesExampleIsImportedNotSkipped() {
        ImportReport report = dryRun(body("""
                {"rows": [{"itemNumber": "PN-000001", "name": "Aluminum Housing", "weight": "2.5", "leadTimeDays": 14}]}
                """));

        assertThat(report.totalRows()).isEqualTo(1);
        assertThat(report.successCount()).isEqualTo(1);
    }

    @Test
    void malformedAndMisshapenDocumentsAreOneFileProblemWithLineAndColumn() {
        assertThat(fileProblem(body("{\"rows\": [\n  {\"name\": \"a\"},\n  {\"name\": \"b\" \"x\"}\n]}")))
                .isEqualTo("UNREADABLE_FILE the document is not valid JSON: '\"' where ',' or '}' was expected"
                        + " (line 3, column 17)");
        assertThat(fileProblem(body("{\"designId\": \"d\"}"))).isEqualTo("EMPTY_FILE the document has no rows array (line 1, column 18)");
        assertThat(fileProblem(body("{\"rows\": {\"name\": \"a\"}}"))).startsWith("UNREADABLE_FILE rows must be an array of row objects");
        assertThat(fileProblem(body("[{\"name\": \"a\"}]"))).startsWith("UNREADABLE_FILE the document must be an object with a rows array");
        assertThat(fileProblem(body(""))).startsWith("EMPTY_FILE the document is empty");
        assertThat(fileProblem(body("{\"rows\": [{\"name\": \"a\"}]} {}"))).startsWith("UNREADABLE_FILE the document goes on after its end");
        assertThat(fileProblem(body("{\"rows\": [{\"name\": \"a\"}"))).startsWith(
                "UNREADABLE_FILE the document is not valid JSON: the document ends before its JSON is complete (line 1");
        byte[] latin1 = "{\"rows\": [{\"name\": \"Müller\"}]}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(fileProblem(JsonSource.builder("latin1", latin1).fields(PARTS).rowsField("rows").build()))
                .startsWith("UNREADABLE_FILE the document is not valid JSON: the document is not valid UTF-8 text (line 1");
    }

    @Test
    void hostileDocumentsStopAtTheirLimitInBoundedMemory() {
        String deep = "{\"rows\": [{\"name\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}]}";
        assertThat(fileProblem(body(deep))).startsWith("LIMIT_EXCEEDED the document nests deeper than allowed (at most ");

        String longText = "{\"rows\": [{\"name\": \"" + "x".repeat(40_000) + "\"}]}";
        assertThat(fileProblem(body(longText))).startsWith("LIMIT_EXCEEDED a string is longer than allowed (at most 32767)");

        String longNumber = "{\"rows\": [{\"weight\": " + "9".repeat(5_000) + "}]}";
        assertThat(fileProblem(body(longNumber))).startsWith("LIMIT_EXCEEDED a number has more digits than allowed (at most ");

        ImportDefinition small = ImportDefinition.builder("small").column(Column.text("name"))
                .limits(Limits.defaults().withMaxBytes(1_000)).build();
        String big = "[" + "{\"name\": \"abcdefghij\"},".repeat(100) + "{}]";
        ImportReport report = Importer.builder(small, repository()).build().dryRun(
                JsonSource.builder("big", big.getBytes(StandardCharsets.UTF_8)).fields(small).build());
        assertThat(report.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.LIMIT_EXCEEDED);
        assertThat(report.fileErrors().get(0).message()).startsWith("the document is longer than allowed (at most 1000)");
        assertThat(report.fileErrors().get(0).message()).doesNotContain("StreamReadConstraints", "jackson", "`");

        ImportReport huge = dryRun(body("{\"rows\": [{\"name\": \"a\", \"leadTimeDays\": 1e1000000}]}"));
        assertThat(problems(huge, 2)).singleElement().asString().startsWith("INVALID_INTEGER leadTimeDays");
    }

    @Test
    void jsonLinesNumberRowsByTheirLine() {
        String lines = "{\"name\": \"a\"}\n\n{\"name\": \"b\", \"leadTimeDays\": -1}\n{\"name\": \"c\"}\n";
        JsonSource source = JsonSource.builder("rows.jsonl", lines.getBytes(StandardCharsets.UTF_8)).fields(PARTS).lines().build();

        ImportReport report = dryRun(source);

        assertThat(report.totalRows()).isEqualTo(3);
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(4L);
        RowSourceChecks.Read read = RowSourceChecks.readAll(source, Limits.defaults());
        assertThat(read.rows()).extracting(SourceRow::rowNumber).containsExactly(2L, 4L, 5L);
        assertThat(fileProblem(JsonSource.builder("two.jsonl", "{\"name\":\"a\"} {\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8))
                .fields(PARTS).lines().build())).startsWith("UNREADABLE_FILE line 1 holds a second row");
    }

    @Test
    void aBareArrayWithAnotherFirstRowNumberWhereAnEmptyObjectIsARow() {
        JsonSource source = JsonSource.builder("rows.json", "[{\"name\": \"a\"}, {}, {\"name\": \"c\"}]".getBytes(StandardCharsets.UTF_8))
                .fields(PARTS).firstRowNumber(10).build();

        ImportReport report = dryRun(source);

        assertThat(report.totalRows()).isEqualTo(3);
        assertThat(report.successCount()).isEqualTo(2);
        assertThat(problems(report, 11)).containsExactly("REQUIRED name name is required");
        assertThat(RowSourceChecks.readAll(source, Limits.defaults()).rows()).extracting(SourceRow::rowNumber)
                .containsExactly(10L, 11L, 12L);
    }

    @Test
    void theSameRowsAsCsvXlsxAndJsonGiveTheSameReport() throws IOException {
        String[][] rows = {
                {"PN-1", "Housing", "2.5", "14", "Manufacture", "yes"},
                {"PN-2", "", "1", "-3", "Bought", "perhaps"},
                {"PN-1", "Duplicate", "", "", "", ""},
                {"", "No number", "", "seven", "Purchase", "0"},
        };
        List<String> header = List.of("itemNumber", "name", "weight", "leadTimeDays", "partType", "active");
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        StringBuilder json = new StringBuilder("{\"rows\": [");
        for (int r = 0; r < rows.length; r++) {
            csv.append(String.join(",", rows[r])).append('\n');
            json.append(r == 0 ? "" : ",").append('{');
            boolean first = true;
            for (int c = 0; c < header.size(); c++) {
                if (!rows[r][c].isEmpty()) {
                    json.append(first ? "" : ",").append('"').append(header.get(c)).append("\":\"").append(rows[r][c]).append('"');
                    first = false;
                }
            }
            json.append('}');
        }
        json.append("]}");
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(xlsx, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("parts");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
            }
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < header.size(); c++) {
                    if (!rows[r][c].isEmpty()) {
                        sheet.value(r + 1, c, rows[r][c]);
                    }
                }
            }
        }

        String fromCsv = reportJson(dryRun(CsvSource.of("parts.csv", csv.toString().getBytes(StandardCharsets.UTF_8))));
        String fromXlsx = reportJson(dryRun(XlsxSource.of("parts.xlsx", xlsx.toByteArray())));
        String fromJson = reportJson(dryRun(body(json.toString())));

        assertThat(fromJson).contains("\"totalRows\": 4", "\"errorCount\": 3", "INVALID_OPTION", "DUPLICATE_KEY",
                "INVALID_INTEGER", "OUT_OF_RANGE", "INVALID_BOOLEAN", "\"rowNumber\": 5");
        assertThat(fromCsv).isEqualTo(fromJson);
        assertThat(fromXlsx).isEqualTo(fromJson);
    }

    @Test
    void aSourceNeedsItsFieldsAndTheAttributesFieldMustNotBeOne() {
        assertThatThrownBy(() -> JsonSource.builder("x", new byte[0]).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fields(definition)");
        assertThatThrownBy(() -> JsonSource.builder("x", new byte[0]).fields(List.of("name")).attributesField("name").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonSource.builder("x", new byte[0]).fields(List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonSource.builder("x", new byte[0]).firstRowNumber(1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileBytesKeepTheRowSourcePromises() {
        List<String> documents = List.of("", "[", "]", "{", "[1,2,3]", "[{}]", "[[[[]]]]", "{\"rows\":[]}",
                "[{\"name\":\"\\ud800\"}]", "[{\"name\":\"a\u0000b\"}]", "\uFEFF[{\"name\":\"bom\"}]", "[{\"a\":1}]".repeat(3),
                "[{\"name\": 01}]", "[{\"name\": NaN}]", "[{\"name\": 'single'}]", "[{name: \"x\"}]", "[{\"name\": \"x\",}]");
        for (String document : documents) {
            RowSourceChecks.Read read = RowSourceChecks.readAll(JsonSource.builder("hostile",
                    document.getBytes(StandardCharsets.UTF_8)).fields(PARTS).attributesField("attributes").build(),
                    Limits.defaults());
            assertThat(read.rows().size() + (read.problem().isPresent() ? 1 : 0)).as(document).isPositive();
        }
    }

    private static String fileProblem(JsonSource source) {
        ImportReport report = dryRun(source);
        assertThat(report.fileErrors()).hasSize(1);
        Problem problem = report.fileErrors().get(0);
        return problem.code() + " " + problem.message();
    }

    private static List<String> problems(ImportReport report, long rowNumber) {
        return report.failedRows().stream().filter(row -> row.rowNumber() == rowNumber).findFirst().orElseThrow()
                .errors().stream().map(p -> p.code() + " " + p.column().orElse("-") + " " + p.message()).toList();
    }

    private static String reportJson(ImportReport report) {
        StringWriter out = new StringWriter();
        ReportJson.write(report, out);
        return out.toString().replaceAll("\"(startedAt|finishedAt|durationMillis|file|source)\":[^,}]*,?", "");
    }
}
