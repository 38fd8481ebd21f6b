package dev.intake.examples.ion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import dev.intake.csv.CsvSource;
import dev.intake.examples.jdbc.Database;
import dev.intake.examples.jdbc.TestDatabases;
import dev.intake.json.ReportJson;
import dev.intake.spi.RowSpool;
import dev.intake.spi.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runs importer with its rows checked on several threads and read ahead: the whole report JSON
 * (every row, from a spool) and the database afterwards are the same, byte for byte, as on one thread.
 */
class IonRunsThreadsTest {
    @TempDir
    Path dir;

    /** 3,000 rows: most good, others with each kind of problem, spread over six chunks of 500. */
    private Path file() throws IOException {
        return file(dir);
    }

    /**
     * 3,000 rows: most good, others with each kind of problem, spread over six chunks of 500.
     *
     * @param dir where to write the file
     */
    static Path file(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("title,autogenerate_title,procedure_id,procedure_title,procedure_version,due_date,quantity,"
                + "part_number,revision,autogenerate_lot_number,part_inventory_id,assigned_to,intent_option,"
                + "run_batch_title,work_order,line,shift");
        for (int i = 0; i < 3000; i++) {
            String title = i % 10 == 9 ? ",true" : "Run " + i + ",";
            String procedure = switch (i % 4) {
                case 0 -> i % 37 == 0 ? "999,," : "1,,";
                case 1 -> ",Motor Build,2";
                case 2 -> "2,Motor Build,2"; // both forms
                default -> "3,,";
            };
            String due = i % 53 == 0 ? "2026-13-40" : "2026-06-" + (10 + i % 18);
            String quantity = i % 61 == 0 ? "-1" : Integer.toString(i % 50);
            String inventory = switch (i % 5) {
                case 0 -> "P-100,,true,";
                case 1 -> "P-200,,,"; // two revisions: ambiguous
                case 2 -> ",,,501";
                case 3 -> ",,," + (i % 7 == 0 ? "9999" : "502");
                default -> ",,,";
            };
            String assignee = i % 43 == 0 ? "linus@example.com" : i % 2 == 0 ? "ada@example.com" : "";
            String line = i % 67 == 0 ? "L9" : "L" + (i % 3 + 1);
            lines.add(String.join(",", title, procedure, due, quantity, inventory, assignee,
                    i % 3 == 0 ? "Engineering" : "", "Batch-" + (i % 40), "WO-" + i, line, Integer.toString(i % 3)));
        }
        Path file = dir.resolve("runs.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** The report JSON of an import into a fresh database, and what the database holds afterwards. */
    private static String[] importInto(Path file, RunMode mode, int checkThreads, boolean readAhead)
            throws SQLException, IOException {
        try (Database database = Database.open(TestDatabases.h2()); RowSpool rows = RowSpool.create()) {
            ImportReport report = IonRuns.importer(database.connection(), true, checkThreads, readAhead)
                    .run(CsvSource.of(file), RunOptions.of(mode).sink(rows).keepRows(0).build());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            ReportJson.write(report, rows, json);
            StringBuilder stored = new StringBuilder();
            try (Statement statement = database.connection().createStatement();
                    ResultSet runs = statement.executeQuery("SELECT r.id, r.title, r.part_inventory_id, b.title,"
                            + " (SELECT COUNT(*) FROM run_attribute_values v WHERE v.run_id = r.id)"
                            + " FROM runs r LEFT JOIN run_batches b ON b.id = r.run_batch_id ORDER BY r.id")) {
                while (runs.next()) {
                    stored.append(runs.getLong(1)).append(' ').append(runs.getString(2)).append(' ')
                            .append(runs.getLong(3)).append(' ').append(runs.getString(4)).append(' ')
                            .append(runs.getInt(5)).append('\n');
                }
            }
            try (Statement statement = database.connection().createStatement()) {
                statement.execute("SHUTDOWN");
            }
            return new String[] {json.toString(StandardCharsets.UTF_8), stored.toString(),
                Long.toString(report.successCount()), Long.toString(report.errorCount())};
        }
    }

    @ParameterizedTest
    @EnumSource(value = RunMode.class, names = {"DRY_RUN", "COMMIT"})
    void threeCheckThreadsAndReadingAheadGiveTheOneThreadReportAndRows(RunMode mode) throws Exception {
        Path file = file();

        String[] alone = importInto(file, mode, 1, false);
        String[] together = importInto(file, mode, 3, true);

        assertThat(together[0]).isEqualTo(alone[0]);
        assertThat(together[1]).isEqualTo(alone[1]);
        // what the comparison covers: both outcomes in numbers, every kind of problem, rows written on a commit
        assertThat(Long.parseLong(alone[2])).isBetween(1000L, 2000L);
        assertThat(Long.parseLong(alone[3])).isBetween(1000L, 2000L);
        assertThat(alone[0]).contains("\"NOT_FOUND\"", "\"AMBIGUOUS\"", "\"INVALID_DATE\"", "\"OUT_OF_RANGE\"",
                "\"NOT_ALLOWED\"", "\"INVALID_OPTION\"", "\"CONFLICTING_COLUMNS\"");
        assertThat(alone[1].lines().count()).isEqualTo(mode == RunMode.COMMIT ? Long.parseLong(alone[2]) : 0);
    }
}
