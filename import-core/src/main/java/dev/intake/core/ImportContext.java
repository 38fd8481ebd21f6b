package dev.intake.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-request facts an import runs with: who calls, and host attributes such as the design or branch.
 * Lookups, defaults and checks receive it. Immutable and thread-safe.
 */
public final class ImportContext {
    private static final ImportContext EMPTY = new ImportContext(null, Map.of());

    private final String caller;
    private final Map<String, Object> attributes;

    private ImportContext(String caller, Map<String, Object> attributes) {
        this.caller = caller;
        this.attributes = Map.copyOf(attributes);
    }

    /**
     * @return a context with no caller and no attributes
     */
    public static ImportContext empty() {
        return EMPTY;
    }

    /**
     * @return a builder for a context
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the caller (e.g. an email), if known
     */
    public Optional<String> caller() {
        return Optional.ofNullable(caller);
    }

    /**
     * An attribute of the request.
     *
     * @param name the attribute's name
     * @param type its expected type
     * @param <T> the type
     * @return the value, if set
     * @throws IllegalArgumentException if the value is of another type
     */
    public <T> Optional<T> attribute(String name, Class<T> type) {
        Object value = attributes.get(name);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("attribute " + name + " is a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
        return Optional.ofNullable(type.cast(value));
    }

    /**
     * @return every attribute, unmodifiable
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** Builds an {@link ImportContext}. Each setter may be called once. Not thread-safe. */
    public static final class Builder {
        private String caller;
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the caller.
         *
         * @param value the caller, e.g. an email
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder caller(String value) {
            if (caller != null) {
                throw new IllegalStateException("caller is already set");
            }
            caller = Objects.requireNonNull(value, "caller must not be null");
            return this;
        }

        /**
         * Sets an attribute.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         * @throws IllegalStateException if the attribute is already set
         */
        public Builder attribute(String name, Object value) {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(value, "value must not be null");
            if (attributes.putIfAbsent(name, value) != null) {
                throw new IllegalStateException("attribute " + name + " is already set");
            }
            return this;
        }

        /**
         * @return the context
         */
        public ImportContext build() {
            return new ImportContext(caller, attributes);
        }
    }
}
