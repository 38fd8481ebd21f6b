package dev.intake.examples.arena;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.examples.web.ServeProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The import runs API over HTTP on an H2 file database; also the budget's 429 and retention, on
 * servers of their own over the same database (a small budget; a clock moved ahead).
 */
class ArenaApiH2Test extends ArenaApiTests {
    @Override
    String databaseUrl() {
        return "jdbc:h2:file:" + dir.resolve("arena").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    @Test
    void anUploadOverTheLimitIs3004AndASpentBudgetIs429() throws Exception {
        // a database of its own: budgets belong to users, and the other tests spend Omar's elsewhere
        try (ServeProcess small = ServeProcess.start("jdbc:h2:file:" + dir.resolve("budget").toAbsolutePath(),
                dir.resolve("budget.err"), "--runs-dir", dir.resolve("budget-runs").toString(),
                "--arena-requests-per-hour", "4", "--arena-max-upload-mb", "1")) {
            String omar = send(small, java.net.http.HttpRequest.newBuilder(small.uri("v1/login"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"email\": \"oreyes@example.com\", \"password\": \"demo-omar-pass\"}")), null)
                    .body().get("arenaSessionId").asText();
            String heidi = session;
            session = omar;
            try {
                // an upload over the size limit: refused as the file that cannot be read, with the limit
                Answer tooLarge = submit(small, NEW, csv("Number,Name,Category\n" + "x".repeat(1_100_000) + "\n", "false"));
                assertThat(tooLarge.status()).isEqualTo(400);
                assertThat(tooLarge.codes()).containsExactly(3004);
                assertThat(tooLarge.body().get("errors").get(0).get("message").asText())
                        .isEqualTo("The file is over the size limit of 1048576 bytes");
            } finally {
                session = heidi;
            }
            assertThat(List.of(get(small, "v1/imports", omar).header("X-Arena-Requests-Remaining"),
                    get(small, "v1/imports", omar).header("X-Arena-Requests-Remaining"),
                    get(small, "v1/imports", omar).header("X-Arena-Requests-Remaining"))).containsExactly("2", "1", "0");
            Answer spent = get(small, "v1/imports", omar);
            assertThat(spent.status()).isEqualTo(429);
            assertThat(spent.codes()).containsExactly(1020);
            assertThat(spent.header("X-Arena-Requests-Remaining")).isEqualTo("0");
        }
    }

    @Test
    void resultsAreKeptFiftyNineDaysAndGoneAfterSixtyOne() throws Exception {
        JsonNode run = ended(NEW, submit(NEW, csv("Number,Name,Category\nRET-1,Kept,Assembly\n", "false")).body());
        String path = "v1/imports/" + NEW + "/runs/" + run.get("guid").asText();
        server.close();
        try {
            try (ServeProcess later = start("--runs-dir", dir.resolve("runs").toString(), "--clock-offset", "P59D")) {
                String heidi = login(later);
                assertThat(get(later, path + "/results", heidi).status()).isEqualTo(200);
                assertThat(get(later, path, heidi).body().get("status").asText()).isEqualTo("COMPLETE");
            }
            try (ServeProcess muchLater = start("--runs-dir", dir.resolve("runs").toString(), "--clock-offset", "P61D")) {
                String heidi = login(muchLater);
                Answer gone = get(muchLater, path + "/results", heidi);
                assertThat(gone.status()).isEqualTo(410);
                JsonNode expired = get(muchLater, path, heidi).body();
                assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
                assertThat(expired.get("resultsExpiredAt").asText()).isNotBlank();
            }
        } finally {
            server = start("--runs-dir", dir.resolve("runs").toString());
            session = login(server);
        }
    }

    private String login(ServeProcess on) throws Exception {
        return send(on, java.net.http.HttpRequest.newBuilder(on.uri("v1/login")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"email\": \"hwalker@example.com\", \"password\": \"demo-heidi-pass\"}")), null)
                .body().get("arenaSessionId").asText();
    }
}
