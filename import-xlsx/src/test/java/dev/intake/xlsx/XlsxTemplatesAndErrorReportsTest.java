package dev.intake.xlsx;

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
import dev.intake.core.result.WrittenRow;
import dev.intake.core.rule.Rules;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.SourceRow;
import dev.intake.core.type.Types;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class XlsxTemplatesAndErrorReportsTest {
    private static final ImportDefinition PARTS = ImportDefinition.builder("parts")
            .column(Column.text("number").label("Item Number").required().example("PN-000001")
                    .description("The part's number"))
            .column(Column.text("name").label("Name").required().example("Aluminum Housing"))
            .column(Column.integer("lead_time").label("Lead Time (Days)").rule(Rules.min(0)).example("14"))
            .column(Column.option("kind", "Manufacture", "Purchase").label("Kind").example("Purchase"))
            .column(Column.bool("active").label("Active").example("TRUE"))
            .customAttributes(AttributeCatalog.of(AttributeSpec.of("finish", Types.option("anodized", "raw"))))
            .key("number")
            .build();

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<ImportRow> parts = new InMemoryRecordRepository<>(transactions,
            row -> row.value("number", String.class));
    private final Importer<ImportRow> importer = Importer.builder(PARTS, parts).transactions(transactions)
            .policy(CommitPolicy.PER_ROW).build();

    private static byte[] template() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxTemplate.write(PARTS, ImportContext.empty(), out);
        return out.toByteArray();
    }

    private static byte[] errorReport(ImportReport report, ImportSource source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxErrorReport.write(report, source, PARTS, out);
        return out.toByteArray();
    }

    @Test
    void aTemplateHasLabelsTheExampleRowAndCustomAttributesOnItsFirstSheet() throws IOException {
        List<SourceRow> rows = XlsxSourceTest.rows(XlsxSource.of("parts.xlsx", template()));

        assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::cells).containsExactly(
                tuple(1L, List.of("Item Number", "Name", "Lead Time (Days)", "Kind", "Active", "finish")),
                tuple(2L, List.of("PN-000001", "Aluminum Housing", "14", "Purchase", "TRUE", "")));
    }

    @Test
    void aTemplateDescribesEachColumnOnASecondSheet() throws IOException {
        List<SourceRow> rows = XlsxSourceTest.rows(XlsxSource.of("parts.xlsx", template()).sheet("Columns"));

        assertThat(rows).extracting(SourceRow::cells).containsExactly(
                List.of("Column", "Key", "Type", "Required", "Allowed values", "Description", "Example"),
                List.of("Item Number", "number", "text", "yes", "", "The part's number", "PN-000001"),
                List.of("Name", "name", "text", "yes", "", "", "Aluminum Housing"),
                List.of("Lead Time (Days)", "lead_time", "integer", "no", "", "", "14"),
                List.of("Kind", "kind", "option", "no", "Manufacture, Purchase", "", "Purchase"),
                List.of("Active", "active", "boolean", "no", "TRUE, FALSE", "", "TRUE"),
                List.of("finish", "finish", "option", "no", "anodized, raw", "", ""));
    }

    @Test
    void optionAndBooleanColumnsHaveDropdownsAndRequiredColumnsAreMarked() {
        Map<String, String> parts = unzip(template());
        String sheet = parts.get("xl/worksheets/sheet1.xml");

        assertThat(dropdowns(sheet)).containsExactly("D2:D1048576 'Lists'!$A$1:$A$2",
                "E2:E1048576 'Lists'!$B$1:$B$2", "F2:F1048576 'Lists'!$C$1:$C$2");
        assertThat(parts.get("xl/workbook.xml")).containsPattern("name=\"Lists\"[^>]*state=\"hidden\"");
        assertThat(parts.get("xl/styles.xml")).contains("C00000");
        assertThat(parts.values()).anySatisfy(xml -> assertThat(xml).contains("Required"));
        assertThat(sheet).doesNotContain("<f>");
    }

    @Test
    void aTemplateFilledInAndUploadedImportsCleanlyWithoutItsExampleRow() {
        byte[] filled = fill(template(), RawWorkbook.row(3, "PN-000002", "Pump", "3", "Manufacture", "FALSE", "raw"));

        ImportReport report = importer.commit(XlsxSource.of("parts.xlsx", filled));

        assertThat(report.fileErrors()).isEmpty();
        assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(3L);
        assertThat(parts.values()).hasSize(1);
        assertThat(parts.values().get(0).value("active", Boolean.class)).contains(false);
        assertThat(parts.values().get(0).attributes()).containsEntry("finish", "raw");
    }

    @Test
    void anErrorReportKeepsTheUsersRowsNamesEachProblemAndFillsTheFailedCells() {
        XlsxSource upload = XlsxSource.of("parts.xlsx", RawWorkbook.of(RawWorkbook.row(1, "Item Number", "Name",
                "Lead Time (Days)", "finish")
                + RawWorkbook.row(2, "PN-1", "Pump", "3", "raw")
                + RawWorkbook.row(3, "PN-2", "", "-1", "chrome")
                + RawWorkbook.row(4, "PN-3", "=HYPERLINK(\"http://x\")", "2")).bytes());
        ImportReport report = importer.dryRun(upload);

        byte[] workbook = errorReport(report, upload);

        List<SourceRow> rows = read(workbook);
        assertThat(rows).extracting(SourceRow::cells).containsExactly(
                List.of("Item Number", "Name", "Lead Time (Days)", "finish", "Intake problems"),
                List.of("PN-1", "Pump", "3", "raw", ""),
                List.of("PN-2", "", "-1", "chrome", "row 3: Lead Time (Days): Lead Time (Days) must be 0 or more, not -1;"
                        + " finish: finish must be one of anodized, raw, not chrome; Name: Name is required"),
                List.of("PN-3", "=HYPERLINK(\"http://x\")", "2", "", ""));
        Map<String, String> parts = unzip(workbook);
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        Pattern filled = failedStyles(parts.get("xl/styles.xml"));
        assertThat(styleOf(sheet, "B3")).matches(filled);
        assertThat(styleOf(sheet, "C3")).matches(filled);
        assertThat(styleOf(sheet, "D3")).matches(filled);
        assertThat(styleOf(sheet, "A3")).doesNotMatch(filled);
        assertThat(sheet).doesNotContain("<f>");
    }

    @Test
    void afterACommitOnlyTheRowsNotWrittenAreListedAndTheFixedReportImports() {
        String csv = "Item Number,Name,Lead Time (Days)\nPN-1,Pump,3\nPN-2,,4\nPN-3,Valve,-1\n";
        ImportSource upload = dev.intake.csv.CsvSource.of("parts.csv", csv.getBytes(UTF_8));
        ImportReport report = importer.commit(upload);

        byte[] workbook = errorReport(report, upload);

        assertThat(read(workbook)).extracting(row -> row.cells().subList(0, 3)).containsExactly(
                List.of("Item Number", "Name", "Lead Time (Days)"), List.of("PN-2", "", "4"), List.of("PN-3", "Valve", "-1"));
        String fixedSheet = unzip(workbook).get("xl/worksheets/sheet1.xml")
                .replaceFirst("<c r=\"B2\"( s=\"\\d+\")?(/>|></c>)", "<c r=\"B2\"$1 t=\"inlineStr\"><is><t>Gasket</t></is></c>")
                .replaceFirst("(<c r=\"C3\"[^>]*><is><t>)-1", "$10");
        byte[] fixed = replacePart(workbook, "xl/worksheets/sheet1.xml", fixedSheet);
        ImportReport again = importer.commit(XlsxSource.of("fixed.xlsx", fixed));
        assertThat(again.fileErrors()).isEmpty();
        assertThat(again.failedRows()).isEmpty();
        assertThat(again.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(parts.values()).extracting(row -> row.text("number").orElseThrow())
                .containsExactly("PN-1", "PN-2", "PN-3");
    }

    @Test
    void aRowReferencesFailureFillsItsCellAndNamesTheRows() {
        ImportDefinition parts = ImportDefinition.builder("parts")
                .column(Column.text("number").label("Item Number").required())
                .column(Column.text("parent").label("Parent"))
                .key("number")
                .rowReference(dev.intake.core.RowReference.builder("parent", "parent"))
                .build();
        XlsxSource upload = XlsxSource.of("parts.xlsx", RawWorkbook.of(RawWorkbook.row(1, "Item Number", "Parent")
                + RawWorkbook.row(2, "ASM-1", "ASM-2") + RawWorkbook.row(3, "ASM-2", "ASM-1")
                + RawWorkbook.row(4, "PN-1", "ASM-9")).bytes());
        ImportReport report = Importer.builder(parts, this.parts).transactions(transactions).build().dryRun(upload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        XlsxErrorReport.write(report, upload, parts, out);

        byte[] workbook = out.toByteArray();
        assertThat(read(workbook)).extracting(row -> row.cells().get(2)).containsExactly("Intake problems",
                "row 2: Parent: rows 2 \u2192 3 \u2192 2 refer to each other in a cycle through Parent",
                "row 3: Parent: rows 2 \u2192 3 \u2192 2 refer to each other in a cycle through Parent",
                "row 4: Parent: no row of the file has Item Number ASM-9");
        Map<String, String> unzipped = unzip(workbook);
        Pattern filled = failedStyles(unzipped.get("xl/styles.xml"));
        String sheet = unzipped.get("xl/worksheets/sheet1.xml");
        assertThat(styleOf(sheet, "B2")).matches(filled);
        assertThat(styleOf(sheet, "B4")).matches(filled);
        assertThat(styleOf(sheet, "A2")).doesNotMatch(filled);
    }

    @Test
    void fileProblemsStandOnASheetOfTheirOwnAndTheRowsKeepTheirPlaces() throws IOException {
        ImportSource broken = XlsxSource.of("parts.xlsx", RawWorkbook.of(RawWorkbook.row(1, "Item Number", "Nmae")
                + RawWorkbook.row(2, "PN-1", "Pump")).bytes());
        ImportReport report = importer.dryRun(broken);

        byte[] workbook = errorReport(report, broken);
        List<SourceRow> rows = read(workbook);
        List<SourceRow> fileProblems = XlsxSourceTest.rows(XlsxSource.of("report.xlsx", workbook)
                .sheet(XlsxErrorReport.FILE_PROBLEMS_SHEET));

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L);
        assertThat(rows.get(0).cells()).containsExactly("Item Number", "Nmae", "Intake problems");
        assertThat(rows.get(1).cells().subList(0, 2)).containsExactly("PN-1", "Pump");
        assertThat(fileProblems.get(0).cells()).containsExactly("Intake problems");
        assertThat(fileProblems.get(1).cells().get(0)).startsWith("file: ").contains("Nmae");
    }

    @Test
    void resultsOfAWorkbookAtExcelsLastRowWithAFileProblemFitTheirSheet() throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("excel-limit");
        try {
            java.nio.file.Path file = dir.resolve("full.xlsx");
            int dataRows = 1_048_575;
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file);
                    org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "test", "1.0")) {
                org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet("Parts");
                sheet.inlineString(0, 0, "Item Number");
                sheet.inlineString(0, 1, "Name");
                for (int r = 1; r <= dataRows; r++) {
                    sheet.inlineString(r, 0, "P-" + r);
                    sheet.inlineString(r, 1, "Part");
                    if (r % 10_000 == 0) {
                        sheet.flush();
                    }
                }
            }
            // no key: what the engine remembers per key grows with the rows (issue 25), the report must not
            ImportDefinition unkeyed = ImportDefinition.builder("parts").column(Column.text("number").label("Item Number"))
                    .column(Column.text("name").label("Name")).build();
            ImportSource source = XlsxSource.of(file);
            ImportReport report = Importer.builder(unkeyed, new InMemoryRecordRepository<ImportRow>(transactions))
                    .build().dryRun(source);
            assertThat(report.fileErrors()).extracting(problem -> problem.code().name()).contains("TOO_MANY_ROWS");

            java.nio.file.Path results = dir.resolve("results.xlsx");
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(results)) {
                XlsxErrorReport.writeResults(report, dev.intake.spi.RowSpool.create(), source, unkeyed, out);
            }

            long rows = 0;
            try (dev.intake.core.source.RowSource read = XlsxSource.of(results).open(
                    dev.intake.core.Limits.defaults().withMaxRows(2_000_000))) {
                while (read.next().isPresent()) {
                    rows++;
                }
            }
            assertThat(rows).as("the header and every data row: the sheet's 1,048,576 rows").isEqualTo(dataRows + 1L);
            List<SourceRow> problems = XlsxSourceTest.rows(XlsxSource.of(results).sheet(XlsxErrorReport.FILE_PROBLEMS_SHEET));
            assertThat(problems.get(1).cells().get(0)).startsWith("file: ").contains("1000000");
        } finally {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path path : files.toList()) {
                    java.nio.file.Files.delete(path);
                }
            }
            java.nio.file.Files.delete(dir);
        }
    }

    private static List<SourceRow> read(byte[] workbook) {
        try {
            return XlsxSourceTest.rows(XlsxSource.of("report.xlsx", workbook));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> dropdowns(String sheet) {
        Matcher matcher = Pattern.compile("<dataValidation sqref=\"([^\"]+)\"[^>]*type=\"list\"[^>]*><formula1>([^<]+)"
                + "</formula1>").matcher(sheet);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1) + " " + matcher.group(2).replace("&apos;", "'"));
        }
        return found;
    }

    /** A pattern matching the style indexes whose fill is the failed-cell red. */
    private static Pattern failedStyles(String styles) {
        String fills = styles.substring(styles.indexOf("<fills"), styles.indexOf("</fills>"));
        String[] fillList = fills.split("<fill>");
        int redFill = -1;
        for (int i = 1; i < fillList.length; i++) {
            if (fillList[i].contains("FFC7CE")) {
                redFill = i - 1;
            }
        }
        assertThat(redFill).isGreaterThanOrEqualTo(0);
        String xfs = styles.substring(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>"));
        Matcher xf = Pattern.compile("<xf [^>]*>").matcher(xfs);
        List<String> indexes = new java.util.ArrayList<>();
        for (int i = 0; xf.find(); i++) {
            if (xf.group().contains("fillId=\"" + redFill + "\"")) {
                indexes.add(String.valueOf(i));
            }
        }
        return Pattern.compile(String.join("|", indexes));
    }

    private static String styleOf(String sheet, String ref) {
        Matcher matcher = Pattern.compile("<c r=\"" + ref + "\"(?: s=\"(\\d+)\")?").matcher(sheet);
        assertThat(matcher.find()).as("cell " + ref).isTrue();
        return matcher.group(1) == null ? "0" : matcher.group(1);
    }

    /** Fills a template as a user would: rows added to its first sheet, everything else kept. */
    private static byte[] fill(byte[] template, String rows) {
        String sheet = unzip(template).get("xl/worksheets/sheet1.xml");
        return replacePart(template, "xl/worksheets/sheet1.xml", sheet.replace("</sheetData>", rows + "</sheetData>"));
    }

    /** The parts of a workbook, read through its ZIP directory (fastexcel's entries carry sizes only there). */
    static Map<String, String> unzip(byte[] workbook) {
        Map<String, String> parts = new LinkedHashMap<>();
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("intake-test-", ".xlsx");
            try {
                java.nio.file.Files.write(file, workbook);
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                    for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                        parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), UTF_8));
                    }
                }
            } finally {
                java.nio.file.Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    private static byte[] replacePart(byte[] workbook, String name, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> part : unzip(workbook).entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write((part.getKey().equals(name) ? content : part.getValue()).getBytes(UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
