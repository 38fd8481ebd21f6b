package dev.intake.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The existing record a row's key matched, as {@link RecordRepository#findExistingAll} gives it.
 *
 * @param id the existing record's id
 * @param key the record's key as the host holds it, when the repository says: a key matched through
 *     its column's comparison ({@link dev.intake.core.Column#comparison()}) may hold another spelling
 *     than the file's ({@code Judy@acme.com} for {@code judy@acme.com}), which the report then names
 *     as the row's {@code matched}
 */
public record Existing(String id, Optional<String> key) {
    /**
     * Validates the components.
     *
     * @param id the existing record's id
     * @param key the record's key as the host holds it, if the repository says
     * @throws NullPointerException if either is null
     */
    public Existing {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(key, "key must not be null");
    }

    /**
     * @param id the existing record's id
     * @return a match without the record's key
     */
    public static Existing of(String id) {
        return new Existing(id, Optional.empty());
    }

    /**
     * @param id the existing record's id
     * @param key the record's key as the host holds it
     * @return a match naming the record's key
     */
    public static Existing of(String id, String key) {
        return new Existing(id, Optional.of(Objects.requireNonNull(key, "key must not be null")));
    }
}
