package dev.intake.core.result;

import java.util.Objects;
import java.util.Optional;

/**
 * A find-or-create group that accepted rows joined.
 *
 * @param name the group's name in the definition (e.g. {@code run_batch_title})
 * @param key the group's key as the file first gave it (e.g. {@code Batch-2026-12})
 * @param action whether it was created or found
 * @param matched the key of the existing group as the host holds it, when the repository names it
 *     and it differs from {@code key} (found through the column's comparison: {@code Engineering}
 *     for {@code engineering})
 */
public record GroupOutcome(String name, String key, GroupAction action, Optional<String> matched) {
    /**
     * Validates the components.
     *
     * @param name the group's name in the definition (e.g. {@code run_batch_title})
     * @param key the group's key as the file first gave it (e.g. {@code Batch-2026-12})
     * @param action whether it was created or found
     * @param matched the existing group's key as the host holds it, when it differs from key
     * @throws NullPointerException if any is null
     */
    public GroupOutcome {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(action, "action must not be null");
        Objects.requireNonNull(matched, "matched must not be null");
    }

    /**
     * A group whose key the host holds as the file gave it.
     *
     * @param name the group's name in the definition
     * @param key the group's key as the file gave it
     * @param action whether it was created or found
     */
    public GroupOutcome(String name, String key, GroupAction action) {
        this(name, key, action, Optional.empty());
    }
}
