package dev.intake.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and creates the host's find-or-create groups (e.g. run batches by title). The importer calls
 * {@link #findOrCreate} (or, for a chunk's groups, {@link #findOrCreateAll}) inside the rows'
 * transaction, so a row that fails leaves no group behind.
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

    /**
     * Finds or creates several groups of one kind together: what a repository overrides to do in a
     * round trip or two what {@link #findOrCreate} does a group at a time (one query for those that
     * exist, one batch for those that do not). A per-row commit asks for a chunk's new groups in one
     * call, in a savepoint; when the call throws, it finds or creates them one by one, to learn which
     * group fails which rows. The same safety under concurrency as {@link #findOrCreate}.
     *
     * <pre>{@code
     * SELECT id, title FROM run_batches WHERE title IN (?, ?, ...)        -- the ones that exist
     * INSERT INTO run_batches (title) VALUES (?) ON CONFLICT DO NOTHING   -- the others, as a batch
     * SELECT id, title FROM run_batches WHERE title IN (?, ...)           -- their ids
     * }</pre>
     *
     * <p>Default: {@link #findOrCreate} for each key, in order.
     *
     * @param group the groups' name in the definition
     * @param keys their keys, distinct and sorted (so concurrent imports lock them in one order)
     * @return a group for every key, by key
     * @throws Exception if a group can be neither found nor created
     */
    default Map<String, GroupRef> findOrCreateAll(String group, List<String> keys) throws Exception {
        Map<String, GroupRef> groups = new LinkedHashMap<>();
        for (String key : keys) {
            groups.put(key, findOrCreate(group, key));
        }
        return groups;
    }
}
