package dev.intake.examples.arena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.examples.CommandLineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import arena-items --definition GUID}: a saved definition run on a file at once, all or nothing. */
class ArenaCommandLineTest {

    @TempDir
    Path dir;

    private final String db = "jdbc:h2:mem:arena-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    private long items(String like) throws Exception {
        try (Connection connection = DriverManager.getConnection(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM arena_items WHERE number LIKE '" + like + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aSavedDefinitionRunsAllOrNothing() throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), "Number,Name,Category,World\nCLI-1,Fan,Assembly,Mechanical\n"
                + "CLI-2,Motor,Electrical Part,Electrical\n");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "Number,Name,Category\nCLI-3,Fan,Assembly\nCLI-4,Motor,Cables\n");

        CommandLineRun dryRun = run("import", "arena-items", good.toString(), "--definition", ArenaApiTests.NEW, "--db", db);
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(items("CLI-%")).isZero();

        CommandLineRun commit = run("import", "arena-items", good.toString(), "--definition", ArenaApiTests.NEW, "--commit",
                "--as", "hwalker@example.com", "--db", db);
        assertThat(commit.exitCode()).isZero();
        assertThat(commit.json().get("created").findValuesAsText("key")).containsExactly("CLI-1", "CLI-2");
        assertThat(items("CLI-%")).isEqualTo(2);

        CommandLineRun refused = run("import", "arena-items", bad.toString(), "--definition", ArenaApiTests.NEW, "--commit",
                "--db", db);
        assertThat(refused.exitCode()).as("all or nothing: nothing written is FAILED").isEqualTo(2);
        assertThat(refused.json().get("committed").asBoolean()).isFalse();
        assertThat(refused.json().get("failedRows").get(0).get("rowNumber").asInt()).isEqualTo(3);
        assertThat(items("CLI-3")).isZero();
    }

    @Test
    void aDefinitionThatCannotRunIsRefusedBeforeAnyRow() {
        Path file = dir.resolve("items.csv");
        CommandLineRun legacy = run("import", "arena-items", "samples/ion-runs.csv", "--definition",
                ArenaApiTests.LEGACY, "--db", db);
        assertThat(legacy.exitCode()).isEqualTo(2);
        assertThat(legacy.err()).contains("The specified value \"Changes\" is not a valid option for the attribute \"world\".");
        assertThat(run("import", "arena-items", "samples/ion-runs.csv", "--db", db).err())
                .contains("arena-items needs --definition GUID");
        assertThat(run("import", "arena-items", "samples/ion-runs.csv", "--definition", "NOPE", "--db", db).err())
                .contains("no import definition has the GUID NOPE");
        assertThat(run("template", "arena-items", "--definition", ArenaApiTests.UPSERT, "--db", db).out())
                .startsWith("Number,Name,Category,Revision,Finish\r\n");
        assertThat(file).doesNotExist();
    }
}
