package dev.intake.benchmarks;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.intake.core.ImportContext;
import dev.intake.core.Limits;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import dev.intake.csv.CsvSource;
import dev.intake.examples.ion.IonRuns;
import dev.intake.examples.jdbc.Database;
import dev.intake.spi.RowSpool;
import dev.intake.spi.RunOptions;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Whole imports, side by side with the raw parsers, a hand-written pipeline, the best hand-written
 * JDBC and a Spring Batch job, in one JVM: the lines of a comparison run in turns, round by round
 * ({@code warmup} unmeasured rounds, then {@code runs}), each on a fresh database whose schema and
 * fixtures are loaded untimed, and the table prints medians with min/max, rows/s, MB/s, the ratio to
 * its baseline, the CPU time of the process and (PostgreSQL) of the database server, and the peak
 * heap seen while it ran. The first line printed gives the heap the JVM may use.
 *
 * <pre>java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.WholeRun [options]
 *   --rows N          CSV rows (default 1,000,000)
 *   --commit-rows N   rows of the commit comparison (default 200,000)
 *   --xlsx-rows N     XLSX rows (default 200,000)
 *   --failing F       share of rows with a reference that does not resolve (default 0.01)
 *   --runs N          measured runs of each (default 5)
 *   --warmup N        unmeasured runs before them (default 1)
 *   --dir DIR         where the generated files are kept (default benchmarks/target/data)
 *   --only csv|commit|xlsx
 *   --h2 mem|file|both|none  where the commit comparison writes in H2 (default both; the file is
 *                     DIR/commit-db, deleted before every run)
 *   --journal on|off|cost  whether Intake's commit keeps the import journal (default on, as the
 *                     examples do); cost: only Intake's commit, without and with it, in turns
 *   --postgres URL    also run the commit comparison on this PostgreSQL database; it must be a
 *                     throwaway one: its public schema is dropped and made again before every run
 * </pre>
 */
public final class WholeRun {
    private WholeRun() {
    }

    public static void main(String[] args) throws Exception {
        // POI logs through log4j-api; without this it complains, once, that it has no provider.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        Map<String, String> options = options(args);
        long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
        long commitRows = Long.parseLong(options.getOrDefault("commit-rows", "200000"));
        long xlsxRows = Long.parseLong(options.getOrDefault("xlsx-rows", "200000"));
        double failing = Double.parseDouble(options.getOrDefault("failing", "0.01"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
        Path dir = Path.of(options.getOrDefault("dir", "benchmarks/target/data"));
        String only = options.getOrDefault("only", "");
        Files.createDirectories(dir);
        System.out.printf("Intake whole-run benchmark: %s, %d cores, heap max %d MB, %d runs after %d warm-up%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, runs,
                warmup);

        if (only.isEmpty() || only.equals("csv")) {
            Path csv = generated(dir.resolve("ion-runs-" + rows + "-f" + failing + ".csv"),
                    file -> IonRunsData.writeCsv(file, rows, failing));
            generated(dir.resolve("ion-runs-" + rows + "-f" + failing + ".jsonl"),
                    file -> IonRunsData.writeJsonLines(file, rows, failing));
            System.out.printf("%nCSV: %s, %d rows, %.1f MB, %.1f%% failing references%n", csv.getFileName(), rows,
                    Files.size(csv) / 1e6, failing * 100);
            int cores = Runtime.getRuntime().availableProcessors();
            Measured[] all = alternate(runs, Target.H2, url -> commonsCsv(csv), url -> fastCsv(csv),
                    url -> handWritten(csv, url, 1), url -> handWritten(csv, url, cores),
                    url -> intake(CsvSource.of(csv), RunMode.DRY_RUN, url, true, 1, false),
                    url -> intake(CsvSource.of(csv), RunMode.DRY_RUN, url),
                    url -> intake(CsvSource.of(csv), RunMode.DRY_RUN, url, true, cores, true),
                    url -> intakeRows(CsvSource.of(csv)), url -> intakeRowsAhead(CsvSource.of(csv)));
            Measured commons = all[0];
            Measured fast = all[1];
            Measured hand = all[2];
            Measured handThreads = all[3];
            Measured one = all[4];
            Measured dry = all[5];
            Measured checkThreads = all[6];
            Measured source = all[7];
            Measured handOver = all[8];
            Table.print(rows, Files.size(csv), commons.line("commons-csv 1.14.1 (raw, every field)", null),
                    fast.line("FastCSV 4.1.0 (raw, every field)", null),
                    source.line("Intake CsvSource (raw rows, vs commons-csv)", commons),
                    handOver.line("the same rows read ahead, taken on another thread (vs raw)", source),
                    handOver.line("the same rows read ahead (vs commons-csv)", commons),
                    hand.line("hand-written pipeline, one thread", null),
                    handThreads.line("hand-written pipeline, parser + " + cores + " checkers (vs one)", hand),
                    one.line("Intake dry run, one thread (vs hand-written, one)", hand),
                    dry.line("Intake dry run, defaults: read ahead (vs hand, one)", hand),
                    checkThreads.line("Intake dry run, " + cores + " check threads (vs hand, one)", hand),
                    checkThreads.line("Intake dry run, " + cores + " check threads (vs hand, threads)", handThreads),
                    dry.line("Intake dry run, defaults (vs commons-csv)", commons));
            printHeap(commons, fast, hand, handThreads, one, dry, checkThreads, source, handOver);
            checkSameReport(csv, cores);
        }
        if (only.isEmpty() || only.equals("commit")) {
            Path csv = generated(dir.resolve("ion-runs-" + commitRows + "-f0.0.csv"),
                    file -> IonRunsData.writeCsv(file, commitRows, 0.0));
            String h2 = options.getOrDefault("h2", "both");
            String journal = options.getOrDefault("journal", "on");
            List<Target> targets = new ArrayList<>();
            if (h2.equals("mem") || h2.equals("both")) {
                targets.add(Target.H2);
            }
            if (h2.equals("file") || h2.equals("both")) {
                targets.add(Target.h2File(dir.resolve("commit-db")));
            }
            if (options.containsKey("postgres")) {
                targets.add(Target.postgres(options.get("postgres")));
            }
            for (Target target : targets) {
                System.out.printf("%nCommit into %s: %s, %d rows, %.1f MB%n", target.name(), csv.getFileName(),
                        commitRows, Files.size(csv) / 1e6);
                if (journal.equals("cost")) {
                    // Only Intake, with and without its journal, alternated run by run.
                    Measured[] both = alternate(runs, target,
                            url -> intake(CsvSource.of(csv), RunMode.COMMIT, url, false),
                            url -> intake(CsvSource.of(csv), RunMode.COMMIT, url, true));
                    Table.print(commitRows, Files.size(csv),
                            both[0].line("Intake commit, no journal", null),
                            both[1].line("Intake commit, journal in each chunk's transaction (vs none)", both[0]));
                    printHeap(both[0], both[1]);
                    continue;
                }
                int cores = Runtime.getRuntime().availableProcessors();
                Measured[] all = alternate(runs, target, url -> jdbcBatch(csv, url),
                        url -> SpringBatchPeer.run(csv, url, 1), url -> SpringBatchPeer.run(csv, url, cores),
                        url -> intake(CsvSource.of(csv), RunMode.COMMIT, url, !journal.equals("off")),
                        url -> intake(CsvSource.of(csv), RunMode.COMMIT, url, !journal.equals("off"), 1, true, cores),
                        url -> jdbcBatch(csv, url, true));
                Measured batch = all[0];
                Measured peer = all[1];
                Measured peerThreads = all[2];
                Measured commit = all[3];
                Measured commitWriters = all[4];
                Measured copy = all[5];
                Table.print(commitRows, Files.size(csv),
                        batch.line("best hand-written JDBC (ids ahead, multi-row inserts)", null),
                        copy.line("hand-written JDBC, COPY on PostgreSQL (vs multi-row)", batch),
                        peer.line("Spring Batch 5.2 step, one thread", null),
                        peerThreads.line("Spring Batch 5.2 multi-threaded step, " + cores + " threads", null),
                        commit.line("Intake commit, defaults (vs JDBC)", batch),
                        commit.line("Intake commit, defaults (vs Spring Batch, one)", peer),
                        commit.line("Intake commit, defaults (vs Spring Batch, threads)", peerThreads),
                        commitWriters.line("Intake commit, " + cores + " writers (vs JDBC)", batch),
                        commitWriters.line("Intake commit, " + cores + " writers (vs SB threads)", peerThreads),
                        commitWriters.line("Intake commit, " + cores + " writers (vs one writer)", commit));
                printHeap(batch, peer, peerThreads, commit, commitWriters, copy);
            }
        }
        if (only.isEmpty() || only.equals("xlsx")) {
            Path xlsx = generated(dir.resolve("ion-runs-" + xlsxRows + "-f" + failing + ".xlsx"),
                    file -> IonRunsData.writeXlsx(file, xlsxRows, failing));
            System.out.printf("%nXLSX: %s, %d rows, %.1f MB%n", xlsx.getFileName(), xlsxRows, Files.size(xlsx) / 1e6);
            Measured raw = measure(runs, () -> XlsxThroughput.fastexcel(xlsx));
            Measured poi = measure(runs, () -> XlsxThroughput.poi(xlsx));
            Measured source = measure(runs, () -> XlsxThroughput.intake(xlsx));
            Measured dry = measure(runs, Target.H2, url -> intake(XlsxSource.of(xlsx), RunMode.DRY_RUN, url));
            Table.print(xlsxRows, Files.size(xlsx), raw.line("fastexcel-reader 0.20.2 (raw, every cell)", null),
                    poi.line("POI 5.5.1 event model (formatted, every cell)", null),
                    source.line("Intake XlsxSource (raw rows, vs fastexcel)", raw),
                    dry.line("Intake dry run, ion-runs (vs fastexcel)", raw));
            printHeap(raw, poi, source, dry);
        }
    }

    /** Where the commits go: a fresh database for every run. */
    record Target(String name, FreshDatabase fresh) {
        /** Makes an empty database, the schema and fixtures not yet loaded, and gives its URL. */
        @FunctionalInterface
        interface FreshDatabase {
            String url() throws Exception;
        }

        static final Target H2 = new Target("in-memory H2",
                () -> "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0");

        /** A throwaway PostgreSQL database whose public schema is dropped and made again each time. */
        static Target postgres(String url) {
            return new Target("PostgreSQL", () -> {
                try (Connection connection = java.sql.DriverManager.getConnection(url);
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA public CASCADE");
                    statement.execute("CREATE SCHEMA public");
                }
                return url;
            });
        }

        /** An H2 database in a file, deleted before each run, with an 8 MB page cache. */
        static Target h2File(Path file) {
            String path = file.toAbsolutePath().toString();
            return new Target("H2 file " + file, () -> {
                Files.deleteIfExists(Path.of(path + ".mv.db"));
                Files.deleteIfExists(Path.of(path + ".trace.db"));
                return "jdbc:h2:file:" + path + ";CACHE_SIZE=8192";
            });
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

    record Measured(long[] nanos, long[] peaks, long[] cpu, long[] serverCpu) {
        Table.Line line(String name, Measured baseline) {
            return new Table.Line(name, nanos, baseline == null ? null : baseline.nanos, cpu, serverCpu);
        }
    }

    /** Work on a database. */
    @FunctionalInterface
    interface DatabaseWork {
        long run(String url) throws Exception;
    }

    /**
     * Measures work on a fresh database each time; making it fresh and loading the schema and the
     * fixtures is not timed (the database is held open meanwhile, so that an in-memory one lives on).
     */
    static Measured measure(int runs, Target target, DatabaseWork work) throws Exception {
        String[] url = new String[1];
        Database[] held = new Database[1];
        countServer = target.name().equals("PostgreSQL");
        try {
            return measure(runs, () -> {
                url[0] = target.fresh().url();
                held[0] = Database.open(url[0]);
                return null;
            }, () -> work.run(url[0]), () -> held[0].close());
        } finally {
            countServer = false;
        }
    }

    /** Whether the runs measured now write into the local PostgreSQL server, whose CPU time is then counted. */
    private static boolean countServer;

    /**
     * Things measured in turns, round by round (each once per round, in the order given), so that a
     * drift of the machine touches them all alike.
     *
     * @return their measurements, in the order given
     */
    static Measured[] alternate(int runs, Target target, DatabaseWork... works) throws Exception {
        int warm = warmup;
        warmup = 0;
        try {
            for (int i = 0; i < warm; i++) {
                for (DatabaseWork work : works) {
                    measure(1, target, work);
                }
            }
            long[][] nanos = new long[works.length][runs];
            long[][] peaks = new long[works.length][runs];
            long[][] cpu = new long[works.length][runs];
            long[][] server = new long[works.length][runs];
            for (int i = 0; i < runs; i++) {
                for (int j = 0; j < works.length; j++) {
                    Measured one = measure(1, target, works[j]);
                    nanos[j][i] = one.nanos()[0];
                    peaks[j][i] = one.peaks()[0];
                    cpu[j][i] = one.cpu()[0];
                    server[j][i] = one.serverCpu()[0];
                }
            }
            Measured[] measured = new Measured[works.length];
            for (int j = 0; j < works.length; j++) {
                measured[j] = new Measured(nanos[j], peaks[j], cpu[j], server[j]);
            }
            return measured;
        } finally {
            warmup = warm;
        }
    }

    static Measured measure(int runs, Work work) throws Exception {
        return measure(runs, () -> null, work, () -> { });
    }

    /** What follows a measured run, untimed. */
    @FunctionalInterface
    interface After {
        void run() throws Exception;
    }

    /** Warm-up runs before the measured ones (option {@code --warmup}, default 1). */
    private static int warmup = 1;

    private static Measured measure(int runs, java.util.concurrent.Callable<?> setup, Work work, After after)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            setup.call();
            work.run();
            after.run();
        }
        long[] nanos = new long[runs];
        long[] peaks = new long[runs];
        long[] cpu = new long[runs];
        long[] server = new long[runs];
        for (int i = 0; i < runs; i++) {
            setup.call();
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long serverBefore = countServer ? Cpu.postgres() : 0;
            long cpuBefore = Cpu.process();
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
            cpu[i] = Cpu.process() - cpuBefore;
            peaks[i] = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (serverBefore > 0) {
                Thread.sleep(200); // the run's backends end and are counted by the postmaster
                server[i] = Cpu.postgres() - serverBefore;
            }
            after.run();
        }
        return new Measured(nanos, peaks, cpu, server);
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

    /**
     * Every row of a source read through Intake's own reader (for CSV: its record reader, which
     * bounds quoting and lengths in the same pass, the rows made), every cell touched: what reading
     * ahead does on its thread, without the checks.
     */
    static long intakeRows(ImportSource source) throws IOException {
        try (RowSource rows = source.open(Limits.defaults())) {
            return touched(rows);
        }
    }

    /** Reads every row of a source, every cell touched; the characters seen. */
    private static long touched(RowSource rows) {
        long characters = 0;
        for (Optional<SourceRow> row = rows.header(); row.isPresent(); row = rows.next()) {
            for (String cell : row.get().cells()) {
                characters += cell.length();
            }
        }
        return characters;
    }

    /**
     * The rows of {@link #intakeRows}, read by the pipeline's reading-ahead thread and taken on this
     * one, every cell touched here: the hand-over between two cores with no checks behind it, which is
     * as fast as a dry run that reads ahead can be. The reading-ahead class is the pipeline's own, so
     * it is reached by reflection; nothing else about it changes.
     */
    static long intakeRowsAhead(ImportSource source) throws Exception {
        java.lang.reflect.Constructor<?> readAhead = Class.forName("dev.intake.core.pipeline.ReadAhead")
                .getDeclaredConstructor(RowSource.class);
        readAhead.setAccessible(true);
        try (RowSource rows = (RowSource) readAhead.newInstance(source.open(Limits.defaults()))) {
            return touched(rows);
        }
    }

    /** A whole import of the ion-runs importer into a fresh database loaded with the fixtures. */
    static long intake(ImportSource source, RunMode mode, String url) throws SQLException {
        return intake(source, mode, url, true);
    }

    /** The same, the importer keeping its journal or not. */
    static long intake(ImportSource source, RunMode mode, String url, boolean journal) throws SQLException {
        return intake(source, mode, url, journal, 1, true);
    }

    /** The same, the importer tuned. */
    static long intake(ImportSource source, RunMode mode, String url, boolean journal, int checkThreads, boolean readAhead)
            throws SQLException {
        return intake(source, mode, url, journal, checkThreads, readAhead, 1);
    }

    /** The same, the importer tuned, with several writers each on a connection of its own. */
    static long intake(ImportSource source, RunMode mode, String url, boolean journal, int checkThreads, boolean readAhead,
            int writers) throws SQLException {
        try (Database db = Database.open(url)) {
            ImportReport report = IonRuns.importer(db.connection(), journal, checkThreads, readAhead, writers,
                    db::openConnection).run(source, mode, ImportContext.empty());
            if (!report.fileErrors().isEmpty()) {
                throw new IllegalStateException("the import failed: " + report.fileErrors());
            }
            return report.successCount() * 31 + report.errorCount();
        }
    }

    /** The hand-written dry run into a fresh database loaded with the fixtures; returns rows and failures. */
    static long handWritten(Path file, String url, int threads) throws Exception {
        try (Database db = Database.open(url)) {
            HandWrittenPipeline.Result result = HandWrittenPipeline.run(file, db.connection(), threads);
            return result.rows() * 31 + result.failed();
        }
    }

    /**
     * Checks that a dry run with check threads and reading ahead gives the report JSON, byte for byte,
     * that a run on one thread gives: every row's outcome, streamed from a spool.
     */
    static void checkSameReport(Path csv, int threads) throws Exception {
        byte[][] reports = new byte[2][];
        int i = 0;
        for (int checkThreads : new int[] {1, threads}) {
            String url = Target.H2.fresh().url();
            try (Database db = Database.open(url); RowSpool spool = RowSpool.create()) {
                ImportReport report = IonRuns.importer(db.connection(), true, checkThreads, checkThreads > 1)
                        .run(CsvSource.of(csv), RunOptions.dryRun().sink(spool).keepRows(0).build());
                java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
                dev.intake.json.ReportJson.write(report, spool, json);
                reports[i++] = java.security.MessageDigest.getInstance("SHA-256").digest(json.toByteArray());
            }
        }
        System.out.println("report JSON of the dry run, one thread vs " + threads + " check threads and reading ahead: "
                + (java.util.Arrays.equals(reports[0], reports[1]) ? "byte-identical" : "DIFFERENT"));
        String url = Target.H2.fresh().url();
        try (Database db = Database.open(url)) {
            HandWrittenPipeline.Result hand = HandWrittenPipeline.run(csv, db.connection(), 1);
            ImportReport intake = IonRuns.importer(db.connection(), true).run(CsvSource.of(csv), RunMode.DRY_RUN,
                    ImportContext.empty());
            System.out.printf("rows failed: hand-written pipeline %d of %d (%d problems), Intake %d of %d%n", hand.failed(),
                    hand.rows(), hand.problems(), intake.errorCount(), intake.totalRows());
        }
    }

    /**
     * The best JDBC a team would hand-write: parse with commons-csv, map the columns without checks,
     * and write them as {@link HandWrittenRuns} does (ids from the sequences, multi-row inserts), a
     * transaction per chunk of 500 as Intake commits.
     */
    static long jdbcBatch(Path file, String url) throws Exception {
        return jdbcBatch(file, url, false);
    }

    /** The same, with COPY on PostgreSQL, or multi-row inserts everywhere. */
    static long jdbcBatch(Path file, String url, boolean copy) throws Exception {
        try (Database db = Database.open(url); HandWrittenRuns.Batches batches = new HandWrittenRuns.Batches(url)) {
            Connection connection = db.connection();
            connection.setAutoCommit(false);
            Map<String, Long> procedures = HandWrittenRuns.procedures(connection);
            long written = 0;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
                    HandWrittenRuns writer = new HandWrittenRuns(connection, batches, copy)) {
                List<HandWrittenRuns.Run> chunk = new ArrayList<>(500);
                for (CSVRecord record : parser) {
                    chunk.add(run(record::get, procedures));
                    if (chunk.size() == 500) {
                        written += writer.write(chunk);
                        connection.commit();
                        chunk.clear();
                    }
                }
                written += writer.write(chunk);
            }
            connection.commit();
            return written;
        }
    }

    /** Maps a record's fields, by column name, as the hand-written baselines do: no checks. */
    static HandWrittenRuns.Run run(java.util.function.UnaryOperator<String> field, Map<String, Long> procedures) {
        String procedure = field.apply("procedure_id");
        Long procedureId = !procedure.isEmpty() ? Long.valueOf(procedure)
                : field.apply("procedure_title").isEmpty() ? null
                : procedures.get(HandWrittenRuns.procedureKey(field.apply("procedure_title"), field.apply("procedure_version")));
        String inventory = field.apply("part_inventory_id");
        List<String> attributes = new ArrayList<>(HandWrittenRuns.ATTRIBUTES.size());
        for (String key : HandWrittenRuns.ATTRIBUTES) {
            attributes.add(field.apply(key));
        }
        return new HandWrittenRuns.Run(HandWrittenRuns.blankToNull(field.apply("title")),
                Boolean.parseBoolean(field.apply("autogenerate_title")), procedureId,
                inventory.isEmpty() ? null : Long.valueOf(inventory), HandWrittenRuns.blankToNull(field.apply("part_number")),
                HandWrittenRuns.blankToNull(field.apply("revision")), HandWrittenRuns.blankToNull(field.apply("serial_number")),
                Boolean.parseBoolean(field.apply("autogenerate_serial_number")),
                HandWrittenRuns.blankToNull(field.apply("lot_number")),
                Boolean.parseBoolean(field.apply("autogenerate_lot_number")), field.apply("assigned_to"),
                field.apply("intent_option"), LocalDate.parse(field.apply("due_date")),
                Long.parseLong(field.apply("quantity")), field.apply("description"),
                Boolean.parseBoolean(field.apply("export_controlled")), field.apply("run_batch_title"), attributes);
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
