package dev.intake.xlsx;

import static dev.intake.xlsx.RawWorkbook.inline;
import static dev.intake.xlsx.RawWorkbook.row;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every XLSX line of HOSTILE_INPUTS.md, with the hostile file generated here. Each import is a
 * per-row commit into in-memory repositories: the file gets one clear file-level problem and nothing
 * is written. This module's tests run in a small heap (see the pom), which is what shows the memory
 * stays bounded; the peak heap of each file is printed at the end.
 */
class HostileXlsxTest {
    private static final Map<String, String> PEAKS = new TreeMap<>();

    private static final ImportDefinition PARTS = ImportDefinition.builder("parts")
            .column(Column.text("part").required())
            .column(Column.text("note"))
            .build();

    @TempDir
    Path dir;

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<ImportRow> records = new InMemoryRecordRepository<>(transactions);

    private ImportReport commit(XlsxSource source, Limits limits, TestInfo test) {
        ImportDefinition definition = limits.equals(Limits.defaults()) ? PARTS
                : ImportDefinition.builder("parts").column(Column.text("part").required())
                        .column(Column.text("note")).limits(limits).build();
        Importer<ImportRow> importer = Importer.builder(definition, records).transactions(transactions)
                .policy(CommitPolicy.PER_ROW).build();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        ImportReport report = importer.commit(source);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        PEAKS.put(test.getDisplayName(), (peak >> 20) + " MB");
        return report;
    }

    private ImportReport commit(byte[] workbook, TestInfo test) {
        return commit(XlsxSource.of("hostile.xlsx", workbook), Limits.defaults(), test);
    }

    private ImportReport commit(Path workbook, TestInfo test) {
        return commit(XlsxSource.of(workbook), Limits.defaults(), test);
    }

    private Problem refused(ImportReport report) {
        assertThat(records.values()).isEmpty();
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.committed()).isFalse();
        assertThat(report.created()).isEmpty();
        assertThat(report.fileErrors()).hasSize(1);
        return report.fileErrors().get(0);
    }

    /** Writes a workbook whose sheet (or another part) is generated while it is compressed. */
    private Path write(String name, RawWorkbook workbook) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, workbook.bytes());
        return file;
    }

    @AfterAll
    static void printPeaks() {
        System.out.println("Hostile XLSX files tried: " + PEAKS.size() + ", max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB; peak heap per file: " + PEAKS);
    }

    // a 300 KB file holding one 300 MB cell

    @Test
    void aZipBombCellInTheSheetIsOverTheCellLimit(TestInfo test) throws IOException {
        Path file = write("bomb.xlsx", RawWorkbook.of("").part("xl/worksheets/sheet1.xml", Generated.repeat(
                "<worksheet xmlns=\"" + RawWorkbook.MAIN + "\"><sheetData>" + row(1, "part", "note")
                        + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>", 300_000, "x".repeat(1000),
                "</t></is></c></row></sheetData></worksheet>")));
        assertThat(Files.size(file)).isLessThan(400_000);

        assertThat(refused(commit(file, test))).isEqualTo(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "xl/worksheets/sheet1.xml holds a text of more than 1048576 bytes; no cell can hold that much"));
    }

    @Test
    void aCellOverExcelsLimitButNotHugeNamesItsCell(TestInfo test) {
        RawWorkbook workbook = RawWorkbook.of(row(1, "part", "note") + row(2, "P-1", "x".repeat(40_000)));

        assertThat(refused(commit(workbook.bytes(), test))).isEqualTo(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "worksheet \"Sheet1\", cell B2 holds more than 32767 characters"));
    }

    @Test
    void aZipBombSharedStringIsOverTheCellLimit(TestInfo test) throws IOException {
        Path file = write("bomb.xlsx", RawWorkbook.of(row(1, "part") + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>")
                .part("xl/sharedStrings.xml", Generated.repeat("<sst xmlns=\"" + RawWorkbook.MAIN + "\"><si><t>",
                        300_000, "x".repeat(1000), "</t></si></sst>")));

        assertThat(refused(commit(file, test))).isEqualTo(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "xl/sharedStrings.xml holds a text of more than 1048576 bytes; no cell can hold that much"));
    }

    @Test
    void aZipBombOfMarkupNoCellHoldsStopsAtTheInflateRatio(TestInfo test) throws IOException {
        Path file = write("bomb.xlsx", RawWorkbook.of("").part("xl/worksheets/sheet1.xml", Generated.repeat(
                "<worksheet xmlns=\"" + RawWorkbook.MAIN + "\"><sheetData>" + row(1, "part") + "<row r=\"2\">", 30_000_000,
                "<x/>", "</row></sheetData></worksheet>")));

        assertThat(refused(commit(file, test))).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                "xl/worksheets/sheet1.xml expands to more than 250 times its compressed size;"
                        + " the file looks like a zip bomb"));
    }

    @Test
    void oneHugeAttributeOrCommentIsRefusedBeforeTheParserHoldsIt(TestInfo test) throws IOException {
        Path attribute = write("attribute.xlsx", RawWorkbook.of("").part("xl/worksheets/sheet1.xml", Generated.repeat(
                "<worksheet xmlns=\"" + RawWorkbook.MAIN + "\"><sheetData><row r=\"1\" x=\"", 50_000,
                ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>",
                "\"/></sheetData></worksheet>")));
        Path comment = write("comment.xlsx", RawWorkbook.of("").part("xl/sharedStrings.xml", Generated.repeat(
                "<sst xmlns=\"" + RawWorkbook.MAIN + "\"><!--", 100_000, "<<<<>>>>-<<<<>>>>", "--></sst>")));

        assertThat(refused(commit(attribute, test))).isEqualTo(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "xl/worksheets/sheet1.xml holds markup longer than 1048576 bytes; no cell can need that much"));
        assertThat(refused(commit(comment, test)).message())
                .isEqualTo("xl/sharedStrings.xml holds markup longer than 1048576 bytes; no cell can need that much");
    }

    // a 1 MB file holding 5 million rows

    @Test
    void fiveMillionRowsInAOneMegabyteFileAreTooManyRowsAtTheLimitPlusOne(TestInfo test) throws IOException {
        Path file = write("rows.xlsx", RawWorkbook.of("").part("xl/worksheets/sheet1.xml", new Generated(
                "<worksheet xmlns=\"" + RawWorkbook.MAIN + "\"><sheetData>" + row(1, "part"), 5_000_000,
                i -> "<row><c t=\"inlineStr\"><is><t>P</t></is></c></row>", "</sheetData></worksheet>")));
        assertThat(Files.size(file)).isLessThan(1_500_000);

        assertThat(refused(commit(file, test))).isEqualTo(Problem.of(ProblemCode.TOO_MANY_ROWS,
                "the file has more than 1000000 data rows (row 1000002 is one too many); split it into smaller files"));
    }

    // one 1 MB shared string referenced by 200k cells

    @Test
    void aSharedStringLongerThanAnyCellIsRefusedWhereItIsRead(TestInfo test) throws IOException {
        Path file = write("amplified.xlsx", RawWorkbook.of(row(1, "part") + cellsReferencingString0(200_000))
                .sharedStrings("x".repeat(1_000_000)));

        assertThat(refused(commit(file, test)).message())
                .isEqualTo("shared text number 0 of the workbook is longer than 32767 characters, more than any cell can hold");
    }

    @Test
    void aSharedStringReferencedByEveryCellRunsOutOfTheCharacterBudget(TestInfo test) throws IOException {
        Path file = write("amplified.xlsx", RawWorkbook.of(row(1, "part") + cellsReferencingString0(200_000))
                .sharedStrings("x".repeat(32_767)));

        Problem problem = refused(commit(XlsxSource.of(file), Limits.defaults(), test));

        assertThat(problem).isEqualTo(Problem.of(ProblemCode.LIMIT_EXCEEDED, "worksheet \"Sheet1\" holds more than"
                + " 1073741824 characters of cell text (a shared text counts at each use); reached in row 32770"));
    }

    private static String cellsReferencingString0(int rows) {
        StringBuilder sheet = new StringBuilder();
        for (int r = 2; r < rows + 2; r++) {
            sheet.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"s\"><v>0</v></c></row>");
        }
        return sheet.toString();
    }

    // XXE or billion laughs in sharedStrings or a sheet

    @Test
    void externalEntitiesAreRefusedAndTheSecretNeverShowsUp(TestInfo test) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
        RawWorkbook inStrings = RawWorkbook.of(row(1, "part") + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>")
                .part("xl/sharedStrings.xml", doctype + "<sst xmlns=\"" + RawWorkbook.MAIN + "\"><si><t>&xxe;</t></si></sst>");
        RawWorkbook inSheet = RawWorkbook.of("").part("xl/worksheets/sheet1.xml", doctype + "<worksheet xmlns=\""
                + RawWorkbook.MAIN + "\"><sheetData>" + row(1, "part") + row(2, "&xxe;") + "</sheetData></worksheet>");

        for (RawWorkbook workbook : new RawWorkbook[] {inStrings, inSheet}) {
            ImportReport report = commit(workbook.bytes(), test);

            assertThat(refused(report).code()).isEqualTo(ProblemCode.UNREADABLE_FILE);
            assertThat(report.fileErrors().get(0).message()).endsWith(
                    " holds a document type declaration, which XLSX files never have;"
                            + " it is refused so no entity in it is ever read");
            assertThat(report.toString()).doesNotContain("TOP-SECRET");
        }
    }

    @Test
    void aBillionLaughsIsRefusedBeforeAnyExpansion(TestInfo test) {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]>");
        RawWorkbook workbook = RawWorkbook.of("").part("xl/worksheets/sheet1.xml", laughs + "<worksheet xmlns=\""
                + RawWorkbook.MAIN + "\"><sheetData>" + row(1, "part") + row(2, "&lol9;") + "</sheetData></worksheet>");

        assertThat(refused(commit(workbook.bytes(), test))).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                "xl/worksheets/sheet1.xml holds a document type declaration, which XLSX files never have;"
                        + " it is refused so no entity in it is ever read"));
    }

    @Test
    void anUndeclaredEntityIsNotWellFormed(TestInfo test) {
        RawWorkbook workbook = RawWorkbook.of(row(1, "part") + row(2, "&secret;"));

        Problem problem = refused(commit(workbook.bytes(), test));

        assertThat(problem.code()).isEqualTo(ProblemCode.UNREADABLE_FILE);
        assertThat(problem.message()).startsWith("xl/worksheets/sheet1.xml is not well-formed XML (line 1, column ");
    }

    // duplicate ZIP entry names, more than 1,000 entries, not a zip, truncated, an .xls renamed

    @Test
    void duplicatePartNamesAreRefused(TestInfo test) {
        byte[] workbook = RawWorkbook.of(row(1, "part") + row(2, "P-1"))
                .part("xl/worksheets/sheet1.xmQ", RawWorkbook.sheet(row(1, "part") + row(2, "EVIL"))).bytes();
        byte[] duplicated = replaceAll(workbook, "xl/worksheets/sheet1.xmQ", "xl/worksheets/sheet1.xml");

        assertThat(refused(commit(duplicated, test))).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                "the XLSX file holds two parts named xl/worksheets/sheet1.xml; different programs would read"
                        + " different data from it, so it is refused"));
    }

    @Test
    void moreThanAThousandPartsAreRefused(TestInfo test) {
        RawWorkbook workbook = RawWorkbook.of(row(1, "part") + row(2, "P-1"));
        for (int i = 0; i < 1_500; i++) {
            workbook.part("xl/media/image" + i + ".png", "x");
        }

        assertThat(refused(commit(workbook.bytes(), test))).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                "the XLSX file has more than 1000 parts; a workbook of data never needs that many"));
    }

    @Test
    void aFileThatIsNotAZipIsRefused(TestInfo test) {
        assertThat(refused(commit("part,note\nP-1,x\n".getBytes(UTF_8), test))).isEqualTo(Problem.of(
                ProblemCode.UNREADABLE_FILE, "this is not an XLSX file (an XLSX file is a ZIP archive, this one is not);"
                        + " save it as .xlsx or as CSV"));
        assertThat(refused(commit(new byte[0], test)).code()).isEqualTo(ProblemCode.UNREADABLE_FILE);
    }

    @Test
    void aTruncatedFileIsRefused(TestInfo test) {
        byte[] whole = RawWorkbook.of(row(1, "part") + row(2, "P-1")).bytes();

        for (int length : new int[] {whole.length / 2, whole.length - 10, 30}) {
            assertThat(refused(commit(Arrays.copyOf(whole, length), test))).isEqualTo(Problem.of(
                    ProblemCode.UNREADABLE_FILE, "the XLSX file is damaged or cut short (its ZIP directory cannot be"
                            + " read); save it again and upload the whole file"));
        }
    }

    @Test
    void aDamagedPartIsRefused(TestInfo test) {
        byte[] workbook = RawWorkbook.of(row(1, "part") + row(2, "P-1") + row(3, "P-2")).bytes();
        byte[] sheetStart = "xl/worksheets/sheet1.xml".getBytes(UTF_8);
        int local = indexOf(workbook, sheetStart, 0) + sheetStart.length;
        for (int i = local + 5; i < local + 40; i++) {
            workbook[i] ^= 0x5A; // scramble the compressed data, keep the directory
        }

        Problem problem = refused(commit(workbook, test));

        assertThat(problem.code()).isEqualTo(ProblemCode.UNREADABLE_FILE);
        assertThat(problem.message()).contains("xl/worksheets/sheet1.xml");
    }

    @Test
    void anOldXlsFileRenamedIsNamedAsSuch(TestInfo test) {
        byte[] xls = new byte[4096];
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(ole2, 0, xls, 0, ole2.length);

        assertThat(refused(commit(xls, test))).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                "this is an old Excel 97-2003 (.xls) file or a password-protected workbook, not an XLSX file;"
                        + " save it as .xlsx (without a password) or as CSV"));
    }

    // cell references outside the grid

    @Test
    void cellReferencesOutsideTheGridAreRefused(TestInfo test) {
        String[][] cases = {
                {"<row r=\"2\">" + inline("XFD1048577", "x") + "</row>", "cell XFD1048577"},
                {"<row r=\"2\">" + inline("ZZZZZZ2", "x") + "</row>", "cell ZZZZZZ2"},
                {"<row r=\"2147483647\">" + inline("A2147483647", "x") + "</row>", "row 2147483647"},
                {"<row r=\"99999999999999999999\"/>", "row 99999999999999999999"},
                {"<row r=\"2\">" + "<c/>".repeat(16_384) + "<c><v>1</v></c></row>", "a cell after column XFD in row 2"}};
        for (String[] hostile : cases) {
            RawWorkbook workbook = RawWorkbook.of(row(1, "part") + hostile[0]);

            assertThat(refused(commit(workbook.bytes(), test))).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                    "worksheet \"Sheet1\" has " + hostile[1] + ", outside the sheet's grid (columns A to XFD, rows 1 to"
                            + " 1048576); the file is damaged or was made to harm"));
        }
    }

    @Test
    void aValueFarRightIsOverTheColumnLimitButAnEmptyStyledCellThereIsIgnored(TestInfo test) {
        RawWorkbook farValue = RawWorkbook.of(row(1, "part") + "<row r=\"2\">" + inline("A2", "P-1") + inline("XFD2", "x")
                + "</row>");
        RawWorkbook farStyle = RawWorkbook.of(row(1, "part") + "<row r=\"2\">" + inline("A2", "P-1")
                + "<c r=\"XFD2\" s=\"0\"/></row>");

        assertThat(refused(commit(farValue.bytes(), test))).isEqualTo(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "worksheet \"Sheet1\" has a value in cell XFD2, beyond the limit of 1000 columns"));
        ImportReport styled = commit(farStyle.bytes(), test);
        assertThat(styled.fileErrors()).isEmpty();
        assertThat(records.values()).extracting(r -> r.text("part").orElseThrow()).containsExactly("P-1");
    }

    @Test
    void cellsOutOfOrderOrTwiceAreRefused(TestInfo test) {
        RawWorkbook workbook = RawWorkbook.of(row(1, "part", "note") + "<row r=\"2\">" + inline("B2", "b")
                + inline("A2", "a") + "</row>");

        assertThat(refused(commit(workbook.bytes(), test))).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                "worksheet \"Sheet1\" has cell A2 twice or out of order in row 2"));
    }

    // a shared-string index out of range

    @Test
    void aSharedStringIndexOutOfRangeIsRefused(TestInfo test) {
        for (String index : new String[] {"999999", "-1", "x"}) {
            RawWorkbook workbook = RawWorkbook.of(row(1, "part") + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>" + index
                    + "</v></c></row>").sharedStrings("P-1");

            assertThat(refused(commit(workbook.bytes(), test))).isEqualTo(Problem.of(ProblemCode.UNREADABLE_FILE,
                    "worksheet \"Sheet1\", cell A2 refers to shared text " + index + ", but the workbook has 1;"
                            + " the file is damaged"));
        }
    }

    // real files whose styles.xml compresses 100-140x

    @Test
    void highlyCompressibleStylesAreAccepted(TestInfo test) throws IOException {
        StringBuilder xfs = new StringBuilder("<xf numFmtId=\"0\"/>");
        for (int i = 0; i < 40_000; i++) {
            xfs.append("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\n");
        }
        String styles = "<styleSheet xmlns=\"" + RawWorkbook.MAIN + "\"><cellXfs>" + xfs + "</cellXfs></styleSheet>";
        RawWorkbook workbook = RawWorkbook.of(row(1, "part") + row(2, "P-1")).part("xl/styles.xml", styles);
        byte[] bytes = workbook.bytes();
        double ratio = (double) styles.length() / compressedSize(styles);
        assertThat(ratio).isGreaterThan(100);

        ImportReport report = commit(bytes, test);

        assertThat(report.fileErrors()).isEmpty();
        assertThat(records.values()).hasSize(1);
    }

    // 1.2M ordinary cells

    @Test
    void onePointTwoMillionOrdinaryCellsStreamInTheModulesSmallHeap(TestInfo test) throws IOException {
        ImportDefinition wide = ImportDefinition.builder("wide").column(Column.text("c1").required())
                .column(Column.text("c2")).column(Column.text("c3")).column(Column.text("c4")).build();
        Path file = write("cells.xlsx", RawWorkbook.of("").part("xl/worksheets/sheet1.xml", new Generated(
                "<worksheet xmlns=\"" + RawWorkbook.MAIN + "\"><sheetData>" + row(1, "c1", "c2", "c3", "c4"), 300_000,
                i -> "<row r=\"" + (i + 2) + "\"><c r=\"A" + (i + 2) + "\" t=\"s\"><v>" + (i % 1000) + "</v></c><c r=\"B"
                        + (i + 2) + "\"><v>" + i + "</v></c><c r=\"C" + (i + 2) + "\" t=\"inlineStr\"><is><t>note " + i
                        + "</t></is></c><c r=\"D" + (i + 2) + "\" s=\"1\"><v>" + (46000 + i % 365) + "</v></c></row>",
                "</sheetData></worksheet>")).sharedStrings(strings(1000)).styles("", 14));
        Importer<ImportRow> importer = Importer.builder(wide, records).transactions(transactions).build();

        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        ImportReport report = importer.dryRun(XlsxSource.of(file));
        PEAKS.put(test.getDisplayName(), (ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20) + " MB");

        assertThat(report.fileErrors()).isEmpty();
        assertThat(report.successCount()).isEqualTo(300_000);
        assertThat(report.totalRows()).isEqualTo(300_000);
    }

    private static String[] strings(int count) {
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) {
            strings[i] = "P-" + i;
        }
        return strings;
    }

    private static long compressedSize(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("x"));
            zip.write(text.getBytes(UTF_8));
        }
        return out.size();
    }

    private static byte[] replaceAll(byte[] data, String from, String to) {
        byte[] target = from.getBytes(UTF_8);
        byte[] replacement = to.getBytes(UTF_8);
        byte[] copy = data.clone();
        for (int at = indexOf(copy, target, 0); at >= 0; at = indexOf(copy, target, at + 1)) {
            System.arraycopy(replacement, 0, copy, at, replacement.length);
        }
        return copy;
    }

    private static int indexOf(byte[] data, byte[] target, int from) {
        outer:
        for (int i = from; i <= data.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (data[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
