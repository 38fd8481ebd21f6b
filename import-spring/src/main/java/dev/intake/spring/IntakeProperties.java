package dev.intake.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.util.unit.DataSize;

/**
 * Intake's settings in a Spring Boot application, under {@code intake.}.
 */
@ConfigurationProperties("intake")
public class IntakeProperties {
    private final Jdbc jdbc = new Jdbc();
    private final Runs runs = new Runs();
    private final Web web = new Web();

    /** @return the import journal's and run store's tables */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** @return the import runs */
    public Runs getRuns() {
        return runs;
    }

    /** @return the HTTP endpoints */
    public Web getWeb() {
        return web;
    }

    /** The tables of the import journal and the run store in the application's database. */
    public static class Jdbc {
        /** When to create the journal's and run store's tables: as Spring Boot's SQL initialisation decides. */
        private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

        /** @return when the tables are created: always, for an embedded database only (the default), never */
        public DatabaseInitializationMode getInitializeSchema() {
            return initializeSchema;
        }

        /** @param initializeSchema when the tables are created */
        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** Import runs: files submitted and executed in the background. */
    public static class Runs {
        /** How long a run's results are kept after it ends. */
        private Duration retention = Duration.ofDays(60);
        /** Where submitted files and results are kept; shared by the application's instances. */
        private Path directory = Path.of(System.getProperty("java.io.tmpdir"), "intake-runs");
        /** Runs executed at once by this instance. */
        private int workers = 2;
        /** Who hands runs out: {@code db-scheduler} (when on the class path, the default) or {@code in-process}. */
        private String scheduler = "db-scheduler";

        /** @return how long results are kept (default 60 days) */
        public Duration getRetention() {
            return retention;
        }

        /** @param retention how long results are kept */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        /** @return where files and results are kept (default {@code ${java.io.tmpdir}/intake-runs}) */
        public Path getDirectory() {
            return directory;
        }

        /** @param directory where files and results are kept */
        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        /** @return runs executed at once (default 2) */
        public int getWorkers() {
            return workers;
        }

        /** @param workers runs executed at once */
        public void setWorkers(int workers) {
            this.workers = workers;
        }

        /** @return who hands runs out: {@code db-scheduler} (the default, when on the class path) or {@code in-process} */
        public String getScheduler() {
            return scheduler;
        }

        /** @param scheduler {@code db-scheduler} or {@code in-process} */
        public void setScheduler(String scheduler) {
            this.scheduler = scheduler;
        }
    }

    /** The HTTP endpoints. */
    public static class Web {
        /** Whether the endpoints are served. */
        private boolean enabled = true;
        /** Where they are served: {@code {base-path}/api/...}. */
        private String basePath = "/intake";
        /** The largest file a run takes. */
        private DataSize maxFileSize = DataSize.ofMegabytes(256);
        /** The most failed rows one page gives. */
        private int maxPageSize = 500;
        /** Whether the import console, a page at {@code {base-path}/}, is served. */
        private boolean console = true;

        /** @return whether the import console is served at {@code {base-path}/} (default true) */
        public boolean isConsole() {
            return console;
        }

        /** @param console whether the import console is served */
        public void setConsole(boolean console) {
            this.console = console;
        }

        /** @return whether the endpoints are served (default true) */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the endpoints are served */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return where they are served (default {@code /intake}) */
        public String getBasePath() {
            return basePath;
        }

        /** @param basePath where they are served: a path starting with {@code /}, without a trailing one */
        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        /** @return the largest file a run takes (default 256MB) */
        public DataSize getMaxFileSize() {
            return maxFileSize;
        }

        /** @param maxFileSize the largest file a run takes */
        public void setMaxFileSize(DataSize maxFileSize) {
            this.maxFileSize = maxFileSize;
        }

        /** @return the most failed rows a page gives (default 500) */
        public int getMaxPageSize() {
            return maxPageSize;
        }

        /** @param maxPageSize the most failed rows a page gives */
        public void setMaxPageSize(int maxPageSize) {
            this.maxPageSize = maxPageSize;
        }
    }
}
