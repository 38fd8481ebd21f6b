package dev.intake.examples.cascadia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The Import API over HTTP on an H2 file database, which the test reaches through H2's auto server. */
class CascadiaApiH2Test extends CascadiaApiTests {
    @Override
    String databaseUrl() throws IOException {
        return "jdbc:h2:file:" + dir.resolve("cascadia").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    @Test
    void twentyFourLargestBodiesAtOnceGetNoServerErrorAndTheServerGoesOnAnswering() throws Exception {
        StringBuilder body = new StringBuilder("{\"designId\": \"" + PRE + "\", \"rows\": [");
        String description = "d".repeat(32_700);
        for (int i = 0; i < 500; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\": \"Big ").append(i).append("\", \"itemNumber\": \"BIG-")
                    .append(i).append("\", \"description\": \"").append(description).append("\"}");
        }
        byte[] bytes = body.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bytes.length).isBetween(CascadiaApi.MAX_BODY - 400_000, CascadiaApi.MAX_BODY);

        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(server.uri("api/import/parts")).timeout(Duration.ofMinutes(3))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        // the server answers others while they are in
        Answer small = post("api/import/parts", ADMIN, body(PRE, "{\"name\": \"Small\", \"itemNumber\": \"SMALL-1\"}").toString());
        assertThat(small.status()).isIn(201, 503);

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
            HttpResponse<byte[]> response = answer.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
            }
        }
        assertThat(statuses).as("every row is too long: 400; no room: 503; never 500").allMatch(s -> s == 400 || s == 503)
                .contains(400);
        assertThat(server.log()).doesNotContain("OutOfMemoryError");
        assertThat(post("api/import/parts", ADMIN, body(PRE, "{\"name\": \"After\", \"itemNumber\": \"AFTER-1\"}")
                .toString()).status()).isEqualTo(201);
    }
}
