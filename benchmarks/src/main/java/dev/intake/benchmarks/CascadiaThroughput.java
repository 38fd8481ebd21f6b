package dev.intake.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The Import API under load: the examples' {@code serve} in its own JVM, clients sending parts
 * requests of 500 rows with 500 BOM links at once, and the same rows as a CSV (with a BOM file) through
 * the command line, one process per file as a user runs it.
 *
 * <pre>
 * java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.CascadiaThroughput
 *     [--jar examples/target/intake-examples.jar] [--db JDBC_URL] [--dir DIR] [--clients 4]
 *     [--requests 10] [--rows 500] [--cli-runs 5]
 * </pre>
 *
 * <p>{@code --cli-runs 0} leaves the command line out. {@code --db} defaults to an H2 file under
 * {@code --dir}, deleted first; a PostgreSQL URL must name a throwaway, empty database. Every
 * request and file uses item numbers of its own, so each creates all its rows and links; the BOM
 * is a tree ten wide under the design's {@code ASM-001}.
 */
public final class CascadiaThroughput {
    private static final String DESIGN = "11111111-1111-4111-8111-111111111111";
    private static final String TOKEN = "demo-admin-token-7f3c";

    private CascadiaThroughput() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception if the server or a client fails
     */
    public static void main(String[] args) throws Exception {
        String jar = "examples/target/intake-examples.jar";
        String db = null;
        Path dir = Path.of("target", "cascadia-bench");
        int clients = 4;
        int requests = 10;
        int rows = 500;
        int cliRuns = 5;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = args[i + 1];
                case "--db" -> db = args[i + 1];
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--cli-runs" -> cliRuns = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(dir);
        if (db == null) {
            deleteH2(dir);
            db = "jdbc:h2:file:" + dir.resolve("cascadia").toAbsolutePath();
        }
        System.out.printf(Locale.ROOT, "database %s, %d clients x %d requests of %d rows and %d BOM links%n",
                db, clients, requests, rows, rows);
        serve(jar, db, dir, clients, requests, rows);
        if (cliRuns > 0) {
            commandLine(jar, db, dir, cliRuns, rows);
        }
    }

    private static void serve(String jar, String db, Path dir, int clients, int requests, int rows) throws Exception {
        Process server = new ProcessBuilder(ServeProcesses.java(), "-Xmx512m", "-jar", jar, "serve", "--port", "0", "--db", db)
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            URI base = URI.create(ServeProcesses.waitForServer(server));
            HttpClient http = HttpClient.newHttpClient();
            // warm-up: a tenth of the load, not measured
            for (int i = 0; i < Math.max(1, requests / 10); i++) {
                send(http, base, body("W" + i, rows));
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<Long>>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                int count = requests;
                futures.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    for (int r = 0; r < count; r++) {
                        String payload = body("C" + client + "R" + r, rows);
                        long sent = System.nanoTime();
                        send(http, base, payload);
                        latencies.add(System.nanoTime() - sent);
                    }
                    return latencies;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<List<Long>> future : futures) {
                latencies.addAll(future.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            Collections.sort(latencies);
            int total = latencies.size();
            System.out.printf(Locale.ROOT, "HTTP: %d requests in %.1f s = %.2f requests/s (%.0f rows/s);"
                    + " latency p50 %.0f ms, p99 %.0f ms%n", total, seconds, total / seconds, total * rows / seconds,
                    latencies.get(total / 2) / 1e6, latencies.get(Math.min(total - 1, (int) Math.ceil(total * 0.99) - 1)) / 1e6);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void commandLine(String jar, String db, Path dir, int runs, int rows) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            String prefix = "F" + run;
            StringBuilder csv = new StringBuilder("Item Number,Name,Type,Weight,Currency,Lead Time (Days)\n");
            StringBuilder bom = new StringBuilder("Parent Item Number,Child Item Number,Quantity,Find Number\n");
            for (int i = 0; i < rows; i++) {
                csv.append(number(prefix, i)).append(",Part ").append(i).append(",Purchase,1.5,USD,").append(i % 30)
                        .append('\n');
                bom.append(i == 0 ? "ASM-001" : number(prefix, (i - 1) / 10)).append(',').append(number(prefix, i))
                        .append(",2,").append(i).append('\n');
            }
            Path file = Files.writeString(dir.resolve("parts-" + run + ".csv"), csv);
            Path bomFile = Files.writeString(dir.resolve("bom-" + run + ".csv"), bom);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(ServeProcesses.java(), "-jar", jar, "import", "cascadia-parts", file.toString(),
                    "--commit", "--as", "admin@example.com", "--design", DESIGN, "--bom", bomFile.toString(), "--db", db)
                    .redirectOutput(dir.resolve("cli.out").toFile()).redirectError(dir.resolve("cli.err").toFile()).start();
            int exit = process.waitFor();
            times.add(System.nanoTime() - start);
            if (exit != 0) {
                throw new IllegalStateException("the command line exited " + exit + ": "
                        + Files.readString(dir.resolve("cli.err")));
            }
        }
        Collections.sort(times);
        double median = times.get(times.size() / 2) / 1e9;
        System.out.printf(Locale.ROOT, "command line (a JVM per file, start-up included): median %.2f s per %d-row file"
                + " with %d links = %.2f files/s (%.0f rows/s); runs %s%n", median, rows, rows, 1 / median, rows / median,
                times.stream().map(t -> String.format(Locale.ROOT, "%.2f", t / 1e9)).toList());
    }

    private static String number(String prefix, int i) {
        return prefix + "-" + i;
    }

    /** A parts request: rows with every kind of field, and a BOM tree ten wide under ASM-001. */
    static String body(String prefix, int rows) {
        StringBuilder body = new StringBuilder("{\"designId\":\"" + DESIGN + "\",\"rows\":[");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "" : ",").append("{\"itemNumber\":\"").append(number(prefix, i))
                    .append("\",\"name\":\"Part ").append(i).append("\",\"partType\":\"Purchase\",\"weight\":1.5,")
                    .append("\"costCurrency\":\"USD\",\"leadTimeDays\":").append(i % 30)
                    .append(",\"attributes\":{\"finish\":\"anodized\"}}");
        }
        body.append("],\"bomRelationships\":[");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "" : ",").append("{\"parentItemNumber\":\"")
                    .append(i == 0 ? "ASM-001" : number(prefix, (i - 1) / 10)).append("\",\"childItemNumber\":\"")
                    .append(number(prefix, i)).append("\",\"quantity\":2,\"findNumber\":").append(i).append('}');
        }
        return body.append("]}").toString();
    }

    private static void send(HttpClient http, URI base, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("api/import/parts"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("status " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    private static void deleteH2(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith("cascadia.")) {
                    Files.delete(file);
                }
            }
        }
    }
}
