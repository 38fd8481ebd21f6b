package dev.intake.spring;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.intake.spi.run.ImportRuns;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Import runs handed out through db-scheduler on the application's database: each run is a one-time
 * task exactly one instance executes; an instance that stops sending heartbeats loses its runs to
 * another after {@link #DEAD_AFTER}. With a commit journaled under the run's id, a run taken over
 * writes each row once. How an application with several instances on one database shares its runs.
 */
public final class ScheduledImportRuns implements AutoCloseable {
    /** The task's name of the application's importers' runs in the scheduler's table. */
    public static final String TASK = "intake-importer-run";
    /** The scheduler's table of the application's importers' runs. */
    public static final String TABLE = ImporterRuns.TASKS;
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final int MISSED_HEARTBEATS = 4;
    /** How long an instance may be silent before its runs are taken over. */
    public static final Duration DEAD_AFTER = HEARTBEAT.multipliedBy(MISSED_HEARTBEATS);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(20);

    private final Scheduler scheduler;
    private final ImportRuns runs;

    /**
     * Builds the runs over a scheduler and starts it.
     *
     * @param dataSource the application's database, holding {@value #TABLE}
     * @param workers runs executed at once by this instance
     * @param build builds the runs, given the queue to hand them to
     */
    public ScheduledImportRuns(DataSource dataSource, int workers, Function<Consumer<String>, ImportRuns> build) {
        this(dataSource, TABLE, TASK, workers, build);
    }

    /**
     * Builds runs of a kind of their own over a scheduler and starts it: an application whose own
     * import runs (with their own store and work) go through db-scheduler too names their table and
     * task, so that neither scheduler hands out the other's runs.
     *
     * @param dataSource the application's database, holding the table
     * @param table the scheduler's table
     * @param taskName the runs' task name in it
     * @param workers runs executed at once by this instance
     * @param build builds the runs, given the queue to hand them to
     */
    public ScheduledImportRuns(DataSource dataSource, String table, String taskName, int workers,
            Function<Consumer<String>, ImportRuns> build) {
        AtomicReference<ImportRuns> built = new AtomicReference<>();
        OneTimeTask<String> task = Tasks.oneTime(taskName, String.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> {
                    try {
                        built.get().execute(instance.getData());
                    } catch (Exception e) {
                        throw new IllegalStateException("import run " + instance.getData() + " could not be executed", e);
                    }
                });
        this.scheduler = Scheduler.create(dataSource, task)
                .tableName(table)
                .threads(workers)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .build();
        this.runs = build.apply(id -> scheduler.scheduleIfNotExists(task.instance(id, id), Instant.now()));
        built.set(runs);
        scheduler.start();
    }

    /** @return the runs */
    public ImportRuns runs() {
        return runs;
    }

    /**
     * Creates the scheduler's table when it is not there (H2, PostgreSQL; other databases by
     * db-scheduler's own scripts).
     *
     * @param dataSource the database
     * @throws SQLException if it cannot be created
     */
    public static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String name : new String[] {TABLE, TABLE.toUpperCase(Locale.ROOT)}) {
                try (ResultSet tables = meta.getTables(null, null, name, null)) {
                    if (tables.next()) {
                        return;
                    }
                }
            }
            boolean postgres = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            String text = postgres ? "TEXT" : "VARCHAR(1000)";
            String bytes = postgres ? "BYTEA" : "VARBINARY(100000)";
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + TABLE + " (task_name " + text + " NOT NULL, task_instance " + text
                        + " NOT NULL, task_data " + bytes + ", execution_time TIMESTAMP WITH TIME ZONE NOT NULL,"
                        + " picked BOOLEAN NOT NULL, picked_by " + text + ", last_success TIMESTAMP WITH TIME ZONE,"
                        + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INTEGER,"
                        + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT,"
                        + " PRIMARY KEY (task_name, task_instance))");
                statement.execute("CREATE INDEX " + TABLE + "_execution_time ON " + TABLE + " (execution_time)");
                statement.execute("CREATE INDEX " + TABLE + "_last_heartbeat ON " + TABLE + " (last_heartbeat)");
                statement.execute("CREATE INDEX " + TABLE + "_priority ON " + TABLE + " (priority DESC, execution_time ASC)");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    /** Stops taking runs; those executing here are taken over by another instance, or this one when it starts again. */
    @Override
    public void close() {
        scheduler.stop();
        try {
            runs.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
