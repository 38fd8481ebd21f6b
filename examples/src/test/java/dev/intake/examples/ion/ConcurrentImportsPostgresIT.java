package dev.intake.examples.ion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.ImportContext;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.RunMode;
import dev.intake.csv.CsvSource;
import dev.intake.examples.jdbc.Database;
import dev.intake.examples.jdbc.TestDatabases;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Concurrent imports on PostgreSQL that share find-or-create groups: 16 imports at once (or 8 with
 * three writers each), 20 shared batch titles met in random order, 5 rounds. Each batch is created
 * once, no import is aborted by a deadlock or stays stuck in one, and the database holds exactly the
 * rows the reports list.
 */
class ConcurrentImportsPostgresIT {
    private static final int IMPORTS = 16;
    private static final int ROUNDS = 5;
    private static final int ROWS = 100;
    private static final int TITLES = 20;

    @Test
    void sixteenImportsSharingTwentyBatchesCreateEachOnceWithoutDeadlocks() throws Exception {
        importAtOnce(IMPORTS, 1);
    }

    /**
     * Each import's chunks are written at once and commit in order: a chunk holding a new batch that
     * an earlier chunk of another import waits for, while it waits for its own turn, gives way.
     */
    @Test
    void eightImportsOfThreeWritersEachSharingTwentyBatchesCreateEachOnceWithoutDeadlocks() throws Exception {
        importAtOnce(IMPORTS / 2, 3);
    }

    private void importAtOnce(int imports, int writers) throws Exception {
        String url = TestDatabases.postgres();
        Map<String, String> expectedBatch = new HashMap<>();
        long created = 0;
        Map<String, Integer> creations = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(imports);
        try (Database admin = Database.open(url)) {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ImportReport>> reports = new ArrayList<>();
                for (int i = 0; i < imports; i++) {
                    String file = file(round, i, expectedBatch);
                    reports.add(pool.submit(() -> {
                        try (Database database = Database.open(url)) {
                            start.await();
                            Importer.Builder<NewRun> importer = IonRuns.builder(database.connection(), writer -> writer)
                                    .transactions(new JdbcTransactions(database.connection()))
                                    .policy(CommitPolicy.PER_ROW)
                                    .chunkSize(25);
                            if (writers > 1) {
                                importer.writers(writers, () -> IonRuns.session(database.openConnection(), false));
                            }
                            return importer.build().run(CsvSource.of("runs.csv", file.getBytes(StandardCharsets.UTF_8)), RunMode.COMMIT,
                                            ImportContext.empty());
                        }
                    }));
                }
                start.countDown();
                for (Future<ImportReport> future : reports) {
                    ImportReport report = future.get(120, TimeUnit.SECONDS);
                    assertThat(report.failedRows()).as("rows failed in round %d", round).isEmpty();
                    assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
                    assertThat(report.created()).hasSize(ROWS);
                    created += report.created().size();
                    for (GroupOutcome group : report.groups()) {
                        if (group.action() == GroupAction.CREATE) {
                            creations.merge(group.key(), 1, Integer::sum);
                        }
                    }
                }
            }
            assertThat(creations).hasSize(TITLES).allSatisfy((title, count) -> assertThat(count).isEqualTo(1));
            assertThat(count(admin, "SELECT COUNT(*) FROM run_batches WHERE title LIKE 'Shared-%'")).isEqualTo(TITLES);
            assertThat(count(admin, "SELECT COUNT(*) FROM runs")).isEqualTo(created).isEqualTo((long) imports * ROUNDS * ROWS);
            Map<String, String> actual = new HashMap<>();
            try (Statement statement = admin.connection().createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT r.title, b.title FROM runs r JOIN run_batches b ON b.id = r.run_batch_id")) {
                while (rows.next()) {
                    actual.put(rows.getString(1), rows.getString(2));
                }
            }
            assertThat(actual).isEqualTo(expectedBatch);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One import's file: rows joining the shared batches in an order of its own. */
    private static String file(int round, int importer, Map<String, String> expectedBatch) {
        Random random = new Random(round * 1000L + importer);
        StringBuilder csv = new StringBuilder("title,run_batch_title,quantity\n");
        for (int row = 0; row < ROWS; row++) {
            String title = "r" + round + "-i" + importer + "-" + row;
            String batch = String.format("Shared-%02d", random.nextInt(TITLES));
            expectedBatch.put(title, batch);
            csv.append(title).append(',').append(batch).append(",1\n");
        }
        return csv.toString();
    }

    private static long count(Database database, String sql) throws Exception {
        try (Statement statement = database.connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
