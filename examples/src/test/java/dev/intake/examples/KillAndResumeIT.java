package dev.intake.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.examples.jdbc.Database;
import dev.intake.examples.jdbc.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line killed with SIGKILL in the middle of a commit, on H2 and on PostgreSQL, then run
 * again with the same file: the second run resumes after the chunks the first one committed, and
 * the database ends with each row exactly once; its report covers the whole file. A third run
 * writes nothing.
 */
class KillAndResumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Data rows in the file; every tenth one fails its checks. */
    private static final int ROWS = 40_000;
    private static final int VALID = ROWS - ROWS / 10;
    /** Runs written when the first run is killed: a few chunks in, far from the end. */
    private static final int KILL_AFTER = 3_000;
    /** How much the H2 file grows past its schema and fixtures before the first run is killed: some runs. */
    private static final long H2_KILL_GROWTH = 200_000;

    @TempDir
    Path dir;

    private long h2Baseline;

    @Test
    void h2() throws Exception {
        killAndResume("jdbc:h2:file:" + dir.resolve("db").resolve("intake"));
    }

    @Test
    void postgres() throws Exception {
        killAndResume(TestDatabases.postgres());
    }

    /** Three writers commit chunks at once, in file order: what a kill leaves is whole chunks from the start. */
    @Test
    void postgresWithThreeWriters() throws Exception {
        killAndResume(TestDatabases.postgres(), "--writers", "3");
    }

    private void killAndResume(String url, String... options) throws Exception {
        Path file = dir.resolve("runs.csv");
        StringBuilder csv = new StringBuilder("title,quantity,run_batch_title\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(String.format("Run-%05d", i)).append(',').append(i % 10 == 0 ? "-1" : "1")
                    .append(",Batch-").append(i % 7).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        // the schema and the reference data first, so that the H2 file's growth is runs
        Database.open(url).close();
        Path h2File = dir.resolve("db").resolve("intake.mv.db");
        h2Baseline = Files.exists(h2File) ? Files.size(h2File) : 0;
        Process first = commandLine(url, file, "first", options);
        long written = waitForRuns(url, first);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        long committed = count(url, "SELECT COUNT(*) FROM runs");
        // H2 writes commits to its file up to half a second late (WRITE_DELAY): a kill may lose the
        // last chunks, their journal records with them. PostgreSQL keeps every commit.
        assertThat(committed).as("the first run wrote some chunks, not all")
                .isBetween(url.startsWith("jdbc:h2:") ? 0 : written, (long) VALID - 1);
        assertThat(committed % dev.intake.spi.Importer.DEFAULT_CHUNK_SIZE).as("only whole chunks").isZero();
        assertThat(count(url, "SELECT COUNT(*) FROM intake_import_chunk") * dev.intake.spi.Importer.DEFAULT_CHUNK_SIZE)
                .as("a journal record for each chunk").isEqualTo(committed);

        Process second = commandLine(url, file, "second", options);
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.err"))).isEqualTo(1);

        JsonNode report = JSON.readTree(dir.resolve("second.out").toFile());
        assertThat(report.get("totalRows").asInt()).isEqualTo(ROWS);
        assertThat(report.get("successCount").asInt()).isEqualTo(VALID);
        assertThat(report.get("errorCount").asInt()).isEqualTo(ROWS / 10);
        assertThat(report.get("created").size()).isEqualTo(VALID);
        Set<Long> rows = new HashSet<>();
        report.get("created").forEach(row -> rows.add(row.get("rowNumber").asLong()));
        assertThat(rows).hasSize(VALID);
        assertThat(report.get("failedRows").get(0).get("rowNumber").asInt()).isEqualTo(11);
        assertThat(report.get("groups").size()).as(report.get("groups").toString()).isEqualTo(7);

        assertThat(count(url, "SELECT COUNT(*) FROM runs")).isEqualTo(VALID);
        assertThat(count(url, "SELECT COUNT(DISTINCT title) FROM runs")).isEqualTo(VALID);
        assertThat(count(url, "SELECT COUNT(*) FROM run_batches WHERE title LIKE 'Batch-_'")).isEqualTo(7);
        assertThat(count(url, "SELECT COUNT(*) FROM runs WHERE run_batch_id IS NULL")).isZero();

        Process third = commandLine(url, file, "third", options);
        assertThat(third.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(third.exitValue()).isEqualTo(2);
        assertThat(JSON.readTree(dir.resolve("third.out").toFile()).get("fileErrors").get(0).get("code").asText())
                .isEqualTo("ALREADY_IMPORTED");
        assertThat(count(url, "SELECT COUNT(*) FROM runs")).isEqualTo(VALID);
    }

    /** Starts the examples' command line in a JVM of its own, committing the file. */
    private Process commandLine(String url, Path file, String name, String... options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of("import", "ion-runs", file.toString(), "--commit", "--db", url));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    /**
     * Waits until the commit has written some runs; fails when it ends first. PostgreSQL is asked;
     * an embedded H2 database belongs to the command line while it runs, so its file is watched
     * instead (asking through H2's AUTO_SERVER would put a second session in the killed process).
     *
     * @return the runs seen written, or 0 for H2
     */
    private long waitForRuns(String url, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Path h2File = dir.resolve("db").resolve("intake.mv.db");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the commit ended (exit " + process.exitValue() + ") before it could be killed: "
                        + Files.readString(dir.resolve("first.err")));
            }
            if (url.startsWith("jdbc:h2:")) {
                if (Files.exists(h2File) && Files.size(h2File) > h2Baseline + H2_KILL_GROWTH) {
                    return 0;
                }
            } else {
                long runs;
                try {
                    runs = count(url, "SELECT COUNT(*) FROM runs");
                } catch (SQLException notYet) {
                    runs = 0; // the command line has not made the schema yet
                }
                if (runs >= KILL_AFTER) {
                    return runs;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the commit did not get far enough in two minutes");
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
