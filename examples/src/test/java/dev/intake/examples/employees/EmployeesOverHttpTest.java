package dev.intake.examples.employees;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.examples.web.ServeProcess;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} is built on the starter: beside the seeds' APIs it serves Intake's own endpoints for
 * the employees importer, behind the same security (the Import API's bearer tokens).
 */
class EmployeesOverHttpTest {
    private static final String ADMIN = "demo-admin-token-7f3c";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theSampleIsCommittedThroughTheStartersEndpoints() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (ServeProcess server = ServeProcess.start(url, dir.resolve("serve.err"), "--runs-dir",
                dir.resolve("runs").toString())) {
            HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(server.uri("intake/api/importers")).GET(), null);
            assertThat(anonymous.statusCode()).as("behind the host's security").isEqualTo(401);
            JsonNode importers = JSON.readTree(send(HttpRequest.newBuilder(server.uri("intake/api/importers")).GET(),
                    ADMIN).body());
            assertThat(importers.findValuesAsText("name")).containsExactly("employees");

            String boundary = "intake-" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"commit\"\r\n\r\ntrue\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"employees.csv\"\r\nContent-Type: text/csv"
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(Path.of("samples", "employees.csv")));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> submitted = send(HttpRequest.newBuilder(server.uri("intake/api/importers/employees/runs"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), ADMIN);
            assertThat(submitted.statusCode()).as(new String(submitted.body(), StandardCharsets.UTF_8) + server.log()).isEqualTo(202);
            String id = JSON.readTree(submitted.body()).get("id").asText();

            JsonNode run = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                run = JSON.readTree(send(HttpRequest.newBuilder(server.uri("intake/api/runs/" + id)).GET(), ADMIN).body());
                if (run.get("status").asText().matches("COMPLETE|ERROR")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(run.get("status").asText()).as(run + "\n" + server.log()).isEqualTo("COMPLETE");
            assertThat(run.get("successCount").asLong()).isEqualTo(4);
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(manager_id) FROM employees")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(4);
                assertThat(rows.getLong(2)).as("managers set, in the file's and the references' order").isEqualTo(3);
            }
        }
    }
}
