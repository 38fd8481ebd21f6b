package dev.intake.spring;

import dev.intake.jdbc.JdbcRunStore;
import dev.intake.spi.memory.InMemoryRunStore;
import dev.intake.spi.run.DirectoryRunFiles;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.RunFiles;
import dev.intake.spi.run.RunStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
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
@org.springframework.context.annotation.Import(IntakeRunsAutoConfiguration.SchedulerRuns.class)
public class IntakeRunsAutoConfiguration {
    private static final System.Logger LOG = System.getLogger(IntakeRunsAutoConfiguration.class.getName());

    /**
     * Where runs are kept: the application's database, or memory without one.
     *
     * @param dataSource the database, if the application has exactly one
     * @param properties Intake's settings
     * @return the store
     * @throws SQLException if its tables cannot be created
     */
    @Bean
    @ConditionalOnMissingBean
    public RunStore intakeRunStore(ObjectProvider<DataSource> dataSource, IntakeProperties properties) throws SQLException {
        DataSource database = dataSource.getIfUnique();
        if (database == null) {
            LOG.log(System.Logger.Level.WARNING, "intake: no DataSource; import runs are kept in memory and lost at"
                    + " a restart");
            return new InMemoryRunStore();
        }
        if (IntakeAutoConfiguration.Schema.initialize(database, properties)) {
            try (Connection connection = database.getConnection()) {
                JdbcRunStore.createTables(connection);
            }
        }
        return new JdbcRunStore(database);
    }

    /**
     * Where runs' files are kept.
     *
     * @param properties Intake's settings
     * @return the files
     * @throws IOException if the directory cannot be made
     */
    @Bean
    @ConditionalOnMissingBean
    public RunFiles intakeRunFiles(IntakeProperties properties) throws IOException {
        return new DirectoryRunFiles(properties.getRuns().getDirectory().resolve("files"));
    }

    /**
     * The runs handed out through db-scheduler on the application's database, when db-scheduler is
     * on the class path: the application's instances share them, and the runs of one that stops
     * are taken over. {@code intake.runs.scheduler=in-process} keeps them in this instance.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.github.kagkarlsson.scheduler.Scheduler")
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnProperty(prefix = "intake.runs", name = "scheduler", havingValue = "db-scheduler", matchIfMissing = true)
    static class SchedulerRuns {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ImportRuns.class)
        ScheduledImportRuns intakeScheduledRuns(DataSource dataSource, RunStore store, RunFiles files,
                ImporterRegistry importers, IntakeProperties properties, ObjectProvider<RunObserver> observer)
                throws SQLException {
            if (IntakeAutoConfiguration.Schema.initialize(dataSource, properties)) {
                ScheduledImportRuns.createTable(dataSource);
            }
            return new ScheduledImportRuns(dataSource, properties.getRuns().getWorkers(), queue -> runs(store, files,
                    importers, properties, observer).queue(queue).build());
        }

        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean(ImportRuns.class)
        ImportRuns intakeImportRuns(ScheduledImportRuns scheduled) {
            return scheduled.runs();
        }
    }

    /**
     * The runs, executed by this instance's workers.
     *
     * @param store where runs are kept
     * @param files where their files are kept
     * @param importers the application's importers
     * @param properties Intake's settings
     * @param observer told what each run's import did, if the application has one (metrics)
     * @return the runs
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ImportRuns intakeImportRuns(RunStore store, RunFiles files, ImporterRegistry importers,
            IntakeProperties properties, ObjectProvider<RunObserver> observer) {
        return runs(store, files, importers, properties, observer).workers(properties.getRuns().getWorkers()).build();
    }

    private static ImportRuns.Builder runs(RunStore store, RunFiles files, ImporterRegistry importers,
            IntakeProperties properties, ObjectProvider<RunObserver> observer) {
        return ImportRuns.builder(store, files, new ImporterRunWork(importers, files,
                        properties.getRuns().getDirectory().resolve("scratch"), observer.getIfUnique()))
                .retention(properties.getRuns().getRetention());
    }

    /**
     * Once the application is ready: takes up the runs a stopped instance left, then expires results
     * past their retention every ten minutes.
     *
     * @param runs the runs
     * @return the listener; its schedule stops with the context
     */
    @Bean(destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = "intakeRunsHousekeeping")
    public Housekeeping intakeRunsHousekeeping(ImportRuns runs) {
        return new Housekeeping(runs);
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
