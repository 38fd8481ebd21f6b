package dev.intake.examples.ion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.ImportContext;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.csv.CsvSource;
import dev.intake.examples.jdbc.DatabaseTest;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;


/**
 * The JDBC adapters under faults: a repository that fails after writing the first, a middle or the
 * last row, or a transaction whose commit fails, under both commit policies. All-or-nothing leaves
 * every table as it was; per-row leaves exactly the rows the report lists.
 */
class IonRunsFaultsTest extends DatabaseTest {
    private static final String FILE = String.join("\n",
            "title,part_number,quantity,run_batch_title,work_order",
            "Run 2,P-100,1,Batch-new,WO-2",
            "Run 3,,2,Batch-2026-11,WO-3",
            "Run 4,P-300,3,Batch-new,WO-4",
            "Run 5,,4,Batch-other,WO-5",
            "Run 6,HX-9,5,,WO-6") + "\n";
    private static final String FILE_WITH_REVISION = FILE.replace("HX-9,5", "P-100,5");

    /** Fails after the delegate wrote the run with the given title, so the rollback has work to undo. */
    private static RecordRepository<NewRun> failingAfter(RecordRepository<NewRun> delegate, String title) {
        return new RecordRepository<>() {
            @Override
            public Written create(NewRun run, WriteContext context) throws Exception {
                Written written = delegate.create(run, context);
                if (title.equals(run.title())) {
                    throw new SQLException("disk full");
                }
                return written;
            }
        };
    }

    /** JDBC transactions whose given transaction (1 is the first) fails to commit. */
    private static TransactionBoundary failingCommit(JdbcTransactions jdbc, int failing) {
        int[] count = {0};
        return new TransactionBoundary() {
            @Override
            public <T> T inTransaction(Work<T> work) throws Exception {
                int number = ++count[0];
                return jdbc.inTransaction(() -> {
                    T result = work.run();
                    if (number == failing) {
                        throw new SQLException("connection reset during commit");
                    }
                    return result;
                });
            }

            @Override
            public boolean supportsSavepoints() {
                return true;
            }

            @Override
            public <T> T inSavepoint(Work<T> work) throws Exception {
                return jdbc.inSavepoint(work);
            }
        };
    }

    private ImportReport importWith(CommitPolicy policy, String failingTitle, int failingCommit) throws Exception {
        JdbcTransactions jdbc = new JdbcTransactions(database.connection());
        return IonRuns.builder(database.connection(), writer -> failingTitle == null ? writer : failingAfter(writer, failingTitle))
                .transactions(failingCommit > 0 ? failingCommit(jdbc, failingCommit) : jdbc)
                .policy(policy)
                .chunkSize(2)
                .build()
                .run(CsvSource.of("runs.csv", FILE_WITH_REVISION.getBytes(StandardCharsets.UTF_8)), RunMode.COMMIT,
                        ImportContext.empty());
    }

    @ParameterizedTest(name = "a write failing at {0}")
    @org.junit.jupiter.params.provider.CsvSource({"Run 2, 2", "Run 4, 4", "Run 6, 6"})
    void allOrNothingLeavesEveryTableAsItWasWhenAWriteFails(String title, long rowNumber) throws Exception {
        Map<String, Long> before = database.rowCounts();

        ImportReport report = importWith(CommitPolicy.ALL_OR_NOTHING, title, 0);

        assertThat(database.rowCounts()).isEqualTo(before);
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.committed()).isFalse();
        assertThat(report.created()).isEmpty();
        assertThat(report.groups()).isEmpty();
        assertThat(report.failedRows()).containsExactly(new FailedRow(rowNumber,
                List.of(Problem.of(ProblemCode.WRITE_FAILED, "the row could not be written; the cause is in the application log"))));
        assertThat(report.totalRows()).isEqualTo(5);
    }

    @ParameterizedTest(name = "a commit failing")
    @org.junit.jupiter.params.provider.ValueSource(ints = 1)
    void allOrNothingLeavesEveryTableAsItWasWhenTheCommitFails(int failing) throws Exception {
        Map<String, Long> before = database.rowCounts();

        ImportReport report = importWith(CommitPolicy.ALL_OR_NOTHING, null, failing);

        assertThat(database.rowCounts()).isEqualTo(before);
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.failedRows()).isEmpty();
        assertThat(report.fileErrors()).containsExactly(Problem.of(ProblemCode.WRITE_FAILED,
                "nothing was written: the import could not be committed; the cause is in the application log"));
        assertThat(report.successCount()).isEqualTo(5);
    }

    @ParameterizedTest(name = "a write failing at {0}")
    @org.junit.jupiter.params.provider.CsvSource({"Run 2, 2", "Run 4, 4", "Run 6, 6"})
    void perRowLeavesExactlyTheRowsTheReportListsWhenAWriteFails(String title, long rowNumber) throws Exception {
        Map<String, Long> before = database.rowCounts();

        ImportReport report = importWith(CommitPolicy.PER_ROW, title, 0);

        assertThat(report.failedRows()).containsExactly(new FailedRow(rowNumber,
                List.of(Problem.of(ProblemCode.WRITE_FAILED, "the row could not be written; the cause is in the application log"))));
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertDatabaseHoldsExactly(report, before);
    }

    @ParameterizedTest(name = "transaction {0} failing to commit")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3})
    void perRowLeavesExactlyTheRowsTheReportListsWhenACommitFails(int failing) throws Exception {
        Map<String, Long> before = database.rowCounts();

        ImportReport report = importWith(CommitPolicy.PER_ROW, null, failing);

        List<Long> lost = failing == 1 ? List.of(2L, 3L) : failing == 2 ? List.of(4L, 5L) : List.of(6L);
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).isEqualTo(lost);
        assertThat(report.failedRows()).allSatisfy(row -> assertThat(row.errors()).extracting(Problem::code)
                .containsExactly(ProblemCode.WRITE_FAILED));
        assertDatabaseHoldsExactly(report, before);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(CommitPolicy.class)
    void aRowTheDatabaseRefusesInsideABatchFailsAloneAndNothingElseIsLost(CommitPolicy policy) throws Exception {
        try (Statement statement = database.connection().createStatement()) {
            statement.execute("ALTER TABLE runs ADD CONSTRAINT no_run_4 CHECK (title <> 'Run 4')");
        }
        if (!database.connection().getAutoCommit()) {
            database.connection().commit();
        }
        Map<String, Long> before = database.rowCounts();

        ImportReport report = importWith(policy, null, 0);

        assertThat(report.failedRows()).singleElement().satisfies(row -> {
            assertThat(row.rowNumber()).isEqualTo(4);
            assertThat(row.errors()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.WRITE_FAILED);
                // The database's words (and the constraint's name) go to the log, never to the user.
                assertThat(problem.message()).isEqualTo("the row could not be written; the cause is in the application log").doesNotContainIgnoringCase("NO_RUN_4");
            });
        });
        if (policy == CommitPolicy.ALL_OR_NOTHING) {
            assertThat(database.rowCounts()).isEqualTo(before);
            assertThat(report.created()).isEmpty();
        } else {
            assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L, 5L, 6L);
            assertDatabaseHoldsExactly(report, before);
        }
    }

    /** The runs, inventory, attributes and batches in the database are those of the reported rows. */
    private void assertDatabaseHoldsExactly(ImportReport report, Map<String, Long> before) throws SQLException {
        List<String> createdIds = report.created().stream().map(r -> r.id().orElseThrow()).toList();
        List<String> createdTitles = report.created().stream().map(r -> r.key().orElseThrow()).toList();
        assertThat(strings("SELECT id FROM runs ORDER BY id")).isEqualTo(createdIds);
        assertThat(strings("SELECT title FROM runs ORDER BY id")).isEqualTo(createdTitles);
        long newInventory = createdTitles.stream().filter(t -> !t.equals("Run 3") && !t.equals("Run 5")).count();
        assertThat(database.count("part_inventory")).isEqualTo(before.get("part_inventory") + newInventory);
        assertThat(database.count("run_attribute_values")).isEqualTo(createdIds.size());
        assertThat(report.successCount() + report.errorCount()).isEqualTo(5);
        List<String> batchesJoined = new ArrayList<>(strings("SELECT DISTINCT b.title FROM run_batches b"
                + " JOIN runs r ON r.run_batch_id = b.id WHERE b.id >= 1000 ORDER BY b.title"));
        assertThat(strings("SELECT title FROM run_batches WHERE id >= 1000 ORDER BY title")).isEqualTo(batchesJoined);
        assertThat(report.created()).extracting(WrittenRow::rowNumber).doesNotContainAnyElementsOf(
                report.failedRows().stream().map(FailedRow::rowNumber).toList());
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = database.connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
