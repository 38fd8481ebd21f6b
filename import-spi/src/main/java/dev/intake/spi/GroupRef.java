package dev.intake.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A group found or created by {@link GroupRepository#findOrCreate(String, String)}.
 *
 * @param id the group's id
 * @param created whether this call created it
 * @param key the group's key as the host holds it, when the repository says: a group found through
 *     its column's comparison ({@link dev.intake.core.Column#comparison()}) may hold another spelling
 *     than the file's ({@code Engineering} for {@code engineering}), which the report then names
 */
public record GroupRef(String id, boolean created, Optional<String> key) {
    /**
     * Validates the components.
     *
     * @param id the group's id
     * @param created whether this call created it
     * @param key the group's key as the host holds it, if the repository says
     * @throws NullPointerException if id or key is null
     */
    public GroupRef {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(key, "key must not be null");
    }

    /**
     * A group whose key as the host holds it is not given.
     *
     * @param id the group's id
     * @param created whether this call created it
     */
    public GroupRef(String id, boolean created) {
        this(id, created, Optional.empty());
    }

    /**
     * A group that existed, as the host holds it.
     *
     * @param id the group's id
     * @param key its key as the host holds it
     * @return the found group
     */
    public static GroupRef found(String id, String key) {
        return new GroupRef(id, false, Optional.of(Objects.requireNonNull(key, "key must not be null")));
    }
}
