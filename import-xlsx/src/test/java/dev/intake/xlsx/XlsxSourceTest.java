package dev.intake.xlsx;

import static dev.intake.xlsx.RawWorkbook.inline;
import static dev.intake.xlsx.RawWorkbook.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxSourceTest {
    @TempDir
    Path dir;

    static List<SourceRow> rows(XlsxSource source) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (RowSource reader = source.open(Limits.defaults())) {
            reader.header().ifPresent(rows::add);
            for (Optional<SourceRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    static List<SourceRow> rows(RawWorkbook workbook) throws IOException {
        return rows(XlsxSource.of("book.xlsx", workbook.bytes()));
    }

    @Test
    void sharedAndInlineStringsRichTextAndFormulasGiveTheirText() throws IOException {
        RawWorkbook workbook = RawWorkbook.of(row(1, "part", "note")
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"str\"><f>CONCAT(\"P-\",\"3\")</f><v>P-3</v></c>"
                + "<c r=\"B3\" t=\"inlineStr\"><is><r><t>two </t></r><r><rPr><b/></rPr><t>runs</t></r></is></c></row>")
                .part("xl/sharedStrings.xml", "<sst xmlns=\"" + RawWorkbook.MAIN + "\"><si><t>P-1</t></si>"
                        + "<si><r><t xml:space=\"preserve\">Grüße &amp; </t></r><r><t>Ω</t></r>"
                        + "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si></sst>");

        assertThat(rows(workbook)).extracting(SourceRow::rowNumber, SourceRow::cells).containsExactly(
                tuple(1L, List.of("part", "note")),
                tuple(2L, List.of("P-1", "Grüße & Ω")),
                tuple(3L, List.of("P-3", "two runs")));
    }

    @Test
    void numbersReadAsExcelShowsThemInGeneral() throws IOException {
        RawWorkbook workbook = RawWorkbook.of(row(1, "a", "b", "c", "d", "e", "f", "g")
                + "<row r=\"2\"><c r=\"A2\"><v>12</v></c><c r=\"B2\" t=\"n\"><v>12.5</v></c><c r=\"C2\"><v>1.0E-3</v></c>"
                + "<c r=\"D2\"><v>0.30000000000000004</v></c><c r=\"E2\"><v>1.2345678901234567E+19</v></c>"
                + "<c r=\"F2\"><v>-0</v></c><c r=\"G2\"><v>12.50</v></c></row>");

        assertThat(rows(workbook).get(1).cells())
                .containsExactly("12", "12.5", "0.001", "0.3", "12345678901234600000", "0", "12.5");
    }

    @Test
    void datesAreReadByTheirNumberFormatInBothDateSystems() throws IOException {
        String cells = "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>46203</v></c><c r=\"B2\" s=\"2\"><v>46203.5</v></c>"
                + "<c r=\"C2\" s=\"3\"><v>46203.25</v></c><c r=\"D2\" s=\"4\"><v>0.75</v></c>"
                + "<c r=\"E2\" s=\"5\"><v>46203</v></c><c r=\"F2\"><v>46203</v></c>"
                + "<c r=\"G2\" t=\"d\"><v>2026-06-30T00:00:00</v></c><c r=\"H2\" s=\"1\"><v>59</v></c></row>";
        String formats = "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/>"
                + "<numFmt numFmtId=\"165\" formatCode=\"[$-409]d\\-mmm\\-yy;@\"/>"
                + "<numFmt numFmtId=\"166\" formatCode=\"h:mm AM/PM\"/>"
                + "<numFmt numFmtId=\"167\" formatCode=\"&quot;day&quot;\\ 0.00\"/>";
        RawWorkbook workbook = RawWorkbook.of(row(1, "a", "b", "c", "d", "e", "f", "g", "h") + cells)
                .styles(formats, 14, 164, 165, 166, 167);
        RawWorkbook from1904 = RawWorkbook.of(row(1, "a") + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>44741</v></c></row>")
                .styles("", 14)
                .part("xl/workbook.xml", "<workbook xmlns=\"" + RawWorkbook.MAIN + "\" xmlns:r=\""
                        + "http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<workbookPr date1904=\"1\"/><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                        + "</sheets></workbook>");

        assertThat(rows(workbook).get(1).cells()).containsExactly("2026-06-30", "2026-06-30T12:00:00", "2026-06-30",
                "18:00:00", "46203", "46203", "2026-06-30", "1900-02-28");
        assertThat(rows(from1904).get(1).cells()).containsExactly("2026-06-30");
    }

    @Test
    void booleansAndErrorValuesReadAsExcelShowsThem() throws IOException {
        RawWorkbook workbook = RawWorkbook.of(row(1, "a", "b", "c")
                + "<row r=\"2\"><c r=\"A2\" t=\"b\"><v>1</v></c><c r=\"B2\" t=\"b\"><v>0</v></c>"
                + "<c r=\"C2\" t=\"e\"><f>VLOOKUP(1,X:Y,2)</f><v>#N/A</v></c></row>");

        assertThat(rows(workbook).get(1).cells()).containsExactly("TRUE", "FALSE", "#N/A");
    }

    @Test
    void sparseRowsKeepEveryValueInItsColumnAndBlankRowsAreSkipped() throws IOException {
        RawWorkbook workbook = RawWorkbook.of(row(1, "a", "b", "c", "d")
                + "<row r=\"2\">" + inline("A2", "x") + inline("C2", "z") + "</row>"
                + "<row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"B3\" t=\"s\"/></row>"
                + "<row r=\"5\">" + inline("D5", "only d") + "</row>"
                + "<row>" + "<c t=\"inlineStr\"><is><t>no refs</t></is></c><c><v>7</v></c></row>");

        assertThat(rows(workbook)).extracting(SourceRow::rowNumber, SourceRow::cells).containsExactly(
                tuple(1L, List.of("a", "b", "c", "d")),
                tuple(2L, List.of("x", "", "z", "")),
                tuple(5L, List.of("", "", "", "only d")),
                tuple(6L, List.of("no refs", "7", "", "")));
    }

    @Test
    void aNamedWorksheetIsReadAndAMissingOneIsWorksheetNotFound() throws IOException {
        RawWorkbook workbook = RawWorkbook.of(row(1, "first"), row(1, "part") + row(2, "P-1"));
        Path file = dir.resolve("book.xlsx");
        Files.write(file, workbook.bytes());
        ImportDefinition parts = ImportDefinition.builder("parts").column(Column.text("part").required()).build();
        Importer<ImportRow> importer = Importer.builder(parts,
                new InMemoryRecordRepository<ImportRow>(new InMemoryTransactions())).build();

        ImportReport second = importer.dryRun(XlsxSource.of(file).sheet("sheet2"));
        ImportReport missing = importer.dryRun(XlsxSource.of(file).sheet("Runs"));

        assertThat(second.fileErrors()).isEmpty();
        assertThat(second.successCount()).isEqualTo(1);
        assertThat(missing.fileErrors()).containsExactly(Problem.of(ProblemCode.WORKSHEET_NOT_FOUND,
                "the workbook has no worksheet named \"Runs\"; it has \"Sheet1\", \"Sheet2\""));
    }

    @Test
    void typedCellsMeetTheColumnsTypes() {
        RawWorkbook workbook = RawWorkbook.of(row(1, "part", "qty", "due", "active")
                + "<row r=\"2\">" + inline("A2", "P-1") + "<c r=\"B2\"><v>3</v></c><c r=\"C2\" s=\"1\"><v>46203</v></c>"
                + "<c r=\"D2\" t=\"b\"><v>1</v></c></row>").styles("", 14);
        ImportDefinition parts = ImportDefinition.builder("parts")
                .column(Column.text("part").required())
                .column(Column.integer("qty"))
                .column(Column.date("due"))
                .column(Column.bool("active"))
                .build();
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<ImportRow> records = new InMemoryRecordRepository<>(transactions);

        ImportReport report = Importer.builder(parts, records).transactions(transactions).build()
                .commit(XlsxSource.of("parts.xlsx", workbook.bytes()));

        assertThat(report.fileErrors()).isEmpty();
        assertThat(records.values()).singleElement().satisfies(row -> {
            assertThat(row.value("qty", Long.class)).contains(3L);
            assertThat(row.value("due", LocalDate.class)).contains(LocalDate.of(2026, 6, 30));
            assertThat(row.value("active", Boolean.class)).contains(true);
        });
    }

    @Test
    void typedNumbersAreMarkedCanonicalSoLocaleColumnsReadThemRight() throws IOException {
        RawWorkbook workbook = RawWorkbook.of(row(1, "price", "note")
                + "<row r=\"2\"><c r=\"A2\"><v>1.234</v></c>" + inline("B2", "1.234") + "</row>"
                + "<row r=\"3\">" + inline("A3", "1.234,5") + "<c r=\"B3\" t=\"b\"><v>0</v></c></row>");
        ImportDefinition prices = ImportDefinition.builder("prices")
                .column(Column.decimal("price", java.util.Locale.GERMANY))
                .column(Column.text("note"))
                .build();
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<ImportRow> records = new InMemoryRecordRepository<>(transactions);

        List<SourceRow> read = rows(workbook);
        Importer.builder(prices, records).transactions(transactions).build()
                .commit(XlsxSource.of("prices.xlsx", workbook.bytes()));

        assertThat(read.get(1).isCanonical(0)).isTrue();
        assertThat(read.get(1).isCanonical(1)).isFalse();
        assertThat(read.get(2).isCanonical(0)).isFalse();
        assertThat(read.get(2).isCanonical(1)).isTrue();
        assertThat(records.values()).extracting(row -> row.value("price", java.math.BigDecimal.class).orElseThrow())
                .containsExactly(new java.math.BigDecimal("1.234"), new java.math.BigDecimal("1234.5"));
    }

    @Test
    void anInMemoryWorkbookLeavesNoTemporaryFileBehind() throws IOException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var listing = Files.list(temp)) {
            before = listing.filter(p -> p.getFileName().toString().startsWith("intake-")).count();
        }

        rows(RawWorkbook.of(row(1, "a") + row(2, "b")));

        try (var listing = Files.list(temp)) {
            assertThat(listing.filter(p -> p.getFileName().toString().startsWith("intake-")).count()).isEqualTo(before);
        }
    }
}
