package dev.intake.benchmarks;

import dev.intake.xlsx.XlsxSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Intake's XLSX reader against raw fastexcel-reader on the same file, in one JVM: each reader
 * touches every cell's text; runs alternate after a warm-up, and the table shows medians with
 * min/max. The file (200,000 rows of 20 columns: shared strings, numbers, dates, booleans) is written
 * by fastexcel once and kept.
 *
 * <pre>java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.XlsxThroughput [file] [runs]</pre>
 */
public final class XlsxThroughput {
    static final int ROWS = 200_000;
    static final int COLUMNS = 20;

    private XlsxThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "target/bench-200k-x20.xlsx");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.exists(file)) {
            write(file);
        }
        System.out.printf("file %s, %.1f MB, %d rows x %d columns, heap max %d MB, %s%n", file,
                Files.size(file) / 1e6, ROWS, COLUMNS, Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
        long[] fastexcel = new long[runs];
        long[] intake = new long[runs];
        long cells = 0;
        for (int warm = 0; warm < 2; warm++) {
            cells = fastexcel(file);
            intake(file);
        }
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            long raw = fastexcel(file);
            fastexcel[i] = System.nanoTime() - start;
            start = System.nanoTime();
            long ours = intake(file);
            intake[i] = System.nanoTime() - start;
            cells = raw + ours;
        }
        Table.print(ROWS, Files.size(file), new Table.Line("fastexcel-reader (raw)", fastexcel, null),
                new Table.Line("Intake XlsxSource (raw rows)", intake, fastexcel));
        System.out.println("(characters seen, both readers, last run: " + cells + "; Intake renders dates and booleans"
                + " as text, fastexcel-reader's raw values keep them as serials and 0/1)");
    }

    static long fastexcel(Path file) throws IOException {
        long characters = 0;
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile());
                Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            for (Row row : (Iterable<Row>) rows::iterator) {
                for (Cell cell : row) {
                    if (cell != null) {
                        String text = cell.getRawValue();
                        characters += text == null ? 0 : text.length();
                    }
                }
            }
        }
        return characters;
    }

    /**
     * POI's event model, the streaming path POI documents for large sheets: {@code XSSFReader} with
     * read-only shared strings and {@code XSSFSheetXMLHandler}, which formats each cell as Excel would
     * show it (a {@code DataFormatter}, as Intake renders cells to text), on the first sheet.
     */
    static long poi(Path file) throws IOException {
        long[] characters = {0};
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFSheetXMLHandler.SheetContentsHandler cells = new XSSFSheetXMLHandler.SheetContentsHandler() {
                @Override
                public void startRow(int rowNum) {
                }

                @Override
                public void endRow(int rowNum) {
                }

                @Override
                public void cell(String reference, String formattedValue, XSSFComment comment) {
                    characters[0] += formattedValue == null ? 0 : formattedValue.length();
                }
            };
            try (InputStream sheet = reader.getSheetsData().next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, cells, new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            throw new IOException("POI cannot read " + file, e);
        }
        return characters[0];
    }

    static long intake(Path file) throws IOException {
        return WholeRun.intakeRows(XlsxSource.of(file));
    }

    static void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String[] words = {"Manufacture", "Purchase", "Assembly", "Inspection", "Packaging"};
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "Intake benchmarks", "1.0");
            Worksheet sheet = workbook.newWorksheet("Runs");
            for (int c = 0; c < COLUMNS; c++) {
                sheet.value(0, c, "column " + c);
            }
            LocalDate day = LocalDate.of(2026, 1, 1);
            for (int r = 1; r <= ROWS; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    switch (c % 5) {
                        case 0 -> sheet.value(r, c, "RUN-" + r + "-" + c);
                        case 1 -> sheet.value(r, c, words[(r + c) % words.length]);
                        case 2 -> sheet.value(r, c, r * 1.5 + c);
                        case 3 -> {
                            sheet.value(r, c, day.plusDays(r % 365));
                            sheet.style(r, c).format("yyyy-mm-dd").set();
                        }
                        default -> sheet.value(r, c, r % 2 == 0);
                    }
                }
                if (r % 10_000 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
        }
    }
}
