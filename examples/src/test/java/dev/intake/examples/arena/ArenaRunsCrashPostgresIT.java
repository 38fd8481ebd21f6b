package dev.intake.examples.arena;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.examples.jdbc.TestDatabases;
import dev.intake.examples.web.ServeProcess;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Import runs survive what kills a server: a real {@code kill -9} of {@code serve} while an 80,000-row
 * commit run is RUNNING, and of one of two instances sharing PostgreSQL while 40 runs are queued.
 * Each run ends COMPLETE and the database holds each of its rows once.
 */
class ArenaRunsCrashPostgresIT extends ArenaHttp {
    @Override
    String databaseUrl() {
        return TestDatabases.postgres();
    }

    private static String rows(String prefix, int count) {
        StringBuilder csv = new StringBuilder(count * 32).append("Number,Name,Category\n");
        for (int i = 0; i < count; i++) {
            csv.append(prefix).append(i).append(",Part ").append(i).append(",Assembly\n");
        }
        return csv.toString();
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void kill(ServeProcess process) throws Exception {
        process.process().destroyForcibly();
        assertThat(process.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    private String loginTo(ServeProcess on) throws Exception {
        return send(on, HttpRequest.newBuilder(on.uri("v1/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\": \"hwalker@example.com\", \"password\": \"demo-heidi-pass\"}")), null)
                .body().get("arenaSessionId").asText();
    }

    private JsonNode endedOn(ServeProcess on, String withSession, String runGuid, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = get(on, "v1/imports/" + NEW + "/runs/" + runGuid, withSession).body();
            if (run.get("status").asText().matches("COMPLETE|ERROR|CANCELLED|EXPIRED")) {
                return run;
            }
            // each poll spends one of the user's 1,000 requests an hour (the seed's rate limit): a
            // resumed run on a loaded machine takes minutes, which polls every 200 ms exhausted
            Thread.sleep(1_000);
        }
        throw new AssertionError("the run did not end: " + run + "\n" + on.log());
    }

    @Test
    void aCommitRunKilledWhileRunningCompletesAfterARestartWithEachRowOnce() throws Exception {
        int rows = 80_000;
        String runGuid = submit(NEW, csv(rows("KILL-", rows), "true")).body().get("guid").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode running = null;
        while (System.nanoTime() < deadline) {
            running = get("v1/imports/" + NEW + "/runs/" + runGuid).body();
            if (running.get("status").asText().equals("RUNNING") && running.get("totalCount").asLong() >= 20_000) {
                break;
            }
            assertThat(running.get("status").asText()).as("the run must still be running").isIn("CREATED", "RUNNING");
            Thread.sleep(20);
        }
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("totalCount").asLong()).isBetween(20_000L, rows - 1L);
        kill(server);
        assertThat(count("SELECT COUNT(*) FROM arena_items WHERE number LIKE 'KILL-%'"))
                .as("all or nothing: the killed run wrote nothing").isZero();

        server = start("--runs-dir", dir.resolve("runs").toString());
        session = loginTo(server);
        JsonNode ended = endedOn(server, session, runGuid, Duration.ofMinutes(10));

        assertThat(ended.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(ended.get("successCount").asLong()).isEqualTo(rows);
        assertThat(count("SELECT COUNT(*) FROM arena_items WHERE number LIKE 'KILL-%'")).isEqualTo(rows);
        assertThat(count("SELECT COUNT(DISTINCT number) FROM arena_items WHERE number LIKE 'KILL-%'")).isEqualTo(rows);
    }

    @Test
    void aCommitRunKilledAfterItsCommitAndBeforeItsEndCompletesFromTheJournal() throws Exception {
        server.close();
        String heidi = session;
        try (ServeProcess paused = ServeProcess.start(List.of("-Dintake.examples.pause-after-work=300000"), url,
                dir.resolve("paused.err"), "--runs-dir", dir.resolve("runs").toString())) {
            session = loginTo(paused);
            String runGuid = submit(paused, NEW, csv(rows("JRN-", 50), "true")).body().get("guid").asText();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (count("SELECT COUNT(*) FROM arena_items WHERE number LIKE 'JRN-%'") < 50 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count("SELECT COUNT(*) FROM arena_items WHERE number LIKE 'JRN-%'")).as("committed").isEqualTo(50);
            assertThat(get(paused, "v1/imports/" + NEW + "/runs/" + runGuid, session).body().get("status").asText())
                    .as("committed, not yet ended").isEqualTo("RUNNING");
            kill(paused);

            server = start("--runs-dir", dir.resolve("runs").toString());
            session = loginTo(server);
            JsonNode ended = endedOn(server, session, runGuid, Duration.ofMinutes(2));

            assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("COMPLETE");
            assertThat(ended.get("totalCount").asLong()).isEqualTo(50);
            assertThat(ended.get("successCount").asLong()).isEqualTo(50);
            assertThat(ended.get("errorCount").asLong()).isZero();
            String results = new String(get("v1/imports/" + NEW + "/runs/" + runGuid + "/results").response().body(),
                    java.nio.charset.StandardCharsets.UTF_8);
            List<String> lines = results.lines().toList();
            assertThat(lines).hasSize(51);
            assertThat(lines.get(0)).isEqualTo("Number,Name,Category,Intake problems");
            assertThat(lines.subList(1, 51)).allSatisfy(line -> assertThat(line).endsWith(",Assembly,"));
            assertThat(count("SELECT COUNT(*) FROM arena_items WHERE number LIKE 'JRN-%'")).isEqualTo(50);
        } finally {
            if (!server.isAlive()) {
                server = start("--runs-dir", dir.resolve("runs").toString());
                session = loginTo(server);
            } else if (session == null) {
                session = heidi;
            }
        }
    }

    @Test
    void twoInstancesShareFortyRunsAndTheSurvivorFinishesTheRunsOfTheOneKilled() throws Exception {
        int runs = 40;
        int rows = 2_000;
        try (ServeProcess second = start("--runs-dir", dir.resolve("runs").toString())) {
            List<String> guids = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                guids.add(submit(NEW, csv(rows("TWO-" + r + "-", rows), "true")).body().get("guid").asText());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (count("SELECT COUNT(*) FROM intake_runs WHERE status = 'COMPLETE' AND file_name = 'items.csv'"
                    + " AND definition = '" + NEW + "'") < 6 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            kill(server);
            String onSecond = loginTo(second);
            for (String guid : guids) {
                JsonNode ended = endedOn(second, onSecond, guid, Duration.ofMinutes(5));
                assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("COMPLETE");
                assertThat(ended.get("successCount").asLong()).isEqualTo(rows);
            }
            assertThat(count("SELECT COUNT(*) FROM arena_items WHERE number LIKE 'TWO-%'")).isEqualTo((long) runs * rows);
            assertThat(count("SELECT COUNT(*) FROM intake_scheduled_tasks")).as("no run left queued").isZero();
        } finally {
            server = start("--runs-dir", dir.resolve("runs").toString());
            session = loginTo(server);
        }
    }
}
