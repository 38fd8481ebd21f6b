package dev.intake.examples.arena;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.examples.web.ServeProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A running {@code serve} (its own JVM) over a new database, and a client of its import runs API:
 * for the tests that call it over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ArenaHttp {
    static final String NEW = "IMPNEWITEMS000000001";
    static final String UPDATE = "IMPUPDITEMS000000002";
    static final String UPSERT = "IMPMECHUPSERT0000003";
    static final String LEGACY = "IMPLEGACYCHG00000004";
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ServeProcess server;
    Path dir;
    String url;
    String session;

    abstract String databaseUrl() throws IOException;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("arena-api");
        url = databaseUrl();
        server = start("--runs-dir", dir.resolve("runs").toString());
        session = login("hwalker@example.com", "demo-heidi-pass").body().get("arenaSessionId").asText();
    }

    ServeProcess start(String... arguments) throws IOException {
        return ServeProcess.start(url, dir.resolve("serve-" + UUID.randomUUID() + ".err"), arguments);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    record Answer(int status, JsonNode body, HttpResponse<byte[]> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        List<Integer> codes() {
            List<Integer> codes = new ArrayList<>();
            body.path("errors").forEach(error -> codes.add(error.path("code").asInt()));
            return codes;
        }
    }

    Answer login(String email, String password) throws Exception {
        return send(server, HttpRequest.newBuilder(server.uri("v1/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + email + "\", \"password\": \"" + password
                        + "\"}")), null);
    }

    Answer get(String path) throws Exception {
        return get(server, path, session);
    }

    Answer get(ServeProcess on, String path, String withSession) throws Exception {
        return send(on, HttpRequest.newBuilder(on.uri(path)).GET(), withSession);
    }

    Answer delete(String path) throws Exception {
        return send(server, HttpRequest.newBuilder(server.uri(path)).DELETE(), session);
    }

    Answer send(ServeProcess on, HttpRequest.Builder request, String withSession) throws Exception {
        if (withSession != null) {
            request.header("arena_session_id", withSession);
        }
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new Answer(response.statusCode(), type.startsWith("application/json") ? JSON.readTree(response.body())
                : null, response);
    }

    /** Submits a run: parts as name to value, a byte array for a file part. */
    Answer submit(ServeProcess on, String definition, Map<String, Object> parts) throws Exception {
        String boundary = "----intake" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> part : parts.entrySet()) {
            body.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
            if (part.getValue() instanceof byte[] file) {
                String name = part.getKey().contains(":") ? part.getKey().split(":", 2)[1] : "upload.csv";
                body.write(("Content-Disposition: form-data; name=\"" + part.getKey().split(":")[0] + "\"; filename=\""
                        + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(file);
            } else {
                body.write(("Content-Disposition: form-data; name=\"" + part.getKey() + "\"\r\n\r\n" + part.getValue())
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(on, HttpRequest.newBuilder(on.uri("v1/imports/" + definition + "/runs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), session);
    }

    Answer submit(String definition, Map<String, Object> parts) throws Exception {
        return submit(server, definition, parts);
    }

    static Map<String, Object> csv(String text, String commit) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("submitContent:items.csv", text.getBytes(StandardCharsets.UTF_8));
        parts.put("submitFileType", "CSV");
        if (commit != null) {
            parts.put("commit", commit);
        }
        return parts;
    }

    /** Waits for a run to end and gives it back. */
    JsonNode ended(String definition, JsonNode run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode now = get("v1/imports/" + definition + "/runs/" + run.get("guid").asText()).body();
            if (List.of("COMPLETE", "ERROR", "CANCELLED", "EXPIRED").contains(now.get("status").asText())) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run did not end: " + run);
    }

    String results(String definition, JsonNode run) throws Exception {
        Answer results = get("v1/imports/" + definition + "/runs/" + run.get("guid").asText() + "/results");
        assertThat(results.status()).isEqualTo(200);
        return new String(results.response().body(), StandardCharsets.UTF_8);
    }

    JsonNode item(String number) throws Exception {
        return get("v1/items?number=" + number).body();
    }

    long runsOf(String definition) throws Exception {
        return get("v1/imports/" + definition + "/runs").body().get("count").asLong();
    }

    static Map<String, Object> workbook(String sheetName, List<List<String>> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = bytes; Workbook workbook = new Workbook(out, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet(sheetName);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        sheet.value(r, c, rows.get(r).get(c));
                    }
                }
            }
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("submitContent:items.xlsx", bytes.toByteArray());
        parts.put("submitFileType", "EXCEL_WORKSHEET");
        return parts;
    }
}
