package dev.intake.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Import runs under load: the examples' {@code serve} (one or two instances on one database, each
 * with a capped heap), commit runs of a given size submitted back to back, each timed from upload to
 * {@code COMPLETE}, and the runs per minute.
 *
 * <pre>
 * java -cp benchmarks/target/intake-benchmarks.jar dev.intake.benchmarks.ArenaRunsThroughput
 *     --db JDBC_URL_OF_AN_EMPTY_DATABASE [--instances 1|2] [--rows 1000] [--runs 20] [--xmx 256m]
 *     [--jar examples/target/intake-examples.jar] [--dir DIR]
 * </pre>
 */
public final class ArenaRunsThroughput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFINITION = "IMPNEWITEMS000000001";

    private ArenaRunsThroughput() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception if a server or a run fails
     */
    public static void main(String[] args) throws Exception {
        String jar = "examples/target/intake-examples.jar";
        String db = null;
        Path dir = Path.of("target", "arena-bench");
        int instances = 1;
        int rows = 1000;
        int runs = 20;
        String xmx = "256m";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = args[i + 1];
                case "--db" -> db = args[i + 1];
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--instances" -> instances = Integer.parseInt(args[i + 1]);
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--xmx" -> xmx = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (db == null) {
            throw new IllegalArgumentException("--db names an empty database the servers share");
        }
        Files.createDirectories(dir);
        List<Process> servers = new ArrayList<>();
        List<URI> bases = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                Process server = ServeProcesses.start(jar, xmx, db, dir, dir.resolve("serve-" + i + ".err"),
                        "--arena-requests-per-hour", "1000000");
                servers.add(server);
                bases.add(URI.create(ServeProcesses.waitForServer(server)));
            }
            HttpClient http = HttpClient.newHttpClient();
            URI base = bases.get(0);
            String session = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("v1/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\": \"hwalker@example.com\", \"password\": \"demo-heidi-pass\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("arenaSessionId").asText();
            List<Path> files = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                Path file = dir.resolve("run-" + r + ".csv");
                String prefix = "B" + UUID.randomUUID().toString().substring(0, 8) + "-";
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    out.write("Number,Name,Category,World\n");
                    for (int i = 0; i < rows; i++) {
                        out.write(prefix + i + ",Part " + i + ",Assembly,Mechanical\n");
                    }
                }
                files.add(file);
            }
            long start = System.nanoTime();
            List<String> guids = new ArrayList<>();
            List<Long> submitted = new ArrayList<>();
            for (Path file : files) {
                submitted.add(System.nanoTime());
                guids.add(submit(http, base, session, file));
            }
            List<Long> durations = new ArrayList<>();
            long peakCheck = 0;
            for (int r = 0; r < guids.size(); r++) {
                while (true) {
                    JsonNode run = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("v1/imports/" + DEFINITION
                            + "/runs/" + guids.get(r))).header("arena_session_id", session).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    String status = run.get("status").asText();
                    if (status.equals("COMPLETE")) {
                        durations.add(System.nanoTime() - submitted.get(r));
                        break;
                    }
                    if (!status.equals("CREATED") && !status.equals("RUNNING")) {
                        throw new IllegalStateException("run " + guids.get(r) + " ended " + run);
                    }
                    peakCheck++;
                    Thread.sleep(rows >= 100_000 ? 500 : 50);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Collections.sort(durations);
            System.out.printf(Locale.ROOT, "%d instance(s), -Xmx%s, %d runs of %,d rows: %.1f runs/min (%.0f rows/s);"
                    + " upload to COMPLETE median %.2f s, max %.2f s (%d polls)%n", instances, xmx, runs, rows,
                    runs / seconds * 60, (double) runs * rows / seconds, durations.get(durations.size() / 2) / 1e9,
                    durations.get(durations.size() - 1) / 1e9, peakCheck);
        } finally {
            for (Process server : servers) {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String submit(HttpClient http, URI base, String session, Path file) throws Exception {
        String boundary = "----bench" + UUID.randomUUID();
        byte[] content = Files.readAllBytes(file);
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"submitContent\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"submitFileType\"\r\n\r\nCSV\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"commit\"\r\n\r\ntrue\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("v1/imports/" + DEFINITION + "/runs"))
                .header("arena_session_id", session).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("guid").asText();
    }

}
