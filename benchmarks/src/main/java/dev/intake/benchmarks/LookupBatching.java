package dev.intake.benchmarks;

import dev.intake.core.BatchLookup;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Lookup;
import dev.intake.core.Reference;
import dev.intake.core.result.ImportReport;
import dev.intake.csv.CsvSource;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.Written;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What looking up a chunk of rows at once gains over one row at a time, when every row's reference
 * hits the database: a dry run of a file whose every row names a different existing record, its
 * reference looked up with a {@link Lookup} (one query per row) and with a {@link BatchLookup} (one
 * query per chunk of 500). Nothing else is in the rows, so the difference is the lookups'.
 *
 * <pre>
 * java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.LookupBatching [--rows 200000]
 *     [--runs 5] [--warmup 1] [--dir benchmarks/target/lookups] [--postgres URL]
 * </pre>
 *
 * Runs on an H2 file database, and on PostgreSQL when a throwaway server's URL is given (its
 * {@code public} schema is dropped and made again).
 */
public final class LookupBatching {
    record Item(long id, String number) {
    }

    private LookupBatching() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int rows = Integer.parseInt(options.getOrDefault("rows", "200000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
        Path dir = Path.of(options.getOrDefault("dir", "benchmarks/target/lookups"));
        Files.createDirectories(dir);
        Path file = dir.resolve("lookups-" + rows + ".csv");
        write(file, rows);
        System.out.printf("%d rows, each naming another of %d records; %d runs after %d warm-up%n", rows, rows, runs, warmup);
        List<String> urls = new ArrayList<>();
        urls.add("jdbc:h2:file:" + dir.toAbsolutePath().resolve("lookups-db") + ";CACHE_SIZE=65536");
        if (options.containsKey("postgres")) {
            urls.add(options.get("postgres"));
        }
        for (String url : urls) {
            try (Connection connection = DriverManager.getConnection(url)) {
                prepare(connection, rows);
                long[] perRow = measure(runs, warmup, () -> dryRun(connection, file, false, rows));
                long[] perChunk = measure(runs, warmup, () -> dryRun(connection, file, true, rows));
                System.out.println(connection.getMetaData().getDatabaseProductName());
                Table.print(rows, Files.size(file), new Table.Line("  one query per row (Lookup)", perRow, null),
                        new Table.Line("  one query per chunk of 500 (BatchLookup)", perChunk, perRow));
            }
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static long[] measure(int runs, int warmup, Run run) throws Exception {
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void write(Path file, int rows) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("item_id,quantity\n");
            for (long i = 0; i < rows; i++) {
                // every row names another record, in an order unlike the table's
                out.write(((i * 7919) % rows + 1) + "," + (i % 100) + "\n");
            }
        }
    }

    private static void prepare(Connection connection, int rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                statement.execute("DROP SCHEMA public CASCADE");
                statement.execute("CREATE SCHEMA public");
            } else {
                statement.execute("DROP TABLE IF EXISTS items");
            }
            statement.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, number VARCHAR(20) NOT NULL)");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items (id, number) VALUES (?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                insert.setLong(1, i);
                insert.setString(2, "IT-" + i);
                insert.addBatch();
                if (i % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static void dryRun(Connection connection, Path file, boolean batched, int rows) throws SQLException {
        Reference.Builder<Item> item = Reference.builder("item", Item.class);
        PreparedStatement one = connection.prepareStatement("SELECT id, number FROM items WHERE id = ?");
        if (batched) {
            item.batchForm("item_id", Long.class, (ids, context) -> byIds(connection, ids));
        } else {
            item.form((row, context) -> {
                one.setLong(1, row.value("item_id", Long.class).orElseThrow());
                try (ResultSet found = one.executeQuery()) {
                    return found.next() ? List.of(new Item(found.getLong(1), found.getString(2))) : List.of();
                }
            }, "item_id");
        }
        ImportDefinition definition = ImportDefinition.builder("lookups")
                .column(Column.integer("item_id").required())
                .column(Column.integer("quantity"))
                .reference(item)
                .build();
        RecordRepository<ImportRow> nowhere = (record, context) -> Written.of("0");
        ImportReport report = Importer.builder(definition, nowhere).build().dryRun(CsvSource.of(file));
        one.close();
        if (report.successCount() != rows) {
            throw new IllegalStateException("expected " + rows + " rows accepted, not " + report.successCount());
        }
    }

    private static Map<Long, List<Item>> byIds(Connection connection, Set<Long> ids) throws SQLException {
        Map<Long, List<Item>> found = new HashMap<>();
        String sql = "SELECT id, number FROM items WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (long id : ids) {
                statement.setLong(i++, id);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getLong(1), List.of(new Item(rows.getLong(1), rows.getString(2))));
                }
            }
        }
        return found;
    }
}
