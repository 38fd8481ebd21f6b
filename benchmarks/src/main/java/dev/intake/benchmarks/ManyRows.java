package dev.intake.benchmarks;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.RowReference;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import dev.intake.core.rule.Rules;
import dev.intake.csv.CsvSource;
import dev.intake.jdbc.JdbcImportJournal;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.json.ReportJson;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.RowSpool;
import dev.intake.spi.RunOptions;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Rows against memory: a generated runs file with a key ({@code serial}), a row reference
 * ({@code rework_of}, naming another row's serial, earlier or later in the file) and a group
 * ({@code run_batch_title}), about 120 bytes a row, 1% repeated serials and 1% rows naming other
 * rows. Each import runs in a JVM of its own with a capped heap: a dry run, a per-row commit into
 * PostgreSQL with the import journal, and an all-or-nothing commit into PostgreSQL of the same file
 * without its repeated serials (one failing row would leave nothing to write). Prints whether
 * it completed, its time, the most live heap (after a whole-heap collection every two seconds),
 * the most heap after any collection (from the JVM's GC log, garbage of the old generation
 * included), and the most disk the engine's temporary files took while it ran.
 *
 * <pre>
 * java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.ManyRows --rows 10000000
 *     [--heap 128m] [--postgres JDBC_URL] [--only dry-run,per-row,all-or-nothing] [--dir /tmp/benchdata]
 *     [--keys-in-memory N]
 * </pre>
 */
public final class ManyRows {
    static final List<String> HEADER = List.of("serial", "title", "procedure_id", "description", "due_date",
            "quantity", "part_number", "lot_number", "assigned_to", "export_controlled", "run_batch_title",
            "rework_of", "work_order", "line", "shift");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    private ManyRows() {
    }

    /**
     * Runs the benchmark, or (with {@code --child}) one measured import.
     *
     * @param args see the class comment
     * @throws Exception if a run cannot be started
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args);
            return;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
        String heap = options.getOrDefault("heap", "128m");
        Path dir = Path.of(options.getOrDefault("dir", "/tmp/benchdata"));
        String postgres = options.get("postgres");
        String keys = options.getOrDefault("keys-in-memory", Integer.toString(Limits.DEFAULT_MAX_KEYS_IN_MEMORY));
        List<String> only = List.of(options.getOrDefault("only", "dry-run,per-row,all-or-nothing").split(","));
        Files.createDirectories(dir);
        Path file = generated(dir.resolve("keyed-runs-" + rows + ".csv"), rows, true);
        Path clean = only.contains("all-or-nothing") ? generated(dir.resolve("keyed-runs-clean-" + rows + ".csv"), rows,
                false) : null;
        String self = ManyRows.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        System.out.printf(Locale.ROOT, "%,d rows (%.1f MB), -Xmx%s, keys in memory %s%n", rows,
                Files.size(file) / 1e6, heap, keys);
        System.out.println("| run | completes | time | rows/s | live heap, most | heap after a collection, most |"
                + " spill on disk, most | outcome |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String mode : only) {
            if (!mode.equals("dry-run") && postgres == null) {
                System.out.println("| " + mode + " | skipped: give --postgres | | | | | | |");
                continue;
            }
            Path out = dir.resolve("many-" + mode);
            Files.createDirectories(out);
            Path input = mode.equals("all-or-nothing") ? clean : file;
            measure(mode, rows, List.of("-cp", self, ManyRows.class.getName(), "--child", mode, input.toString(),
                    out.toString(), postgres == null ? "-" : postgres, keys), heap, out);
        }
    }

    private static Path generated(Path file, long rows, boolean faults) throws IOException {
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            write(file, rows, faults);
            System.out.printf(Locale.ROOT, "generated %s (%.1f MB) in %.0f s%n", file, Files.size(file) / 1e6,
                    (System.nanoTime() - start) / 1e9);
        }
        return file;
    }

    private static void measure(String mode, long rows, List<String> arguments, String heap, Path dir)
            throws IOException, InterruptedException {
        CappedJvm jvm = CappedJvm.run(arguments, heap, dir, dir.resolve("child.out"));
        int exit = jvm.exit();
        double seconds = jvm.seconds();
        boolean outOfMemory = jvm.outOfMemory();
        String stdout = Files.readString(dir.resolve("child.out")).strip();
        String spill = stdout.lines().filter(l -> l.startsWith("spill ")).findFirst().orElse("spill ?").substring(6);
        String live = stdout.lines().filter(l -> l.startsWith("live ")).findFirst().orElse("live ?").substring(5);
        String outcome = stdout.lines().filter(l -> l.startsWith("outcome ")).findFirst().orElse("outcome ?")
                .substring(8);
        String completes = outOfMemory ? "no: out of memory" : exit == 0 ? "yes" : "no (exit " + exit + ")";
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f s | %,.0f | %s | %d MB | %s | %s |%n", mode, completes, seconds,
                rows / seconds, live, jvm.mostHeapAfterCollection(), spill, outcome);
        if (exit != 0 || outOfMemory) {
            System.out.println("  standard error: " + jvm.stderr().strip().lines().limit(3).toList());
        }
    }

    /** In the measured JVM: one import of the file. */
    private static void child(String[] args) throws Exception {
        String mode = args[1];
        Path file = Path.of(args[2]);
        Path out = Path.of(args[3]);
        String url = args[4];
        int keys = Integer.parseInt(args[5]);
        ImportDefinition definition = definition(Limits.defaults().withMaxRows(100_000_000L)
                .withMaxBytes(Long.MAX_VALUE).withMaxCharacters(Long.MAX_VALUE).withMaxKeysInMemory(keys));
        SpillWatch watch = new SpillWatch();
        watch.start();
        ImportReport report;
        try (RowSpool spool = RowSpool.in(out)) {
            if (mode.equals("dry-run")) {
                InMemoryTransactions transactions = new InMemoryTransactions();
                Importer<Run> importer = Importer.builder(definition, Run::of, (run, context) -> {
                    throw new AssertionError("a dry run writes nothing");
                }).groups(new InMemoryGroupRepository(transactions)).transactions(transactions).build();
                report = importer.run(CsvSource.of(file), RunOptions.of(RunMode.DRY_RUN).sink(spool).build());
            } else {
                try (Connection connection = DriverManager.getConnection(url)) {
                    prepare(connection);
                    JdbcTransactions transactions = new JdbcTransactions(connection);
                    Importer<Run> importer = Importer.builder(definition, Run::of, new Runs(connection))
                            .groups(new Batches(connection))
                            .transactions(transactions)
                            .journal(JdbcImportJournal.on(() -> connection))
                            .policy(mode.equals("per-row") ? CommitPolicy.PER_ROW : CommitPolicy.ALL_OR_NOTHING)
                            .build();
                    report = importer.run(CsvSource.of(file), RunOptions.of(RunMode.COMMIT).sink(spool).build());
                    try (Statement count = connection.createStatement();
                            ResultSet rows = count.executeQuery("SELECT count(*) FROM many_runs")) {
                        rows.next();
                        if (rows.getLong(1) != (report.committed() ? report.successCount() : 0)) {
                            throw new IllegalStateException(rows.getLong(1) + " runs stored, " + report.successCount()
                                    + " reported: " + report.outcome() + ", committed " + report.committed() + ", "
                                    + report.fileErrors());
                        }
                    }
                }
            }
            try (OutputStream json = Files.newOutputStream(out.resolve("report.json"))) {
                ReportJson.write(report, spool, json);
            }
        } finally {
            watch.interrupt();
            watch.join();
        }
        System.out.printf(Locale.ROOT, "spill %.0f MB%n", watch.most.get() / 1e6);
        List<Long> samples = new ArrayList<>(watch.samples);
        samples.sort(null);
        System.out.printf(Locale.ROOT, "live %.1f MB (median %.1f MB of %d)%n", watch.live.get() / 1e6,
                samples.isEmpty() ? 0 : samples.get(samples.size() / 2) / 1e6, samples.size());
        System.out.println("outcome " + report.outcome() + ", " + report.successCount() + " written or valid, "
                + report.errorCount() + " failed" + (report.fileErrors().isEmpty() ? "" : ", " + report.fileErrors()));
    }

    /**
     * Sums, once a second, the files this process holds open or mapped under the spill directory
     * (unlinked ones too); every other second collects the whole heap and notes what is left, the
     * live heap (a young collection's figure counts the old generation's garbage too), as
     * {@link #liveAfterFullCollection()} reads it.
     */
    private static final class SpillWatch extends Thread {
        final AtomicLong most = new AtomicLong();
        final AtomicLong live = new AtomicLong();
        /** Every live-heap figure, for the median: the most catches the bounded buffers at their fullest. */
        final List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());

        SpillWatch() {
            super("spill-watch");
            setDaemon(true);
        }

        @Override
        public void run() {
            String root = dev.intake.core.internal.SpillFiles.root().toString();
            int seconds = 0;
            while (!isInterrupted()) {
                long bytes = 0;
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().startsWith(root)) {
                                bytes += Files.size(fd);
                            }
                        } catch (IOException e) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException e) {
                    return;
                }
                try (DirectoryStream<Path> maps = Files.newDirectoryStream(Path.of("/proc/self/map_files"))) {
                    for (Path map : maps) {
                        try {
                            if (Files.readSymbolicLink(map).toString().startsWith(root)) {
                                String[] range = map.getFileName().toString().split("-");
                                bytes += Long.parseLong(range[1], 16) - Long.parseLong(range[0], 16);
                            }
                        } catch (IOException | RuntimeException e) {
                            // unmapped meanwhile, or not readable here
                        }
                    }
                } catch (IOException e) {
                    // no map_files on this system
                }
                most.accumulateAndGet(bytes, Math::max);
                if (++seconds % 2 == 0) {
                    long used = liveAfterFullCollection();
                    live.accumulateAndGet(used, Math::max);
                    samples.add(used);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Collects the whole heap and returns what that collection left: the heap's use after it, as the
     * collector itself reports it. The heap's use read after {@code System.gc()} returns would also
     * count what the import's threads allocated since (several MB at the rate a dry run allocates).
     */
    static long liveAfterFullCollection() {
        List<java.lang.management.GarbageCollectorMXBean> collectors =
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans();
        long[] before = new long[collectors.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = collectors.get(i).getCollectionCount();
        }
        System.gc();
        for (int i = 0; i < before.length; i++) {
            java.lang.management.GarbageCollectorMXBean collector = collectors.get(i);
            String name = collector.getName();
            // the whole-heap collector: G1 Old Generation, PS MarkSweep, MarkSweepCompact
            if ((name.contains("Old") || name.contains("MarkSweep")) && collector.getCollectionCount() > before[i]
                    && collector instanceof com.sun.management.GarbageCollectorMXBean full && full.getLastGcInfo() != null) {
                long used = 0;
                for (java.lang.management.MemoryPoolMXBean pool
                        : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                    // the collection reports the non-heap pools (metaspace, code) too
                    java.lang.management.MemoryUsage after = full.getLastGcInfo().getMemoryUsageAfterGc()
                            .get(pool.getName());
                    if (pool.getType() == java.lang.management.MemoryType.HEAP && after != null) {
                        used += after.getUsed();
                    }
                }
                return used;
            }
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The definition: a key, a row reference to it, a group, checks as a runs importer has them. */
    static ImportDefinition definition(Limits limits) {
        return ImportDefinition.builder("keyed-runs")
                .column(Column.text("serial").required().rule(Rules.maxLength(40)))
                .column(Column.text("title").required().rule(Rules.maxLength(200)))
                .column(Column.integer("procedure_id").required().rule(Rules.min(1)))
                .column(Column.text("description"))
                .column(Column.date("due_date"))
                .column(Column.integer("quantity").rule(Rules.min(0)))
                .column(Column.text("part_number").rule(Rules.maxLength(100)))
                .column(Column.text("lot_number").rule(Rules.maxLength(100)))
                .column(Column.email("assigned_to"))
                .column(Column.bool("export_controlled"))
                .column(Column.text("run_batch_title").rule(Rules.maxLength(200)))
                .column(Column.text("rework_of"))
                .column(Column.text("work_order"))
                .column(Column.text("line"))
                .column(Column.integer("shift"))
                .key("serial")
                .rowReference(RowReference.builder("rework", "rework_of"))
                .group("run_batch_title")
                .limits(limits)
                .build();
    }

    /** A run as the writer stores it. */
    record Run(String serial, String title, long procedureId, String description, LocalDate dueDate, Long quantity,
            String partNumber, String lotNumber, String assignedTo, Boolean exportControlled, String reworkOf,
            String workOrder, String line, Long shift) {
        static Run of(ImportRow row) {
            return new Run(row.value("serial", String.class).orElseThrow(), row.value("title", String.class).orElseThrow(),
                    row.value("procedure_id", Long.class).orElseThrow(), row.value("description", String.class).orElse(null),
                    row.value("due_date", LocalDate.class).orElse(null), row.value("quantity", Long.class).orElse(null),
                    row.value("part_number", String.class).orElse(null), row.value("lot_number", String.class).orElse(null),
                    row.value("assigned_to", String.class).orElse(null),
                    row.value("export_controlled", Boolean.class).orElse(null),
                    row.value("rework_of", String.class).orElse(null), row.value("work_order", String.class).orElse(null),
                    row.value("line", String.class).orElse(null), row.value("shift", Long.class).orElse(null));
        }
    }

    private static void prepare(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS many_runs");
            ddl.execute("DROP TABLE IF EXISTS many_batches");
            ddl.execute("CREATE TABLE many_batches (id BIGSERIAL PRIMARY KEY, title VARCHAR(200) NOT NULL UNIQUE)");
            ddl.execute("CREATE TABLE many_runs (id BIGINT PRIMARY KEY, serial VARCHAR(40) NOT NULL UNIQUE,"
                    + " title VARCHAR(200) NOT NULL, procedure_id BIGINT NOT NULL, description TEXT, due_date DATE,"
                    + " quantity BIGINT, part_number VARCHAR(100), lot_number VARCHAR(100), assigned_to VARCHAR(320),"
                    + " export_controlled BOOLEAN, batch_id BIGINT REFERENCES many_batches (id), rework_of VARCHAR(40),"
                    + " work_order TEXT, line TEXT, shift BIGINT)");
            // a journal that remembers the file would resume the run instead of importing it
            ddl.execute("DROP TABLE IF EXISTS intake_import_chunk");
            ddl.execute("DROP TABLE IF EXISTS intake_import_journal");
        }
        JdbcImportJournal.createTables(connection);
    }

    /** Runs in one multi-row insert a chunk; the row number is the id, which a file gives once. */
    private static final class Runs implements RecordRepository<Run> {
        private final Connection connection;
        private final Map<Integer, PreparedStatement> statements = new HashMap<>();

        Runs(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Written create(Run run, WriteContext context) throws Exception {
            return createAll(List.of(run), List.of(context)).get(0);
        }

        @Override
        public List<Written> createAll(List<? extends Run> runs, List<WriteContext> contexts) throws Exception {
            PreparedStatement insert = statements.get(runs.size());
            if (insert == null) {
                StringBuilder sql = new StringBuilder("INSERT INTO many_runs (id, serial, title, procedure_id,"
                        + " description, due_date, quantity, part_number, lot_number, assigned_to, export_controlled,"
                        + " batch_id, rework_of, work_order, line, shift) VALUES ");
                for (int i = 0; i < runs.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                }
                insert = connection.prepareStatement(sql.toString());
                if (statements.size() > 4) {
                    for (PreparedStatement old : statements.values()) {
                        old.close();
                    }
                    statements.clear();
                }
                statements.put(runs.size(), insert);
            }
            int p = 1;
            List<Written> written = new ArrayList<>(runs.size());
            for (int i = 0; i < runs.size(); i++) {
                Run run = runs.get(i);
                WriteContext context = contexts.get(i);
                insert.setLong(p++, context.rowNumber());
                insert.setString(p++, run.serial());
                insert.setString(p++, run.title());
                insert.setLong(p++, run.procedureId());
                insert.setString(p++, run.description());
                insert.setDate(p++, run.dueDate() == null ? null : Date.valueOf(run.dueDate()));
                insert.setObject(p++, run.quantity(), java.sql.Types.BIGINT);
                insert.setString(p++, run.partNumber());
                insert.setString(p++, run.lotNumber());
                insert.setString(p++, run.assignedTo());
                insert.setObject(p++, run.exportControlled(), java.sql.Types.BOOLEAN);
                Optional<String> batch = context.groupId("run_batch_title");
                insert.setObject(p++, batch.map(Long::valueOf).orElse(null), java.sql.Types.BIGINT);
                insert.setString(p++, run.reworkOf());
                insert.setString(p++, run.workOrder());
                insert.setString(p++, run.line());
                insert.setObject(p++, run.shift(), java.sql.Types.BIGINT);
                written.add(Written.of(Long.toString(context.rowNumber()), run.serial()));
            }
            insert.executeUpdate();
            return written;
        }
    }

    /** Batches found by title or created, all of a chunk's in two statements. */
    private static final class Batches implements GroupRepository {
        private final Connection connection;

        Batches(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Optional<String> find(String group, String key) throws Exception {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM many_batches WHERE title = ?")) {
                select.setString(1, key);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(Long.toString(rows.getLong(1))) : Optional.empty();
                }
            }
        }

        @Override
        public GroupRef findOrCreate(String group, String key) throws Exception {
            return findOrCreateAll(group, List.of(key)).get(key);
        }

        @Override
        public Map<String, GroupRef> findOrCreateAll(String group, List<String> keys) throws Exception {
            Map<String, GroupRef> refs = new LinkedHashMap<>();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO many_batches (title) SELECT unnest(?::varchar[]) ON CONFLICT (title) DO NOTHING"
                            + " RETURNING id, title")) {
                insert.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        refs.put(rows.getString(2), new GroupRef(Long.toString(rows.getLong(1)), true));
                    }
                }
            }
            List<String> found = keys.stream().filter(k -> !refs.containsKey(k)).toList();
            if (!found.isEmpty()) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, title FROM many_batches WHERE title = ANY (?)")) {
                    select.setArray(1, connection.createArrayOf("varchar", found.toArray()));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            refs.put(rows.getString(2), GroupRef.found(Long.toString(rows.getLong(1)),
                                    rows.getString(2)));
                        }
                    }
                }
            }
            Map<String, GroupRef> ordered = new LinkedHashMap<>();
            for (String key : keys) {
                ordered.put(key, refs.get(key));
            }
            return ordered;
        }
    }

    /**
     * Writes the file: run {@code i} has serial {@code SN-i}, except one row in a hundred that repeats
     * an earlier serial; one row in a hundred names another run's serial in {@code rework_of}, half of
     * them an earlier row and half a later one; 1,000 batches. Without {@code faults} no serial repeats,
     * so that an all-or-nothing commit writes every row.
     */
    static void write(Path file, long rows, boolean faults) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(HEADER);
            String[] cells = new String[HEADER.size()];
            for (long i = 0; i < rows; i++) {
                boolean repeats = i > 0 && random.nextInt(100) == 0 && faults;
                cells[0] = "SN-" + (repeats ? random.nextLong(i) : i);
                cells[1] = "Run " + i;
                cells[2] = Long.toString(i % 4 + 1);
                cells[3] = random.nextInt(100) == 0 ? "Build " + i + ", with a comma\nand a second line" : "Build " + i;
                cells[4] = DAY.plusDays(i % 300).toString();
                cells[5] = Long.toString(i % 50 + 1);
                cells[6] = i % 5 == 0 ? "P-100" : i % 5 == 1 ? "P-200" : "";
                cells[7] = i % 5 == 0 ? "LOT-" + i : "";
                cells[8] = i % 2 == 0 ? "ada@example.com" : "grace@example.com";
                cells[9] = i % 2 == 0 ? "false" : "true";
                cells[10] = "Batch-" + (i % 1000);
                cells[11] = "";
                if (i > 0 && random.nextInt(100) == 0) {
                    boolean later = random.nextBoolean() && i + 1 < rows;
                    long target = later ? i + 1 + random.nextLong(Math.min(rows - i - 1, 100_000)) : random.nextLong(i);
                    cells[11] = "SN-" + target;
                }
                cells[12] = "WO-" + i;
                cells[13] = "L" + (i % 3 + 1);
                cells[14] = Long.toString(i % 3 + 1);
                printer.printRecord((Object[]) cells);
            }
        }
    }
}
