package dev.intake.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.spi.memory.InMemoryRunFiles;
import dev.intake.spi.memory.InMemoryRunStore;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.Run;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that could not be executed still has results a screen can read: its request, the reason as
 * the file's problem, and the file, so that it can be checked again.
 */
class FailedRunResultsTest {
    @TempDir
    Path dir;

    @Test
    void theReasonIsTheReportsFileProblemAndTheRequestAndFileAreKept() throws Exception {
        InMemoryRunFiles files = new InMemoryRunFiles();
        ImporterRunWork work = new ImporterRunWork(ImporterRegistry.of(List.of()), files, dir, null);
        RunRequest asked = new RunRequest(Optional.empty(), Map.of("Mail", "email"), Set.of("ROLE_IMPORTER"),
                Map.of(3L, Map.of("name", "Bo")), 2, Optional.of("earlier"));
        ImportRuns runs = ImportRuns.builder(new InMemoryRunStore(), files, work).queue(id -> { }).build();
        try {
            Run run = runs.submit("employees", "ada", false, "people.csv", "CSV", Optional.empty(), out -> {
                asked.writeTo(out);
                out.write("Mail,Full name\na@example.com,A\n".getBytes(StandardCharsets.UTF_8));
            });
            ByteArrayOutputStream results = new ByteArrayOutputStream();
            work.failure(run, "the database failed").writeTo(results);

            RunResults.Head head = RunResults.head(new ByteArrayInputStream(results.toByteArray()));
            assertThat(head.request()).isEqualTo(asked);
            assertThat(head.counts().fileErrors()).singleElement().satisfies(problem -> {
                assertThat(problem.code().name()).isEqualTo("INTERRUPTED");
                assertThat(problem.message()).isEqualTo("the import could not be executed: the database failed");
            });
            try (RunResults.Extracted extracted = RunResults.extract(new ByteArrayInputStream(results.toByteArray()), dir)) {
                assertThat(Files.readString(extracted.submitted())).isEqualTo("Mail,Full name\na@example.com,A\n");
                JsonNode report = new ObjectMapper().readTree(extracted.report().toFile());
                assertThat(report.get("fileErrors").get(0).get("code").asText()).isEqualTo("INTERRUPTED");
                assertThat(report.get("mode").asText()).isEqualTo("DRY_RUN");
            }
        } finally {
            runs.close();
        }
    }
}
