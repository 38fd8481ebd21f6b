package dev.intake.spi;

import java.util.Optional;

/**
 * Finds and creates the host's find-or-create groups (e.g. run batches by title). The importer calls
 * {@link #findOrCreate} inside the row's transaction, so a row that fails leaves no group behind.
 */
public interface GroupRepository {

    /**
     * Finds a group without creating it (dry runs).
     *
     * @param group the group's name in the definition, e.g. {@code run_batch_title}
     * @param key the group's key, e.g. a batch title
     * @return the group's id, if it exists
     * @throws Exception if the host's data cannot be read
     */
    Optional<String> find(String group, String key) throws Exception;

    /**
     * Finds a group, creating it when it does not exist. Implementations that serve concurrent
     * imports make this safe under concurrency (a unique key and insert-on-conflict, or a lock).
     *
     * @param group the group's name in the definition
     * @param key the group's key
     * @return the group and whether this call created it
     * @throws Exception if the group can be neither found nor created
     */
    GroupRef findOrCreate(String group, String key) throws Exception;
}
