package dev.intake.examples.web;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.intake.spi.run.ImportRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Import runs handed out through db-scheduler, on the host's database: each run is a one-time task
 * that exactly one instance executes; an instance that stops sending heartbeats (killed, cut off)
 * loses its runs to another instance after {@link #DEAD_AFTER}. With the runs' all-or-nothing
 * commits journaled under the run's id, a run taken over writes each row once. This is how the web
 * host grows past one machine: more instances on one database share the runs.
 */
public final class ScheduledRuns implements AutoCloseable {
    /** The task's name in db-scheduler's table. */
    public static final String TASK = "intake-import-run";
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** How long after a failed attempt a run is taken up again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(20);
    private static final int MISSED_HEARTBEATS = 4;
    /** How long an instance may be silent before its runs are taken over. */
    public static final Duration DEAD_AFTER = HEARTBEAT.multipliedBy(MISSED_HEARTBEATS);

    private final Scheduler scheduler;
    private final ImportRuns runs;

    /**
     * Builds the runs over a scheduler and starts it.
     *
     * @param dataSource the host's pool, whose database holds {@code intake_scheduled_tasks}
     * @param workers runs executed at once on this instance
     * @param build builds the runs, given the queue to hand them to
     * @throws Exception if the runs queued before cannot be taken up
     */
    public ScheduledRuns(DataSource dataSource, int workers,
            Function<java.util.function.Consumer<String>, ImportRuns> build) throws Exception {
        AtomicReference<ImportRuns> built = new AtomicReference<>();
        // a failed attempt is taken up again soon; ImportRuns ends the run ERROR on its last one
        OneTimeTask<String> task = Tasks.oneTime(TASK, String.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> {
            try {
                built.get().execute(instance.getData());
            } catch (Exception e) {
                throw new IllegalStateException("import run " + instance.getData() + " could not be executed", e);
            }
        });
        this.scheduler = Scheduler.create(dataSource, task)
                .tableName("intake_scheduled_tasks")
                .threads(workers)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .build();
        // db-scheduler dates executions by the system clock, whatever the host's clock says
        this.runs = build.apply(id -> scheduler.scheduleIfNotExists(task.instance(id, id), Instant.now()));
        built.set(runs);
        scheduler.start();
        // a run created but not yet handed to the scheduler when the host stopped
        runs.recover();
    }

    /** @return the runs */
    public ImportRuns runs() {
        return runs;
    }

    /** Stops taking runs; those executing here are taken over by another instance, or this one when it starts again. */
    @Override
    public void close() throws InterruptedException {
        scheduler.stop();
        runs.close();
    }
}
