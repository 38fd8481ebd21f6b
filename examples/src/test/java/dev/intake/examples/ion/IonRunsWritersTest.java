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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs importer committing with several writers, each on a connection of its own: the report
 * JSON and the rows in the database are those of one writer, but for the ids the sequences hand out
 * (and the numbers made from them), which come in the order chunks reach the database.
 */
class IonRunsWritersTest {
    @TempDir
    Path dir;

    /** @return the URL of a new, empty database */
    protected String newDatabase() {
        return TestDatabases.h2();
    }

    /** What one commit gave: the report JSON, the runs stored, and the journal's chunks. */
    private record Imported(String json, List<String> runs, long batches, long chunks, long successes) {
    }

    private Imported commit(Path file, int writers, AtomicInteger connections) throws SQLException, IOException {
        String url = newDatabase();
        try (Database database = Database.open(url); RowSpool rows = RowSpool.create()) {
            ImportReport report = IonRuns.importer(database.connection(), true, 1, true, writers, () -> {
                connections.incrementAndGet();
                return database.openConnection();
            }).run(CsvSource.of(file), RunOptions.commit().sink(rows).keepRows(0).build());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            ReportJson.write(report, rows, json);
            Imported imported = new Imported(numbersOut(json.toString(StandardCharsets.UTF_8)),
                    runs(database.connection()), database.count("run_batches"), database.count("intake_import_chunk"),
                    report.successCount());
            if (url.startsWith("jdbc:h2:")) {
                try (Statement statement = database.connection().createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            }
            return imported;
        }
    }

    /** Ids and the numbers made from them, as {@code #}. */
    private static String numbersOut(String text) {
        // the report is pretty-printed: "id": "12"
        return text.replaceAll("\"id\"\\s*:\\s*\"\\d+\"", "\"id\": \"#\"").replaceAll("\\b(RUN|SN|LOT)-\\d+", "$1-#");
    }

    /** Every run as a line of what the file said, its inventory and batch by content, sorted. */
    private static List<String> runs(Connection connection) throws SQLException {
        Map<Long, List<String>> attributes = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet values = statement.executeQuery("SELECT run_id, attribute_key, attribute_value"
                        + " FROM run_attribute_values ORDER BY run_id, attribute_key")) {
            while (values.next()) {
                attributes.computeIfAbsent(values.getLong(1), id -> new ArrayList<>())
                        .add(values.getString(2) + "=" + values.getString(3));
            }
        }
        List<String> runs = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet run = statement.executeQuery("SELECT r.id, r.title, r.procedure_id, r.assigned_to,"
                        + " r.intent_option, r.due_date, r.quantity, r.description, r.export_controlled, b.title,"
                        + " i.id, i.part_number, i.revision, i.serial_number, i.lot_number, i.quantity"
                        + " FROM runs r LEFT JOIN run_batches b ON b.id = r.run_batch_id"
                        + " LEFT JOIN part_inventory i ON i.id = r.part_inventory_id")) {
            while (run.next()) {
                StringBuilder line = new StringBuilder();
                for (int column = 2; column <= 10; column++) {
                    line.append(run.getString(column)).append('|');
                }
                // Inventory the import created has a new id: compared by what it holds.
                long inventory = run.getLong(11);
                line.append(inventory >= 1000 ? "new " + run.getString(12) + " " + run.getString(13) + " "
                        + run.getString(14) + " " + run.getString(15) + " " + run.getString(16) : inventory);
                line.append('|').append(attributes.getOrDefault(run.getLong(1), List.of()));
                runs.add(numbersOut(line.toString()));
            }
        }
        runs.sort(null);
        return runs;
    }

    @Test
    void threeWritersStoreAndReportWhatOneWriterDoes() throws Exception {
        Path file = IonRunsThreadsTest.file(dir);
        AtomicInteger connections = new AtomicInteger();

        Imported one = commit(file, 1, connections);
        assertThat(connections).as("one writer writes on the import's connection").hasValue(0);
        Imported three = commit(file, 3, connections);

        assertThat(connections).hasValue(3);
        assertThat(three.json()).isEqualTo(one.json());
        assertThat(three.runs()).isEqualTo(one.runs());
        assertThat(three.batches()).isEqualTo(one.batches()).isPositive();
        assertThat(three.chunks()).isEqualTo(one.chunks());
        // what the comparison covers: rows written in every chunk, new inventory, generated numbers
        assertThat(one.successes()).isBetween(1000L, 2000L);
        assertThat(one.runs()).hasSize((int) one.successes());
        assertThat(one.runs()).anyMatch(run -> run.startsWith("RUN-#|")).anyMatch(run -> run.contains("new P-100"))
                .anyMatch(run -> run.contains("LOT-#"));
    }
}
