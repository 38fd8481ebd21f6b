package dev.intake.core.result;

import java.util.Objects;

/**
 * A find-or-create group that accepted rows joined.
 *
 * @param name the group's name in the definition (e.g. {@code run_batch_title})
 * @param key the group's key as the file gave it (e.g. {@code Batch-2026-12})
 * @param action whether it was created or found
 */
public record GroupOutcome(String name, String key, GroupAction action) {
    /**
     * Validates the components.
     *
     * @param name the group's name in the definition (e.g. {@code run_batch_title})
     * @param key the group's key as the file gave it (e.g. {@code Batch-2026-12})
     * @param action whether it was created or found
     * @throws NullPointerException if any is null
     */
    public GroupOutcome {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(action, "action must not be null");
    }
}
