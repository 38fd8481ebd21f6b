package dev.intake.spring;

import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.RunFiles;
import java.util.Objects;

/**
 * The import runs of the application's importers, as the endpoints serve them: the runs and where
 * their files are kept. A type of its own, so that an application that runs imports of its own kind
 * through {@link ImportRuns} (with its own store and work) keeps them apart: the auto-configuration
 * keeps these in a table and a scheduler table of their own ({@value #TABLE}, {@value #TASKS}). A
 * host declares its own bean to keep them elsewhere.
 */
public final class ImporterRuns implements AutoCloseable {
    /** The run store's table. */
    public static final String TABLE = "intake_importer_runs";
    /** db-scheduler's table, when the runs are handed out through it. */
    public static final String TASKS = "intake_importer_tasks";

    private final ImportRuns runs;
    private final RunFiles files;
    private final AutoCloseable onClose;

    /**
     * Runs and their files.
     *
     * @param runs the runs, executing with the application's importers
     * @param files where their files are kept
     * @param onClose stops what hands the runs out (the runs themselves are closed with it)
     */
    public ImporterRuns(ImportRuns runs, RunFiles files, AutoCloseable onClose) {
        this.runs = Objects.requireNonNull(runs, "runs must not be null");
        this.files = Objects.requireNonNull(files, "files must not be null");
        this.onClose = Objects.requireNonNull(onClose, "onClose must not be null");
    }

    /** @return the runs */
    public ImportRuns runs() {
        return runs;
    }

    /** @return where their files are kept */
    public RunFiles files() {
        return files;
    }

    /** Stops executing runs; those under way are taken up again at the next start. */
    @Override
    public void close() {
        try {
            onClose.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.getLogger(ImporterRuns.class.getName()).log(System.Logger.Level.WARNING,
                    "intake: stopping the import runs failed", e);
        }
    }
}
