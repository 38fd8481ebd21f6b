package dev.intake.core;

import dev.intake.core.type.ValueType;
import java.util.Objects;

/**
 * A custom attribute the host has configured: a column not in the definition is accepted as this
 * attribute when its header matches the key, and its cells are read with the type.
 *
 * @param key the attribute key, e.g. {@code work_order}
 * @param type how its values are read (e.g. {@code Types.option("L1", "L2")})
 * @param description what it is, for templates; may be empty
 */
public record AttributeSpec(String key, ValueType<?> type, String description) {
    /**
     * Validates the components. /
     *
     * @param key the attribute key, e.g. {@code work_order}
     * @param type how its values are read (e.g. {@code Types.option("L1", "L2")})
     * @param description what it is, for templates; may be empty
     * @throws IllegalArgumentException if the key is blank
     */
    public AttributeSpec {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(description, "description must not be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("an attribute key must not be blank");
        }
    }

    /**
     * An attribute without description.
     *
     * @param key the key
     * @param type the type
     * @return the attribute
     */
    public static AttributeSpec of(String key, ValueType<?> type) {
        return new AttributeSpec(key, type, "");
    }
}
