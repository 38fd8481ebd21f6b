package dev.intake.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.core.result.ImportReport;
import dev.intake.csv.CsvSource;
import dev.intake.examples.employees.Employees;
import dev.intake.examples.jdbc.Database;
import java.io.Writer;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the starter's HTTP path costs over the library called directly: the same employees file
 * committed through {@code Employees.importer(connection)} in this JVM, and submitted to
 * {@code serve}'s {@code POST /intake/api/importers/employees/runs} (the starter's endpoints, the
 * employees importer wired by its {@code ImporterFactory}) and timed from the upload's first byte to
 * {@code COMPLETE}. Same database, rounds alternating, medians.
 *
 * <pre>
 * java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.StarterOverhead
 *     --db JDBC_URL_OF_AN_EMPTY_DATABASE [--rows 200000] [--runs 3] [--xmx 512m]
 *     [--jar examples/target/intake-examples.jar] [--dir DIR]
 * </pre>
 */
public final class StarterOverhead {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "demo-admin-token-7f3c";

    private StarterOverhead() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception if the server or a run fails
     */
    public static void main(String[] args) throws Exception {
        String jar = "examples/target/intake-examples.jar";
        String db = null;
        Path dir = Path.of("target", "starter-bench");
        int rows = 200_000;
        int runs = 3;
        String xmx = "512m";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = args[i + 1];
                case "--db" -> db = args[i + 1];
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--xmx" -> xmx = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (db == null) {
            throw new IllegalArgumentException("--db names an empty database both paths write to");
        }
        Files.createDirectories(dir);
        Database.open(db).close();
        Process server = ServeProcesses.start(jar, xmx, db, dir, dir.resolve("serve.err"));
        try {
            URI base = URI.create(ServeProcesses.waitForServer(server));
            HttpClient http = HttpClient.newHttpClient();
            // one unmeasured round each, so both paths run warm
            overHttp(http, base, file(dir, "warm-http", 20_000));
            direct(db, file(dir, "warm-direct", 20_000));
            List<Double> direct = new ArrayList<>();
            List<Double> overHttp = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                direct.add(direct(db, file(dir, "direct-" + r, rows)));
                overHttp.add(overHttp(http, base, file(dir, "http-" + r, rows)));
            }
            Collections.sort(direct);
            Collections.sort(overHttp);
            double d = direct.get(direct.size() / 2);
            double h = overHttp.get(overHttp.size() / 2);
            System.out.printf(Locale.ROOT, "%,d rows, %d runs each, %s%n  library directly: median %.2f s (%s)%n"
                    + "  over HTTP (starter, serve -Xmx%s): median %.2f s (%s)%n  HTTP costs %+.1f%%%n", rows, runs,
                    db.startsWith("jdbc:postgresql") ? "PostgreSQL" : "H2", d, direct, xmx, h, overHttp, (h / d - 1) * 100);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** An employees file of new emails: a tenth of the rows manage ten each, named before them. */
    private static Path file(Path dir, String name, int rows) throws Exception {
        Path file = dir.resolve(name + ".csv");
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Email,Full name,Department,Manager email,Salary,Desk\n");
            for (int i = 0; i < rows; i++) {
                String manager = i == 0 ? "" : "e" + ((i - 1) / 10) + "." + prefix + "@acme.com";
                out.write("e" + i + "." + prefix + "@acme.com,Employee " + i + ",Department " + (i % 50) + ","
                        + manager + ",\"" + (3000 + i % 5000) + ",50\",D-" + (i % 400) + "\n");
            }
        }
        return file;
    }

    private static double direct(String db, Path file) throws Exception {
        try (Database database = Database.open(db)) {
            long start = System.nanoTime();
            ImportReport report = Employees.importer(database.connection()).commit(CsvSource.of(file));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.errorCount() != 0 || !report.committed()) {
                throw new IllegalStateException("the direct import failed: " + report.outcome() + " "
                        + report.fileErrors() + " " + report.failedRows().stream().limit(3).toList());
            }
            return seconds;
        }
    }

    private static double overHttp(HttpClient http, URI base, Path file) throws Exception {
        String boundary = "----bench" + UUID.randomUUID();
        byte[] content = Files.readAllBytes(file);
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"commit\"\r\n\r\ntrue\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        long start = System.nanoTime();
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(base.resolve("intake/api/importers/employees/runs"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("submit answered " + submitted.statusCode() + ": " + submitted.body());
        }
        String id = JSON.readTree(submitted.body()).get("id").asText();
        while (true) {
            JsonNode run = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("intake/api/runs/" + id))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = run.get("status").asText();
            if (status.equals("COMPLETE")) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (!status.equals("CREATED") && !status.equals("RUNNING")) {
                throw new IllegalStateException("run " + id + " ended " + run);
            }
            Thread.sleep(100);
        }
    }
}
