package dev.intake.examples.web;

import dev.intake.examples.arena.ArenaApi;
import dev.intake.examples.arena.ArenaRunWork;
import dev.intake.examples.arena.ArenaStore;
import dev.intake.examples.cascadia.CascadiaApi;
import dev.intake.examples.cascadia.CascadiaImports;
import dev.intake.examples.cascadia.CascadiaStore;
import dev.intake.examples.employees.Employee;
import dev.intake.examples.employees.Employees;
import dev.intake.examples.ion.IonRuns;
import dev.intake.examples.jdbc.Connections;
import dev.intake.examples.jdbc.Database;
import dev.intake.jdbc.JdbcRunStore;
import dev.intake.spi.Importer;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.run.DirectoryRunFiles;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.RunFiles;
import dev.intake.spring.ImporterFactory;
import dev.intake.spring.ImporterProvider;
import dev.intake.spring.ScheduledImportRuns;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The examples' web host ({@code serve}): a Spring Boot application (Spring MVC on embedded Tomcat,
 * HikariCP, Spring's transactions and validator) serving the seeds' import APIs over one database:
 * the Import API ({@link CascadiaApi}) and the import runs ({@link ArenaApi}).
 * Intake plugs in through the starter ({@code import-spring}: its transaction boundary, journal and
 * endpoints) and {@link SpringConnections}, the way it would
 * in any Spring application.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@Import({CascadiaApi.class, WebSecurity.class, ConsoleSecurity.class, ConsoleSecurity.SignIn.class})
public class ServeApplication {

    /**
     * Where the host's JDBC code gets its connections: Spring's transaction's.
     *
     * @param dataSource the pool
     * @return the connections
     */
    @Bean
    public Connections connections(DataSource dataSource) {
        return new SpringConnections(dataSource);
    }

    /**
     * The company directory's importer, served by the starter under {@code /intake/api} with the
     * application's transactions, journal and validator ({@link ImporterFactory}).
     *
     * @param intake starts importers wired to the application
     * @param connections the transaction's connections
     * @return the importer
     */
    @Bean
    public Importer<Employee> employees(ImporterFactory intake, Connections connections) {
        return Employees.importer(connections, intake::builder);
    }

    /**
     * The runs importer, served by the starter under {@code /intake/api} as {@code ion-runs}: made for
     * each run ({@link ImporterProvider}), since it reads the reference data when its import starts
     * and writes a chunk of rows at a time through statements prepared on a connection of its own,
     * journaled in each chunk's transaction. The connection goes back to the pool when the run ends;
     * what a failed run left uncommitted is rolled back there.
     *
     * @param dataSource the pool
     * @return the provider
     */
    @Bean
    public ImporterProvider ionRuns(DataSource dataSource) {
        return ImporterProvider.of(IonRuns.NAME, () -> {
            try (Connection connection = dataSource.getConnection()) {
                return IonRuns.definition(connection);
            }
        }, context -> {
            Connection connection = dataSource.getConnection();
            try {
                return ImporterProvider.opened(IonRuns.importer(connection), connection::close);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        });
    }

    /**
     * Spring's Bean Validation validator (Hibernate Validator).
     *
     * @return the validator
     */
    @Bean
    public LocalValidatorFactoryBean validator() {
        return new LocalValidatorFactoryBean();
    }

    /**
     * The host's clock: the system's, moved by {@code intake.clock-offset} (a duration such as
     * {@code P61D}) to try retention without waiting.
     *
     * @param offset how far ahead of the system clock
     * @return the clock
     */
    @Bean
    public Clock clock(@Value("${intake.clock-offset:PT0S}") Duration offset) {
        return Clock.offset(Clock.systemUTC(), offset);
    }

    /**
     * The import runs example's data.
     *
     * @param connections the connections
     * @return the store
     */
    @Bean
    public ArenaStore arenaStore(Connections connections) {
        return new ArenaStore(connections);
    }

    /**
     * Import runs: kept in the database ({@code intake_runs}), their files in a directory, handed out
     * through db-scheduler ({@link ScheduledImportRuns}) to two workers on each instance, results kept 60
     * days; results past their 60 days are expired every ten minutes, and a run shown in between is
     * expired first when due.
     *
     * @param dataSource the pool
     * @param store the example's data
     * @param transactions the boundary
     * @param clock the clock
     * @param directory where runs' files go ({@code intake.runs-dir})
     * @param scratch this process's temporary files
     * @return the runs and their scheduler
     * @throws Exception if the directory cannot be made or the runs cannot be taken up
     */
    @Bean(destroyMethod = "close")
    public ScheduledImportRuns scheduledRuns(DataSource dataSource, ArenaStore store, TransactionBoundary transactions,
            Clock clock, @Value("${intake.runs-dir:intake-demo/runs}") Path directory, Scratch scratch) throws Exception {
        RunFiles files = new DirectoryRunFiles(directory.resolve("files"));
        ArenaRunWork work = new ArenaRunWork(store, files, transactions, () -> DataSourceUtils.getConnection(dataSource),
                scratch.directory());
        // the Arena runs' own store, scheduler table and task: apart from the starter's importer runs
        ScheduledImportRuns scheduled = new ScheduledImportRuns(dataSource, "intake_scheduled_tasks", "intake-import-run",
                2, queue -> ImportRuns.builder(new JdbcRunStore(dataSource), files, work)
                        .clock(clock).retention(Duration.ofDays(60)).queue(queue).build());
        // a run created but not yet handed to the scheduler when the host stopped
        scheduled.runs().recover();
        return scheduled;
    }

    /**
     * The import runs, as the API uses them.
     *
     * @param scheduled the runs and their scheduler
     * @return the runs
     */
    @Bean(destroyMethod = "")
    public ImportRuns importRuns(ScheduledImportRuns scheduled) {
        return scheduled.runs();
    }

    /**
     * This process's temporary files, under {@code intake.runs-dir}'s {@code scratch}; what processes
     * that are gone left there is removed now and at every retention pass.
     *
     * @param directory where runs' files go
     * @return the scratch space, removed when the application stops
     * @throws java.io.IOException if it cannot be made
     */
    @Bean(destroyMethod = "close")
    public Scratch scratch(@Value("${intake.runs-dir:intake-demo/runs}") Path directory) throws java.io.IOException {
        return Scratch.open(directory.resolve("scratch"));
    }

    /**
     * Expires results every ten minutes, and sweeps the scratch files of processes that are gone.
     *
     * @param runs the runs
     * @param scratch the scratch space
     * @return the schedule, stopped with the application
     */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService retention(ImportRuns runs, Scratch scratch) {
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "intake-retention");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> {
            scratch.sweep();
            try {
                runs.expire();
            } catch (Exception e) {
                System.getLogger(ServeApplication.class.getName()).log(System.Logger.Level.WARNING,
                        "expiring import runs failed; trying again in ten minutes", e);
            }
        }, 0, 10, TimeUnit.MINUTES);
        return schedule;
    }

    /**
     * The import runs API.
     *
     * @param store the example's data
     * @param runs the runs
     * @param clock the clock
     * @param scratch this process's temporary files
     * @return the controller
     */
    @Bean
    public ArenaApi arenaApi(ArenaStore store, ImportRuns runs, Clock clock, Scratch scratch) {
        return new ArenaApi(store, runs, clock, scratch.directory());
    }

    /**
     * The memory that Import API bodies being imported may hold at once: a share of the heap
     * ({@code intake.cascadia.memory-share}, default a quarter); a body that finds no room within
     * {@code intake.cascadia.memory-wait} (default five seconds) is answered {@code 503}.
     *
     * @param share the heap's share
     * @param wait how long a body waits for room
     * @return the budget
     */
    @Bean
    public MemoryBudget cascadiaMemory(@Value("${intake.cascadia.memory-share:0.25}") double share,
            @Value("${intake.cascadia.memory-wait:PT5S}") Duration wait) {
        return MemoryBudget.ofHeap(share, wait);
    }

    /**
     * The framework's refusals in the APIs' envelopes.
     *
     * @param envelopes the error bodies
     * @param maxBytes the largest upload
     * @return the advice and error page
     */
    @Bean
    public WebErrors webErrors(Envelopes envelopes,
            @Value("${spring.servlet.multipart.max-file-size}") DataSize maxBytes) {
        return new WebErrors(envelopes, maxBytes);
    }

    /**
     * The Import API's imports.
     *
     * @param connections the connections
     * @param transactions the boundary
     * @param validator Spring's validator
     * @return the imports
     */
    @Bean
    public CascadiaImports cascadiaImports(Connections connections, TransactionBoundary transactions,
            LocalValidatorFactoryBean validator) {
        return new CascadiaImports(new CascadiaStore(connections), transactions, validator);
    }

    /**
     * Starts the host: prepares the database (schema and reference data on first use), then the web
     * server.
     *
     * @param port the HTTP port; 0 for any free one
     * @param url the database's JDBC URL
     * @param more further Spring properties
     * @return the running application
     * @throws SQLException if the database cannot be prepared
     */
    public static ConfigurableApplicationContext start(int port, String url, Map<String, Object> more)
            throws SQLException {
        Database.open(url).close();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.datasource.url", url);
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.http.converters.preferred-json-mapper", "jackson2");
        properties.put("spring.sql.init.mode", "never");
        properties.put("server.error.include-message", "never");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.intake", "INFO");
        // uploads go to disk as they arrive; 256 MB holds a million-row CSV (serve --arena-max-upload-mb)
        properties.put("spring.servlet.multipart.max-file-size", "256MB");
        properties.put("spring.servlet.multipart.max-request-size", "257MB");
        properties.put("spring.servlet.multipart.file-size-threshold", "0");
        properties.put("server.tomcat.max-swallow-size", "-1");
        // a run's form has four fields and a file: a body of hundreds of parts is refused as one
        properties.put("server.tomcat.max-part-count", "16");
        properties.put("server.tomcat.max-part-header-size", "4KB");
        // no static files: a path without a handler is a 404 in the API's envelope
        properties.put("spring.web.resources.add-mappings", "false");
        if (url.startsWith("jdbc:h2:")) {
            // the runs example's tables have columns named key and value
            properties.put("spring.datasource.hikari.connection-init-sql", "SET NON_KEYWORDS KEY, VALUE");
        }
        properties.putAll(more);
        // the starter's runs (the employees importer) beside the Arena host's, in a directory of their own
        Object runs = properties.getOrDefault("intake.runs-dir", "intake-demo/runs");
        // the examples' database is theirs, file or server: the starter makes its tables in it
        properties.putIfAbsent("intake.jdbc.initialize-schema", "always");
        properties.putIfAbsent("intake.runs.directory", Path.of(String.valueOf(runs)).resolve("importers").toString());
        SpringApplication application = new SpringApplication(ServeApplication.class);
        application.setDefaultProperties(properties);
        application.setLogStartupInfo(false);
        return application.run();
    }
}
