package dev.intake.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Realistic files for the {@code ion-runs} importer against the examples' fixtures: every column of
 * the seed plus the three configured custom attributes ({@code work_order}, {@code line},
 * {@code shift}); about 1% of descriptions hold a quoted comma and a line break; procedures by id or
 * by title and version, new inventory by part number or an existing one by id, assignees, intent
 * options, 1,000 run batches. A configurable share of rows names a procedure or a user that does not
 * exist (NOT_FOUND). Deterministic for a seed, so every run reads the same bytes.
 */
final class IonRunsData {
    static final List<String> HEADER = List.of("title", "autogenerate_title", "procedure_id", "procedure_title",
            "procedure_version", "description", "due_date", "quantity", "part_number", "revision", "serial_number",
            "lot_number", "autogenerate_serial_number", "autogenerate_lot_number", "part_inventory_id", "assigned_to",
            "intent_option", "export_controlled", "run_batch_title", "work_order", "line", "shift");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    private IonRunsData() {
    }

    /** Row {@code i} (0-based) of the data, as text cells in {@link #HEADER} order. */
    static String[] row(long i, double failingShare, SplittableRandom random) {
        String[] cells = new String[HEADER.size()];
        java.util.Arrays.fill(cells, "");
        boolean fails = random.nextDouble() < failingShare;
        if (i % 10 == 9) {
            cells[1] = "true";
        } else {
            cells[0] = "Run " + i;
        }
        switch ((int) (i % 4)) {
            case 0 -> cells[2] = fails ? "999" : "1";
            case 1 -> cells[2] = "2";
            case 2 -> {
                cells[3] = "Motor Build";
                cells[4] = "2";
            }
            default -> cells[2] = "3";
        }
        cells[5] = random.nextInt(100) == 0 ? "Build " + i + ", with a comma\nand a second line" : "Build " + i;
        cells[6] = DAY.plusDays(i % 300).toString();
        cells[7] = Long.toString(i % 50 + 1);
        switch ((int) (i % 5)) {
            case 0 -> {
                cells[8] = "P-100";
                cells[11] = "LOT-" + i;
            }
            case 1 -> {
                cells[8] = "P-200";
                cells[9] = "B";
            }
            case 2 -> {
                cells[8] = "P-300";
                cells[13] = "true";
            }
            case 3 -> cells[14] = "501";
            default -> {
                // a run without inventory
            }
        }
        cells[15] = fails && i % 4 != 0 ? "nobody@example.com" : i % 2 == 0 ? "ada@example.com" : "grace@example.com";
        cells[16] = i % 3 == 0 ? "Engineering" : "Production";
        cells[17] = i % 2 == 0 ? "false" : "true";
        cells[18] = "Batch-" + (i % 1000);
        cells[19] = "WO-" + i;
        cells[20] = "L" + (i % 3 + 1);
        cells[21] = Long.toString(i % 3 + 1);
        return cells;
    }

    static void writeCsv(Path file, long rows, double failingShare) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(HEADER);
            for (long i = 0; i < rows; i++) {
                printer.printRecord((Object[]) row(i, failingShare, random));
            }
        }
    }

    /** The same data as XLSX with shared strings (fastexcel's {@code value} for text), numbers and dates typed. */
    static void writeXlsx(Path file, long rows, double failingShare) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "Intake benchmarks", "1.0");
            Worksheet sheet = workbook.newWorksheet("Runs");
            for (int c = 0; c < HEADER.size(); c++) {
                sheet.value(0, c, HEADER.get(c));
            }
            for (int r = 1; r <= rows; r++) {
                String[] cells = row(r - 1, failingShare, random);
                for (int c = 0; c < cells.length; c++) {
                    String value = cells[c];
                    if (value.isEmpty()) {
                        continue;
                    }
                    if (c == 2 || c == 4 || c == 7 || c == 14 || c == 21) {
                        sheet.value(r, c, Long.parseLong(value));
                    } else if (c == 6) {
                        sheet.value(r, c, LocalDate.parse(value));
                        sheet.style(r, c).format("yyyy-mm-dd").set();
                    } else {
                        sheet.value(r, c, value);
                    }
                }
                if (r % 10_000 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
        }
    }

    /** The same data as JSON lines, one object per row with the header's keys (empty cells left out). */
    static void writeJsonLines(Path file, long rows, double failingShare) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < rows; i++) {
                String[] cells = row(i, failingShare, random);
                java.util.Map<String, String> object = new java.util.LinkedHashMap<>();
                for (int c = 0; c < cells.length; c++) {
                    if (!cells[c].isEmpty()) {
                        object.put(HEADER.get(c), cells[c]);
                    }
                }
                out.write(json.writeValueAsString(object));
                out.newLine();
            }
        }
    }
}
