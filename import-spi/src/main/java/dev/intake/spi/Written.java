package dev.intake.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a repository wrote for one row.
 *
 * @param id the new record's id
 * @param key the record's natural key (e.g. the run title), if it has one
 */
public record Written(String id, Optional<String> key) {
    /**
     * Validates the components.
     *
     * @param id the new record's id
     * @param key the record's natural key (e.g. the run title), if it has one
     * @throws NullPointerException if a component is null
     */
    public Written {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(key, "key must not be null");
    }

    /**
     * A record with a natural key.
     *
     * @param id the id
     * @param key the key
     * @return the written record
     */
    public static Written of(String id, String key) {
        return new Written(id, Optional.of(key));
    }

    /**
     * A record without a natural key.
     *
     * @param id the id
     * @return the written record
     */
    public static Written of(String id) {
        return new Written(id, Optional.empty());
    }
}
