package dev.intake.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.csv.CsvSource;
import dev.intake.xlsx.XlsxSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples' command line: report JSON on standard output, exit codes 0/1/2. */
class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("samples");

    @TempDir
    Path dir;

    private final String db = "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    @Test
    void aDryRunOfTheSamplePrintsTheReportAndExitsZero() throws Exception {
        CommandLineRun result = run("import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(), "--db", db);

        assertThat(result.exitCode()).isZero();
        JsonNode report = result.json();
        assertThat(report.get("importer").asText()).isEqualTo("ion-runs");
        assertThat(report.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(report.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(report.get("committed").asBoolean()).isFalse();
        assertThat(report.get("totalRows").asInt()).isEqualTo(5);
        assertThat(report.get("created").get(0).has("id")).isFalse();
        assertThat(report.get("groups").toString()).isEqualTo("[{\"name\":\"run_batch_title\",\"key\":\"Batch-2026-12\","
                + "\"action\":\"CREATE\"},{\"name\":\"run_batch_title\",\"key\":\"Batch-2026-11\",\"action\":\"FOUND\"}]");
        assertThat(fieldNames(report)).containsExactly("importer", "mode", "outcome", "committed", "totalRows",
                "successCount", "errorCount", "skippedCount", "created", "updated", "failedRows", "fileErrors", "groups",
                "relationships", "attributeColumns");
        assertThat(report.get("attributeColumns").toString()).isEqualTo("[\"work_order\",\"line\",\"shift\"]");
        assertThat(count("runs")).isZero();
    }

    @Test
    void aCommitWritesTheRunsAndReportsTheirIds() throws Exception {
        CommandLineRun result = run("import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(), "--commit", "--db", db);

        assertThat(result.exitCode()).isZero();
        JsonNode report = result.json();
        assertThat(report.get("mode").asText()).isEqualTo("COMMIT");
        assertThat(report.get("committed").asBoolean()).isTrue();
        assertThat(report.get("created").get(1).toString()).isEqualTo("{\"rowNumber\":3,\"id\":\"2\",\"key\":\"RUN-0002\"}");
        assertThat(count("runs")).isEqualTo(5);
        assertThat(count("run_batches")).isEqualTo(2);
    }

    @Test
    void aCommitWithSeveralWritersWritesWhatOneWriterWrites() throws Exception {
        CommandLineRun result = run("import", "ion-runs", SAMPLES.resolve("ion-runs-with-errors.csv").toString(),
                "--commit", "--writers", "3", "--db", db);
        String alone = "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        CommandLineRun one = run("import", "ion-runs", SAMPLES.resolve("ion-runs-with-errors.csv").toString(),
                "--commit", "--db", alone);

        assertThat(result.exitCode()).isEqualTo(1).isEqualTo(one.exitCode());
        assertThat(result.json().get("created")).isNotEmpty().isEqualTo(one.json().get("created"));
        assertThat(result.json().get("failedRows")).isEqualTo(one.json().get("failedRows"));
        assertThat(count("runs")).isEqualTo(result.json().get("created").size());
    }

    @Test
    void writersApplyToTheRunsImporterOnly() throws Exception {
        CommandLineRun parts = run("import", "cascadia-parts", SAMPLES.resolve("cascadia-parts.csv").toString(),
                "--commit", "--writers", "2", "--db", db);
        CommandLineRun none = run("import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(), "--commit",
                "--writers", "0", "--db", db);

        assertThat(parts.exitCode()).isEqualTo(2);
        assertThat(parts.err()).contains("intake-examples: --writers applies to ion-runs");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("intake-examples: --writers takes 1 to 64, not 0");
        assertThat(parts.out() + none.out()).as("refused before the database is opened").isEmpty();
    }

    @Test
    void aFileWithBadRowsIsPartialAndExitsOne() throws Exception {
        CommandLineRun result = run("import", "ion-runs", SAMPLES.resolve("ion-runs-with-errors.csv").toString(), "--db", db);

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode report = result.json();
        assertThat(report.get("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(report.get("failedRows").get(0).toString()).isEqualTo("{\"rowNumber\":3,\"errors\":[{\"code\":"
                + "\"CONFLICTING_COLUMNS\",\"column\":\"autogenerate_title\",\"message\":\"Title and Autogenerate Title"
                + " cannot be given together; give exactly one of Title or Autogenerate Title\"}]}");
    }

    @Test
    void aRejectedFileIsFailedAndExitsTwo() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "title,colour\nRun 1,red\n");

        CommandLineRun result = run("import", "ion-runs", file.toString(), "--commit", "--db", db);

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode report = result.json();
        assertThat(report.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(report.get("fileErrors").get(0).get("code").asText()).isEqualTo("UNKNOWN_COLUMN");
        assertThat(count("runs")).isZero();
    }

    @Test
    void aTemplateWrittenByTheCommandLineImportsCleanlyOnceFilledAndSkipsItsExampleRow() throws Exception {
        Path template = dir.resolve("runs-template.csv");

        CommandLineRun written = run("template", "ion-runs", "--out", template.toString(), "--db", db);
        CommandLineRun printed = run("template", "ion-runs", "--db", db);

        assertThat(written.exitCode()).isZero();
        List<String> lines = Files.readAllLines(template);
        assertThat(lines.get(0)).startsWith("Title,Autogenerate Title,Procedure ID,Procedure Title,")
                .endsWith(",Run Batch Title,line,shift,work_order");
        assertThat(printed.out().lines().toList()).isEqualTo(lines);
        Files.writeString(template, String.join("\n", lines) + "\nSecond run,,5,,,,2026-07-01,2,,,,,,,,,,,,L2,,\n");
        CommandLineRun imported = run("import", "ion-runs", template.toString(), "--commit", "--db", db);
        assertThat(imported.exitCode()).as(imported.out()).isZero();
        assertThat(imported.json().get("created").size()).isEqualTo(1);
        assertThat(imported.json().get("created").get(0).get("rowNumber").asLong()).isEqualTo(3);
        assertThat(count("runs")).isEqualTo(1);
    }

    @Test
    void anXlsxTemplateHasTheCsvTemplatesLabelsAndExampleRow() throws Exception {
        Path template = dir.resolve("runs-template.xlsx");
        Path csv = dir.resolve("runs-template.csv");

        CommandLineRun written = run("template", "ion-runs", "--format", "xlsx", "--out", template.toString(), "--db", db);
        run("template", "ion-runs", "--out", csv.toString(), "--db", db);

        assertThat(written.exitCode()).as(written.err()).isZero();
        List<List<String>> xlsxRows = XlsxImportTest.rows(XlsxSource.of(template));
        List<List<String>> csvRows = XlsxImportTest.rows(CsvSource.of(csv));
        assertThat(xlsxRows).isEqualTo(csvRows);
        assertThat(XlsxImportTest.rows(XlsxSource.of(template).sheet("Columns")).get(1))
                .startsWith("Title", "title", "text", "no");
    }

    @Test
    void anXlsxTemplateNeedsAFileAndAnUnknownFormatIsRefused() {
        CommandLineRun noFile = run("template", "ion-runs", "--format", "xlsx", "--db", db);
        CommandLineRun unknown = run("template", "ion-runs", "--format", "ods", "--db", db);

        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("an XLSX template needs --out FILE.xlsx");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown format ods; use csv or xlsx");
    }

    @Test
    void anErrorReportGivesTheUserTheirRowsWithTheirProblems() throws Exception {
        Path report = dir.resolve("errors.csv");

        CommandLineRun result = run("import", "ion-runs", SAMPLES.resolve("ion-runs-with-errors.csv").toString(),
                "--error-report", report.toString(), "--db", db);

        assertThat(result.exitCode()).isEqualTo(1);
        List<String> lines = Files.readAllLines(report);
        assertThat(lines.get(0)).endsWith(",line,Intake problems");
        assertThat(lines).hasSize(10);
        assertThat(lines.get(5)).startsWith("Negative quantity,,,,,,-3,").endsWith(
                ",\"row 6: Quantity: Quantity must be 0 or more, not -3\"");
    }

    @Test
    void commandsThatCannotRunSayWhyOnStandardErrorAndExitTwo() {
        CommandLineRun unknownImporter = run("import", "nope", SAMPLES.resolve("ion-runs.csv").toString(), "--db", db);
        CommandLineRun missingFile = run("import", "ion-runs", dir.resolve("missing.csv").toString(), "--db", db);
        CommandLineRun noArguments = run("import");

        assertThat(unknownImporter.exitCode()).isEqualTo(2);
        assertThat(unknownImporter.err()).contains("unknown importer nope; this build offers ion-runs");
        assertThat(unknownImporter.out()).isEmpty();
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("no such file");
        assertThat(noArguments.exitCode()).isEqualTo(2);
        assertThat(noArguments.err()).contains("Missing required parameters");
    }

    @Test
    void aFileCommittedAgainIsNotWrittenAgainUnlessAskedAndExitsTwo() throws Exception {
        String sample = SAMPLES.resolve("ion-runs.csv").toString();
        assertThat(run("import", "ion-runs", sample, "--commit", "--db", db).exitCode()).isZero();

        CommandLineRun again = run("import", "ion-runs", sample, "--commit", "--db", db);

        assertThat(again.exitCode()).isEqualTo(2);
        JsonNode report = again.json();
        assertThat(report.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(report.get("skippedCount").asInt()).isEqualTo(5);
        assertThat(report.get("fileErrors").get(0).get("code").asText()).isEqualTo("ALREADY_IMPORTED");
        assertThat(report.get("fileErrors").get(0).get("message").asText())
                .contains("(5 created, 0 updated, 0 failed); nothing was written");
        assertThat(count("runs")).isEqualTo(5);
        assertThat(run("import", "ion-runs", sample, "--db", db).exitCode()).as("a dry run is never refused").isZero();

        CommandLineRun asked = run("import", "ion-runs", sample, "--commit", "--again", "--db", db);

        assertThat(asked.exitCode()).isZero();
        assertThat(asked.json().get("created").size()).isEqualTo(5);
        assertThat(count("runs")).isEqualTo(10);
    }

    @Test
    void anErrorReportNamingTheImportedFileIsRefusedAndTheFileKept() throws Exception {
        Path file = dir.resolve("runs.csv");
        Files.copy(SAMPLES.resolve("ion-runs-with-errors.csv"), file);
        byte[] before = Files.readAllBytes(file);

        CommandLineRun same = run("import", "ion-runs", file.toString(), "--commit", "--error-report", file.toString(), "--db", db);
        CommandLineRun aliased = run("import", "ion-runs", file.toString(), "--error-report",
                dir.resolve("sub/../runs.csv").toString(), "--db", db);

        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("--error-report names the file being imported; name another file");
        assertThat(same.out()).isEmpty();
        assertThat(aliased.exitCode()).isEqualTo(2);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void anErrorReportThatCannotBeWrittenIsAWarningBesideTheCommitsExitCode() throws Exception {
        Path unwritable = dir.resolve("no-such-directory").resolve("errors.csv");

        CommandLineRun result = run("import", "ion-runs", SAMPLES.resolve("ion-runs-with-errors.csv").toString(), "--commit",
                "--error-report", unwritable.toString(), "--db", db);

        assertThat(result.exitCode()).as("the commit was PARTIAL; retrying it would not help").isEqualTo(1);
        assertThat(result.json().get("committed").asBoolean()).isTrue();
        assertThat(result.err()).contains("warning: the error report could not be written to " + unwritable)
                .contains("the import's outcome stands").doesNotContain("Exception");
    }

    @Test
    void aReportThatCannotReachStandardOutputExitsThreeAndSaysRowsWereCommitted() throws Exception {
        StringWriter err = new StringWriter();
        java.io.Writer closed = new java.io.Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void flush() throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void close() {
            }
        };

        int code = Main.run(new String[] {"import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(), "--commit",
                "--db", db}, new PrintWriter(closed, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("intake-examples: the report could not be written to standard output;"
                + " rows were committed: run the same command again to see them" + System.lineSeparator());
        assertThat(count("runs")).isEqualTo(5);
    }

    @Test
    void anImportStoppedByAFailingPartExitsThreeWithItsReportAndOneLineOnStandardError() throws Exception {
        run("import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(), "--db", db);
        try (Connection connection = DriverManager.getConnection(db); Statement statement = connection.createStatement()) {
            // The journal refuses every chunk: the first chunk's transaction fails after its rows were written.
            statement.execute("ALTER TABLE intake_import_chunk ADD CONSTRAINT no_chunks CHECK (sequence < 0)");
        }

        CommandLineRun result = run("import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(), "--commit", "--db", db);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().lines().toList()).containsExactly("intake-examples: the import stopped because a part"
                + " of the application failed; the cause is in the application log. Nothing was written.");
        JsonNode report = result.json();
        assertThat(report.get("committed").asBoolean()).isFalse();
        assertThat(report.get("fileErrors").get(0).get("code").asText()).isEqualTo("INTERRUPTED");
        assertThat(count("runs")).isZero();
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsACommandThatCannotRun() {
        CommandLineRun result = run("import", "ion-runs", SAMPLES.resolve("ion-runs.csv").toString(),
                "--db", "jdbc:h2:file:" + dir.resolve("locked").resolve("db") + ";IFEXISTS=TRUE");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("intake-examples: cannot open the database").doesNotContain("SQLException");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void messagesOnStandardErrorAreOneLineWithoutJavaClassNames() {
        assertThat(Main.oneLine("java.lang.IllegalStateException: the pool is closed\n\tat org.h2.Pool.get(Pool.java:12)"))
                .isEqualTo("the pool is closed");
        assertThat(Main.oneLine("connection lost: org.postgresql.util.PSQLException: I/O error"))
                .isEqualTo("connection lost: I/O error");
        assertThat(Main.oneLine(null)).isEqualTo("no details");
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertThat(Main.causedBy(new IllegalArgumentException("Self-suppression not permitted", oom),
                OutOfMemoryError.class)).isTrue();
        assertThat(Main.causedBy(new IllegalArgumentException("x"), OutOfMemoryError.class)).isFalse();
        assertThat(Main.oneLine("  \n ")).isEqualTo("no details");
    }

    private long count(String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(db);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
