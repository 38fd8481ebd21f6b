package dev.intake.benchmarks;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import dev.intake.csv.CsvErrorReport;
import dev.intake.csv.CsvSource;
import dev.intake.json.ReportJson;
import dev.intake.spi.Importer;
import dev.intake.spi.RowSpool;
import dev.intake.spi.RunOptions;
import dev.intake.spi.memory.InMemoryImportJournal;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Memory against problems: files whose every row fails with many problems, imported in a JVM of
 * {@code -Xmx64m} each, a dry run and a commit, through the library (a 24-column definition, every
 * cell a problem: 24 per row; the full report JSON and the CSV error report written from a
 * {@link RowSpool}) and through the examples' command line ({@code ion-runs}, 15 problems per row,
 * into an H2 file). Prints, for each, whether it completed, its time, and the most heap it held
 * after a collection (from the JVM's GC log): what it needed, garbage excluded.
 *
 * <pre>
 * java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.ProblemsMemory [--rows 1000000]
 *     [--dir benchmarks/target/problems] [--heap 64m] [--cli-jar JAR] [--only library|cli]
 * </pre>
 *
 * {@code --cli-jar} runs the command line from another build's jar (to compare with an earlier one).
 */
public final class ProblemsMemory {
    private static final int COLUMNS = 24;

    private ProblemsMemory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], Path.of(args[2]), Path.of(args[3]));
            return;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int rows = Integer.parseInt(options.getOrDefault("rows", "1000000"));
        Path dir = Path.of(options.getOrDefault("dir", "benchmarks/target/problems"));
        String heap = options.getOrDefault("heap", "64m");
        String only = options.getOrDefault("only", "all");
        String self = ProblemsMemory.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        String cliJar = options.getOrDefault("cli-jar", self);
        Files.createDirectories(dir);

        System.out.printf(Locale.ROOT, "%,d rows, every one failing; each run in a JVM of -Xmx%s%n", rows, heap);
        System.out.println("| run | completes | time | most heap after a collection | report |");
        System.out.println("|---|---|---|---|---|");
        if (!only.equals("cli")) {
            Path file = dir.resolve("every-cell-wrong-" + rows + ".csv");
            if (!Files.exists(file)) {
                writeLibraryFile(file, rows);
            }
            for (String mode : List.of("dry-run", "commit")) {
                Path out = dir.resolve("library-" + mode);
                Files.createDirectories(out);
                measure("library, 24 problems per row, " + mode, List.of("-cp", self, ProblemsMemory.class.getName(),
                        "--child", mode, file.toString(), out.toString()), heap, dir, out.resolve("report.json"));
            }
        }
        if (!only.equals("library")) {
            Path file = dir.resolve("ion-runs-wrong-" + rows + ".csv");
            if (!Files.exists(file)) {
                writeRunsFile(file, rows);
            }
            for (String mode : List.of("dry-run", "commit")) {
                Path db = dir.resolve("cli-db-" + mode);
                deleteTree(db);
                Path report = dir.resolve("cli-" + mode + ".json");
                List<String> command = new ArrayList<>(List.of("-cp", cliJar, "dev.intake.examples.Main", "import",
                        "ion-runs", file.toString(), "--db", "jdbc:h2:file:" + db.resolve("intake").toAbsolutePath()));
                if (mode.equals("commit")) {
                    command.add("--commit");
                }
                measure("command line, ion-runs, 15 problems per row, " + mode, command, heap, dir, report);
            }
        }
    }

    /** Runs a JVM, its standard output to {@code report} (or its own), and prints a line of the table. */
    private static void measure(String name, List<String> arguments, String heap, Path dir, Path report)
            throws IOException, InterruptedException {
        Path out = arguments.contains("--child") ? dir.resolve("child.out") : report;
        CappedJvm jvm = CappedJvm.run(arguments, heap, dir, out);
        int exit = jvm.exit();
        String completes = jvm.outOfMemory() ? "no: out of memory"
                : exit <= 2 ? "yes (exit " + exit + ")" : "no (exit " + exit + ")";
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f s | %d MB | %s |%n", name, completes, jvm.seconds(),
                jvm.mostHeapAfterCollection(),
                Files.exists(report) ? String.format(Locale.ROOT, "%.1f MB", Files.size(report) / 1e6) : "none");
        if (exit > 2 || jvm.outOfMemory()) {
            System.out.println("  standard error: " + jvm.stderr().strip().lines().findFirst().orElse(""));
        }
    }

    /** In the measured JVM: the library's import of the every-cell-wrong file. */
    private static void child(String mode, Path file, Path out) throws IOException {
        ImportDefinition.Builder builder = ImportDefinition.builder("problems");
        for (int c = 1; c <= COLUMNS; c++) {
            builder.column(Column.integer(String.format(Locale.ROOT, "c%02d", c)));
        }
        ImportDefinition definition = builder.build();
        InMemoryTransactions transactions = new InMemoryTransactions();
        Importer<ImportRow> importer = Importer.builder(definition,
                        new InMemoryRecordRepository<ImportRow>(transactions, row -> Optional.empty()))
                .transactions(transactions).journal(new InMemoryImportJournal(transactions)).build();
        CsvSource source = CsvSource.of(file);
        try (RowSpool rows = RowSpool.in(out)) {
            ImportReport report = importer.run(source, RunOptions.of(mode.equals("commit") ? RunMode.COMMIT
                    : RunMode.DRY_RUN).sink(rows).build());
            try (OutputStream json = Files.newOutputStream(out.resolve("report.json"))) {
                ReportJson.write(report, rows, json);
            }
            try (Writer errors = Files.newBufferedWriter(out.resolve("errors.csv"), StandardCharsets.UTF_8)) {
                CsvErrorReport.write(report, rows, source, definition, errors);
            }
            System.out.println(report.errorCount() + " failed rows, " + report.failedRows().size() + " kept in memory");
        }
    }

    private static void writeLibraryFile(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>();
            for (int c = 1; c <= COLUMNS; c++) {
                header.add(String.format(Locale.ROOT, "c%02d", c));
            }
            out.write(String.join(",", header));
            out.write('\n');
            String row = String.join(",", java.util.Collections.nCopies(COLUMNS, "x")) + "\n";
            for (int i = 0; i < rows; i++) {
                out.write(row);
            }
        }
    }

    /** ion-runs rows with 15 problems each (conversions, options, an email, a constraint). */
    private static void writeRunsFile(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("title,autogenerate_title,procedure_id,procedure_title,procedure_version,description,due_date,"
                    + "quantity,part_number,revision,serial_number,lot_number,autogenerate_serial_number,"
                    + "autogenerate_lot_number,part_inventory_id,assigned_to,intent_option,export_controlled,"
                    + "run_batch_title,line,shift,work_order\n");
            for (int i = 0; i < rows; i++) {
                out.write("Run " + i + ",m,x,t,y,,13,z,,,s,l,m,m,a,e,o,m,,L9,x,\n");
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
