package dev.intake.spi;

import java.util.Objects;

/**
 * A group found or created by {@link GroupRepository#findOrCreate(String, String)}.
 *
 * @param id the group's id
 * @param created whether this call created it
 */
public record GroupRef(String id, boolean created) {
    /**
     * Validates the components.
     *
     * @param id the group's id
     * @param created whether this call created it
     * @throws NullPointerException if id is null
     */
    public GroupRef {
        Objects.requireNonNull(id, "id must not be null");
    }
}
