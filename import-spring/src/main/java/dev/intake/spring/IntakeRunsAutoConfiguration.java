package dev.intake.spring;

import dev.intake.jdbc.JdbcRunStore;
import dev.intake.spi.memory.InMemoryRunStore;
import dev.intake.spi.run.DirectoryRunFiles;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.RunFiles;
import dev.intake.spi.run.RunStore;
import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Import runs: files submitted over HTTP, kept under {@code intake.runs.directory}, executed in the
 * background with the importer their definition names, their results kept
 * {@code intake.runs.retention}: by db-scheduler on the application's database when it is on the
 * class path (the application's instances share the runs), by this instance's workers otherwise. The runs are kept in the application's database when it has
 * one (so its instances share them and a restarted one takes up what was running), in memory
 * otherwise.
 */
@AutoConfiguration(after = IntakeAutoConfiguration.class)
public class IntakeRunsAutoConfiguration {
    private static final System.Logger LOG = System.getLogger(IntakeRunsAutoConfiguration.class.getName());
    private static final boolean SCHEDULER = org.springframework.util.ClassUtils.isPresent(
            "com.github.kagkarlsson.scheduler.Scheduler", IntakeRunsAutoConfiguration.class.getClassLoader());

    /**
     * The runs of the application's importers: kept in the application's database when it has one
     * (table {@value ImporterRuns#TABLE}, created per {@code intake.jdbc.initialize-schema}), in
     * memory otherwise; their files under {@code intake.runs.directory}; handed out through
     * db-scheduler on that database when it is on the class path and {@code intake.runs.scheduler}
     * is not {@code in-process}, by this instance's workers otherwise.
     *
     * @param dataSource the database, if the application has exactly one
     * @param importers the application's importers
     * @param properties Intake's settings
     * @param observer told what each run's import did, if the application has one (metrics)
     * @return the runs
     * @throws Exception if the tables or the directory cannot be made
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ImporterRuns intakeImporterRuns(ObjectProvider<DataSource> dataSource, ImporterRegistry importers,
            IntakeProperties properties, ObjectProvider<RunObserver> observer) throws Exception {
        DataSource database = dataSource.getIfUnique();
        RunStore store;
        if (database == null) {
            LOG.log(System.Logger.Level.WARNING, "intake: no DataSource; import runs are kept in memory and lost at"
                    + " a restart");
            store = new InMemoryRunStore();
        } else {
            if (IntakeAutoConfiguration.Schema.initialize(database, properties)) {
                try (Connection connection = database.getConnection()) {
                    JdbcRunStore.createTables(connection, ImporterRuns.TABLE);
                }
            }
            store = new JdbcRunStore(database, ImporterRuns.TABLE);
        }
        RunFiles files = new DirectoryRunFiles(properties.getRuns().getDirectory().resolve("files"));
        ImportRuns.Builder runs = ImportRuns.builder(store, files, new ImporterRunWork(importers, files,
                        properties.getRuns().getDirectory().resolve("scratch"), observer.getIfUnique()))
                .retention(properties.getRuns().getRetention());
        boolean scheduled = database != null && SCHEDULER
                && !"in-process".equals(properties.getRuns().getScheduler());
        if (scheduled) {
            if (IntakeAutoConfiguration.Schema.initialize(database, properties)) {
                ScheduledImportRuns.createTable(database);
            }
            ScheduledImportRuns scheduler = new ScheduledImportRuns(database, properties.getRuns().getWorkers(),
                    queue -> runs.queue(queue).build());
            return new ImporterRuns(scheduler.runs(), files, scheduler);
        }
        ImportRuns inProcess = runs.workers(properties.getRuns().getWorkers()).build();
        return new ImporterRuns(inProcess, files, inProcess);
    }

    /**
     * Once the application is ready: takes up the runs a stopped instance left, then expires results
     * past their retention every ten minutes.
     *
     * @param runs the runs of the application's importers
     * @return the listener; its schedule stops with the context
     */
    @Bean(destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = "intakeRunsHousekeeping")
    public Housekeeping intakeRunsHousekeeping(ImporterRuns runs) {
        return new Housekeeping(runs.runs());
    }

    /** Takes up left runs at start-up and expires old results. */
    public static final class Housekeeping implements ApplicationListener<ApplicationReadyEvent> {
        private final ImportRuns runs;
        private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "intake-runs-housekeeping");
            thread.setDaemon(true);
            return thread;
        });

        Housekeeping(ImportRuns runs) {
            this.runs = runs;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            schedule.execute(() -> {
                try {
                    runs.recover();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "intake: taking up the runs left running failed", e);
                }
            });
            schedule.scheduleWithFixedDelay(() -> {
                try {
                    runs.expire();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "intake: expiring run results failed; trying again in ten"
                            + " minutes", e);
                }
            }, 1, 10, TimeUnit.MINUTES);
        }

        /** Stops the schedule. */
        public void shutdownNow() {
            schedule.shutdownNow();
        }
    }
}
