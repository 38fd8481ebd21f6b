package dev.intake.spi;

import dev.intake.core.ImportContext;
import dev.intake.core.result.Relationships;
import dev.intake.core.result.RunMode;

/**
 * A phase that runs after an import's rows, such as the BOM relationships of a parts import: it
 * resolves what it links against the records the rows wrote ({@link ImportedRecords}) and the
 * host's existing data, and reports its own successes and failures apart from the rows'.
 *
 * <p>On a commit it runs in a transaction of the importer's boundary, after the rows were committed;
 * when it throws, that transaction rolls back and the report gets a file-level
 * {@code WRITE_FAILED}. On a dry run it must write nothing and report what it would do.
 */
@FunctionalInterface
public interface AfterRows {

    /**
     * Runs the phase.
     *
     * @param imported the records the rows wrote (or would write), by natural key
     * @param mode dry run or commit
     * @param context the request's context
     * @return what the phase did (or would do), never null
     * @throws Exception if the phase cannot be carried out
     */
    Relationships run(ImportedRecords imported, RunMode mode, ImportContext context) throws Exception;
}
