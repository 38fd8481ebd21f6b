package dev.intake.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} is built on the starter: beside the seeds' APIs it serves Intake's own endpoints for
 * the employees importer (an {@code Importer} bean on Spring's transactions) and the runs importer
 * (made for each run), behind the same security (the Import API's bearer tokens).
 */
class StarterImportersTest {
    private static final String ADMIN = "demo-admin-token-7f3c";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ServeProcess server;
    private static String url;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        server = ServeProcess.start(url, dir.resolve("serve.err"), "--runs-dir", dir.resolve("runs").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(server.uri("intake/api/" + path)).GET(), ADMIN);
        assertThat(response.statusCode()).as(path + ": " + new String(response.body(), StandardCharsets.UTF_8)
                + server.log()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Submits a sample and waits for the run to end. */
    private JsonNode run(String importer, Path file, Map<String, String> fields) throws Exception {
        String boundary = "intake-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> submitted = send(HttpRequest.newBuilder(server.uri("intake/api/importers/" + importer + "/runs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), ADMIN);
        assertThat(submitted.statusCode()).as(new String(submitted.body(), StandardCharsets.UTF_8) + server.log())
                .isEqualTo(202);
        String id = JSON.readTree(submitted.body()).get("id").asText();
        JsonNode run = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            run = get("runs/" + id);
            if (run.get("status").asText().matches("COMPLETE|ERROR|CANCELLED")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end: " + run + "\n" + server.log());
    }

    private static List<List<Object>> query(String sql) throws Exception {
        List<List<Object>> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.add(rows.getObject(i));
                }
                found.add(row);
            }
        }
        return found;
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void bothImportersAreServedBehindTheHostsSecurity() throws Exception {
        HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(server.uri("intake/api/importers")).GET(), null);
        assertThat(anonymous.statusCode()).as("behind the host's security").isEqualTo(401);
        assertThat(get("importers").findValuesAsText("name")).containsExactly("employees", "ion-runs");
    }

    @Test
    void theEmployeesSampleIsCommitted() throws Exception {
        JsonNode run = run("employees", Path.of("samples", "employees.csv"), Map.of("commit", "true"));
        assertThat(run.get("status").asText()).as(run + "\n" + server.log()).isEqualTo("COMPLETE");
        assertThat(run.get("successCount").asLong()).isEqualTo(4);
        assertThat(query("SELECT COUNT(*), COUNT(manager_id) FROM employees")).as("managers set, in the file's and"
                + " the references' order").containsExactly(List.of(4L, 3L));
    }

    @Test
    void theRunsImporterChecksADryRunThenCommitsAgainstTheReferenceDataOfEachRunsStart() throws Exception {
        JsonNode dryRun = run("ion-runs", Path.of("samples", "ion-runs-with-errors.csv"), Map.of());
        assertThat(dryRun.get("status").asText()).isEqualTo("ERROR");
        JsonNode page = get("runs/" + dryRun.get("id").asText() + "/failed-rows?limit=1");
        assertThat(page.get("rows").get(0).get("rowNumber").asLong()).isEqualTo(3);
        assertThat(page.get("rows").get(0).get("problems").get(0).toString()).isEqualTo("{\"code\":\"CONFLICTING_COLUMNS\","
                + "\"column\":\"autogenerate_title\",\"message\":\"Title and Autogenerate Title cannot be given together;"
                + " give exactly one of Title or Autogenerate Title\"}");
        assertThat(query("SELECT COUNT(*) FROM runs WHERE title = 'Good run'")).as("a dry run writes nothing")
                .containsExactly(List.of(0L));

        JsonNode committed = run("ion-runs", Path.of("samples", "ion-runs.csv"), Map.of("commit", "true"));
        assertThat(committed.get("status").asText()).as(committed + "\n" + server.log()).isEqualTo("COMPLETE");
        assertThat(committed.get("successCount").asLong()).isEqualTo(5);
        assertThat(query("SELECT COUNT(*) FROM runs WHERE title IN ('Motor build 1001', 'Leak test 1003')"))
                .containsExactly(List.of(2L));
        assertThat(query("SELECT COUNT(*) FROM run_batches WHERE title = 'Batch-2026-12'")).containsExactly(List.of(1L));

        // an intent option added while the application runs: the next run, and the listing, know it
        JsonNode intent = get("importers/ion-runs").get("columns").findParents("key").stream()
                .filter(column -> column.get("key").asText().equals("intent_option")).findFirst().orElseThrow();
        assertThat(intent.get("options").toString()).doesNotContain("Pilot");
        execute("INSERT INTO intent_options (name) VALUES ('Pilot')");
        assertThat(get("importers/ion-runs").toString()).contains("\"Pilot\"");
        Path pilot = dir.resolve("pilot.csv");
        Files.writeString(pilot, "title,intent_option\nPilot run 1,Pilot\n");
        JsonNode withPilot = run("ion-runs", pilot, Map.of("commit", "true"));
        assertThat(withPilot.get("status").asText()).as(withPilot + "\n" + server.log()).isEqualTo("COMPLETE");
        assertThat(query("SELECT intent_option FROM runs WHERE title = 'Pilot run 1'")).containsExactly(List.of("Pilot"));
    }
}
