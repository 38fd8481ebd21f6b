package dev.intake.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import}'s progress line, as a person sees it: the command in a JVM of its own, on a
 * pseudo-terminal made by {@code script} (util-linux) or with its output piped, as a script runs it.
 */
class ProgressLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path file;
    private static String db;

    @BeforeAll
    static void aFileOfSomeRows() throws IOException {
        file = dir.resolve("runs.csv");
        StringBuilder rows = new StringBuilder("title,quantity,description\n");
        for (int i = 1; i <= 30_000; i++) {
            rows.append("Run ").append(i).append(',').append(i % 1000 == 0 ? -1 : i % 7).append(",\"a run\nof two lines\"\n");
        }
        Files.writeString(file, rows);
        db = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    }

    private static List<String> command(String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "import", "ion-runs",
                file.toString(), "--db", db));
        command.addAll(List.of(options));
        return command;
    }

    private record Ran(int exit, String out, String err) {
    }

    private static Ran piped(String... options) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command(options)).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Ran(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** On a pseudo-terminal, standard output and error both: what the terminal shows. */
    private static Ran onTerminal(String... options) throws Exception {
        String line = String.join(" ", command(options).stream().map(ProgressLineTest::quoted).toList());
        Path screen = dir.resolve("screen.txt");
        Process process = new ProcessBuilder("script", "--quiet", "--return", "--flush", "--command", line, "/dev/null")
                .redirectOutput(screen.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Ran(process.exitValue(), Files.readString(screen, StandardCharsets.UTF_8), "");
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The report JSON within what was printed, from its first brace. */
    private static JsonNode report(String printed) throws IOException {
        return JSON.readTree(printed.substring(printed.indexOf('{')));
    }

    @Test
    void onATerminalTheProgressIsOneLineRedrawnInPlaceAndTheReportFollowsIt() throws Exception {
        Ran ran = onTerminal();

        assertThat(ran.exit()).as(ran.out()).isEqualTo(1);
        String progress = ran.out().substring(0, ran.out().indexOf('{'));
        assertThat(progress).startsWith("\rchecking  ").contains(" of 30,000 rows").contains(" rows/s")
                .contains(" elapsed");
        assertThat(progress.strip()).as("the last drawing").contains("done  30,000 of 30,000 rows");
        assertThat(progress.chars().filter(c -> c == '\n').count()).as("one line, ended once").isEqualTo(1);
        JsonNode report = report(ran.out());
        assertThat(report.get("totalRows").asLong()).isEqualTo(30_000);
        assertThat(report.get("errorCount").asLong()).isEqualTo(30);
    }

    @Test
    void withoutATerminalNothingIsShownUnlessAskedAndTheReportIsUnchanged() throws Exception {
        Ran piped = piped();
        Ran asked = piped("--progress");

        assertThat(piped.err()).isEmpty();
        assertThat(piped.out()).startsWith("{");
        assertThat(asked.err()).startsWith("\rchecking  ").contains("done  30,000 of 30,000 rows").endsWith("\n");
        assertThat(report(asked.out())).isEqualTo(report(piped.out()));

        Ran quiet = onTerminal("--quiet");
        assertThat(quiet.out()).doesNotContain("\r checking").doesNotContain("rows/s");
        assertThat(report(quiet.out()).get("totalRows").asLong()).isEqualTo(30_000);
        Ran both = piped("--progress", "--quiet");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("intake-examples: --progress and --quiet exclude each other\n");
    }

    @Test
    void maxRowsSetsTheRowsAFileMayHave() throws Exception {
        Ran fewer = piped("--max-rows", "1000");

        assertThat(fewer.exit()).isEqualTo(2);
        assertThat(report(fewer.out()).get("fileErrors").get(0).get("code").asText()).isEqualTo("TOO_MANY_ROWS");
        Ran none = piped("--max-rows", "0");
        assertThat(none.err()).isEqualTo("intake-examples: --max-rows takes 1 or more, not 0\n");
    }
}
