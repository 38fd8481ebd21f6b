package dev.intake.benchmarks;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.intake.core.ImportContext;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.ImportSource;
import dev.intake.csv.CsvSource;
import dev.intake.examples.ion.IonRuns;
import dev.intake.examples.jdbc.Database;
import dev.intake.xlsx.XlsxSource;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Whole imports, side by side with the raw parsers and a plain JDBC batch insert, in one JVM: each
 * measured thing runs once to warm up, then {@code runs} times, and the table prints medians with
 * min/max, rows/s, MB/s, the ratio to its baseline, and the peak heap seen while it ran.
 *
 * <pre>java -jar benchmarks/target/intake-benchmarks.jar-free form:
 * java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.WholeRun [options]
 *   --rows N          CSV rows (default 1,000,000)
 *   --commit-rows N   rows of the commit comparison (default 200,000)
 *   --xlsx-rows N     XLSX rows (default 200,000)
 *   --failing F       share of rows with a reference that does not resolve (default 0.01)
 *   --runs N          measured runs of each (default 5)
 *   --dir DIR         where the generated files are kept (default benchmarks/target/data)
 *   --only csv|commit|xlsx
 *   --postgres URL    also run the commit comparison on this PostgreSQL database; it must be a
 *                     throwaway one: its public schema is dropped and made again before every run</pre>
 */
public final class WholeRun {
    private WholeRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
        long commitRows = Long.parseLong(options.getOrDefault("commit-rows", "200000"));
        long xlsxRows = Long.parseLong(options.getOrDefault("xlsx-rows", "200000"));
        double failing = Double.parseDouble(options.getOrDefault("failing", "0.01"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        Path dir = Path.of(options.getOrDefault("dir", "benchmarks/target/data"));
        String only = options.getOrDefault("only", "");
        Files.createDirectories(dir);
        System.out.printf("Intake whole-run benchmark: %s, %d cores, heap max %d MB, %d runs after a warm-up%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, runs);

        if (only.isEmpty() || only.equals("csv")) {
            Path csv = generated(dir.resolve("ion-runs-" + rows + "-f" + failing + ".csv"),
                    file -> IonRunsData.writeCsv(file, rows, failing));
            generated(dir.resolve("ion-runs-" + rows + "-f" + failing + ".jsonl"),
                    file -> IonRunsData.writeJsonLines(file, rows, failing));
            System.out.printf("%nCSV: %s, %d rows, %.1f MB, %.1f%% failing references%n", csv.getFileName(), rows,
                    Files.size(csv) / 1e6, failing * 100);
            Measured commons = measure(runs, () -> commonsCsv(csv));
            Measured fast = measure(runs, () -> fastCsv(csv));
            Measured dry = measure(runs, Target.H2, url -> intake(CsvSource.of(csv), RunMode.DRY_RUN, url));
            Table.print(rows, Files.size(csv), commons.line("commons-csv 1.14.1 (raw, every field)", null),
                    fast.line("FastCSV 4.1.0 (raw, every field)", null),
                    dry.line("Intake dry run, ion-runs (vs commons-csv)", commons));
            printHeap(commons, fast, dry);
        }
        if (only.isEmpty() || only.equals("commit")) {
            Path csv = generated(dir.resolve("ion-runs-" + commitRows + "-f0.0.csv"),
                    file -> IonRunsData.writeCsv(file, commitRows, 0.0));
            List<Target> targets = new ArrayList<>(List.of(Target.H2));
            if (options.containsKey("postgres")) {
                targets.add(Target.postgres(options.get("postgres")));
            }
            for (Target target : targets) {
                System.out.printf("%nCommit into %s: %s, %d rows, %.1f MB%n", target.name(), csv.getFileName(),
                        commitRows, Files.size(csv) / 1e6);
                Measured batch = measure(runs, target, url -> jdbcBatch(csv, url));
                Measured peer = measure(runs, target, url -> SpringBatchPeer.run(csv, url));
                Measured commit = measure(runs, target, url -> intake(CsvSource.of(csv), RunMode.COMMIT, url));
                Table.print(commitRows, Files.size(csv),
                        batch.line("plain JDBC batch insert (commons-csv, batches of 500)", null),
                        peer.line("Spring Batch 5.2 chunk job (reader, validator, writer)", null),
                        commit.line("Intake commit, per row in chunks of 500 (vs JDBC)", batch),
                        commit.line("Intake commit (vs Spring Batch)", peer));
                printHeap(batch, peer, commit);
            }
        }
        if (only.isEmpty() || only.equals("xlsx")) {
            Path xlsx = generated(dir.resolve("ion-runs-" + xlsxRows + "-f" + failing + ".xlsx"),
                    file -> IonRunsData.writeXlsx(file, xlsxRows, failing));
            System.out.printf("%nXLSX: %s, %d rows, %.1f MB%n", xlsx.getFileName(), xlsxRows, Files.size(xlsx) / 1e6);
            Measured raw = measure(runs, () -> XlsxThroughput.fastexcel(xlsx));
            Measured source = measure(runs, () -> XlsxThroughput.intake(xlsx));
            Measured dry = measure(runs, Target.H2, url -> intake(XlsxSource.of(xlsx), RunMode.DRY_RUN, url));
            Table.print(xlsxRows, Files.size(xlsx), raw.line("fastexcel-reader 0.20.2 (raw, every cell)", null),
                    source.line("Intake XlsxSource (raw rows, vs fastexcel)", raw),
                    dry.line("Intake dry run, ion-runs (vs fastexcel)", raw));
            printHeap(raw, source, dry);
        }
    }

    /** Where the commits go: a fresh database for every run. */
    record Target(String name, String url, boolean reset) {
        static final Target H2 = new Target("in-memory H2", null, false);

        static Target postgres(String url) {
            return new Target("PostgreSQL", url, true);
        }

        /** @return the URL of an empty database, the schema and fixtures not yet loaded */
        String fresh() throws SQLException {
            if (!reset) {
                return "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0";
            }
            try (Connection connection = java.sql.DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA public CASCADE");
                statement.execute("CREATE SCHEMA public");
            }
            return url;
        }
    }

    /** Something to time; returns a number that depends on all the work, so none of it is skipped. */
    @FunctionalInterface
    interface Work {
        long run() throws Exception;
    }

    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }

    record Measured(long[] nanos, long[] peaks) {
        Table.Line line(String name, Measured baseline) {
            return new Table.Line(name, nanos, baseline == null ? null : baseline.nanos);
        }
    }

    /** Work on a database. */
    @FunctionalInterface
    interface DatabaseWork {
        long run(String url) throws Exception;
    }

    /** Measures work on a fresh database each time; making it fresh is not timed. */
    static Measured measure(int runs, Target target, DatabaseWork work) throws Exception {
        String[] url = new String[1];
        return measure(runs, () -> url[0] = target.fresh(), () -> work.run(url[0]));
    }

    static Measured measure(int runs, Work work) throws Exception {
        return measure(runs, () -> null, work);
    }

    private static Measured measure(int runs, java.util.concurrent.Callable<?> setup, Work work) throws Exception {
        setup.call();
        work.run();
        long[] nanos = new long[runs];
        long[] peaks = new long[runs];
        for (int i = 0; i < runs; i++) {
            setup.call();
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
            peaks[i] = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }
        return new Measured(nanos, peaks);
    }

    private static void printHeap(Measured... measured) {
        StringBuilder line = new StringBuilder("peak heap (median of runs, garbage included):");
        for (Measured m : measured) {
            line.append(' ').append(Table.median(m.peaks) >> 20).append(" MB");
        }
        System.out.println(line);
    }

    private static Path generated(Path file, Writer writer) throws IOException {
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            writer.write(partial);
            Files.move(partial, file);
            System.out.printf("generated %s in %.1f s%n", file, (System.nanoTime() - start) / 1e9);
        }
        return file;
    }

    static long commonsCsv(Path file) throws IOException {
        long characters = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.parse(in)) {
            for (CSVRecord record : parser) {
                for (String field : record) {
                    characters += field.length();
                }
            }
        }
        return characters;
    }

    static long fastCsv(Path file) throws IOException {
        long characters = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : reader) {
                for (int i = 0, n = record.getFieldCount(); i < n; i++) {
                    characters += record.getField(i).length();
                }
            }
        }
        return characters;
    }

    /** A whole import of the ion-runs importer into a fresh database loaded with the fixtures. */
    static long intake(ImportSource source, RunMode mode, String url) throws SQLException {
        try (Database db = Database.open(url)) {
            ImportReport report = IonRuns.importer(db.connection()).run(source, mode, ImportContext.empty());
            if (!report.fileErrors().isEmpty()) {
                throw new IllegalStateException("the import failed: " + report.fileErrors());
            }
            return report.successCount() * 31 + report.errorCount();
        }
    }

    /**
     * The baseline a team would hand-write: parse with commons-csv, map the columns without checks,
     * insert inventory, runs and attribute values with JDBC batches of 500 in one transaction, run
     * batches found or created through a map. The same schema and rows as the Intake commit (of a file
     * without failing references).
     */
    static long jdbcBatch(Path file, String url) throws Exception {
        try (Database db = Database.open(url)) {
            Connection connection = db.connection();
            connection.setAutoCommit(false);
            Map<String, Long> procedures = procedures(connection);
            Map<String, Long> batches = new HashMap<>();
            long written = 0;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
                    PreparedStatement inventory = connection.prepareStatement("INSERT INTO part_inventory (part_number,"
                            + " revision, serial_number, lot_number, quantity) VALUES (?, ?, ?, ?, ?)",
                            Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement run = connection.prepareStatement("INSERT INTO runs (title, procedure_id,"
                            + " part_inventory_id, assigned_to, intent_option, due_date, quantity, description,"
                            + " export_controlled, run_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement attribute = connection.prepareStatement("INSERT INTO run_attribute_values"
                            + " (run_id, attribute_key, attribute_value) VALUES (?, ?, ?)");
                    PreparedStatement batch = connection.prepareStatement("INSERT INTO run_batches (title) VALUES (?)",
                            Statement.RETURN_GENERATED_KEYS)) {
                List<CSVRecord> chunk = new ArrayList<>(500);
                for (CSVRecord record : parser) {
                    chunk.add(record);
                    if (chunk.size() == 500) {
                        written += writeChunk(chunk, procedures, batches, inventory, run, attribute, batch);
                        chunk.clear();
                    }
                }
                written += writeChunk(chunk, procedures, batches, inventory, run, attribute, batch);
            }
            connection.commit();
            return written;
        }
    }

    /**
     * The procedures by title and version, the first of several alike (the hand-written baselines
     * do not report ambiguity).
     */
    static Map<String, Long> procedures(Connection connection) throws SQLException {
        Map<String, Long> procedures = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("SELECT id, title, version FROM procedures ORDER BY id")) {
            while (found.next()) {
                procedures.putIfAbsent(procedureKey(found.getString(2), found.getString(3)), found.getLong(1));
            }
        }
        return procedures;
    }

    static String procedureKey(String title, String version) {
        return title + "\u0000" + version;
    }

    private static long writeChunk(List<CSVRecord> chunk, Map<String, Long> procedures, Map<String, Long> batches,
            PreparedStatement inventory, PreparedStatement run, PreparedStatement attribute, PreparedStatement batch)
            throws SQLException {
        if (chunk.isEmpty()) {
            return 0;
        }
        List<Integer> withInventory = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            CSVRecord record = chunk.get(i);
            if (!record.get("part_number").isEmpty()) {
                inventory.setString(1, record.get("part_number"));
                inventory.setString(2, record.get("revision").isEmpty() ? null : record.get("revision"));
                inventory.setString(3, record.get("serial_number").isEmpty() ? null : record.get("serial_number"));
                inventory.setString(4, record.get("lot_number").isEmpty() ? null : record.get("lot_number"));
                inventory.setLong(5, Long.parseLong(record.get("quantity")));
                inventory.addBatch();
                withInventory.add(i);
            }
        }
        Map<Integer, Long> inventoryIds = new HashMap<>();
        inventory.executeBatch();
        try (ResultSet keys = inventory.getGeneratedKeys()) {
            for (int i = 0; keys.next(); i++) {
                inventoryIds.put(withInventory.get(i), keys.getLong(1));
            }
        }
        for (int i = 0; i < chunk.size(); i++) {
            CSVRecord record = chunk.get(i);
            String title = record.get("title");
            run.setString(1, title.isEmpty() ? null : title);
            String procedure = record.get("procedure_id");
            Long procedureId = !procedure.isEmpty() ? Long.valueOf(procedure)
                    : record.get("procedure_title").isEmpty() ? null
                    : procedures.get(procedureKey(record.get("procedure_title"), record.get("procedure_version")));
            setLong(run, 2, procedureId);
            Long inventoryId = inventoryIds.containsKey(i) ? inventoryIds.get(i)
                    : record.get("part_inventory_id").isEmpty() ? null : Long.valueOf(record.get("part_inventory_id"));
            setLong(run, 3, inventoryId);
            run.setString(4, record.get("assigned_to"));
            run.setString(5, record.get("intent_option"));
            run.setDate(6, Date.valueOf(LocalDate.parse(record.get("due_date"))));
            run.setLong(7, Long.parseLong(record.get("quantity")));
            run.setString(8, record.get("description"));
            run.setBoolean(9, Boolean.parseBoolean(record.get("export_controlled")));
            setLong(run, 10, batches.computeIfAbsent(record.get("run_batch_title"), t -> createBatch(batch, t)));
            run.addBatch();
        }
        run.executeBatch();
        try (ResultSet keys = run.getGeneratedKeys()) {
            for (int i = 0; keys.next(); i++) {
                CSVRecord record = chunk.get(i);
                for (String key : new String[] {"work_order", "line", "shift"}) {
                    attribute.setLong(1, keys.getLong(1));
                    attribute.setString(2, key);
                    attribute.setString(3, record.get(key));
                    attribute.addBatch();
                }
            }
        }
        attribute.executeBatch();
        return chunk.size();
    }

    private static Long createBatch(PreparedStatement batch, String title) {
        try {
            batch.setString(1, title);
            batch.executeUpdate();
            try (ResultSet keys = batch.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, not " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
