package dev.intake.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The records an import created or updated, by natural key: what a phase after the rows resolves
 * against (with the host's own data for records that already existed). In a dry run the keys are
 * those rows would have, without ids. Immutable.
 */
public final class ImportedRecords {
    private final Map<String, Optional<String>> idsByKey;

    /**
     * The imported records; the importer builds this.
     *
     * @param idsByKey ids by natural key; an empty id in a dry run
     */
    public ImportedRecords(Map<String, Optional<String>> idsByKey) {
        this.idsByKey = Collections.unmodifiableMap(new LinkedHashMap<>(idsByKey));
    }

    /**
     * Whether the import created or updated (in a dry run: would) a record with this key.
     *
     * @param key the natural key
     * @return true when it did
     */
    public boolean contains(String key) {
        return idsByKey.containsKey(Objects.requireNonNull(key, "key must not be null"));
    }

    /**
     * The id of the record the import wrote with this key.
     *
     * @param key the natural key
     * @return the id; empty when no such record was written, or in a dry run
     */
    public Optional<String> id(String key) {
        return idsByKey.getOrDefault(Objects.requireNonNull(key, "key must not be null"), Optional.empty());
    }

    /** @return how many records the import wrote (or would write) with a key */
    public int size() {
        return idsByKey.size();
    }
}
