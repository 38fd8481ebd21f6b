package dev.intake.spi;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportRow;
import java.util.Optional;

/**
 * What a {@link RecordRepository} may also do: find the existing record a row's key names from the
 * key's values alone, without a mapped record. The engine asks it for rows that failed their checks
 * but whose key columns passed, so that a row is reported with every problem it has: a duplicate of
 * an existing key beside its invalid date (under create-only), a key that matches nothing beside it
 * (under update-only). A repository that does not implement it has only its valid rows matched.
 *
 * <pre>{@code
 * class PartRepository implements RecordRepository<Part>, ExistingKeys {
 *     public Optional<String> findExistingByKey(ImportRow row, ImportContext context) {
 *         return jdbc.idOfNumber(row.text("number").orElseThrow());
 *     }
 * }
 * }</pre>
 */
public interface ExistingKeys {

    /**
     * Finds the existing record a row's key names.
     *
     * @param row the row; its key columns are valid and not empty (other columns may have failed:
     *     read only the key's)
     * @param context the import's context
     * @return the existing record's id, or empty when none has the key
     * @throws Exception if the lookup fails (the import stops, as when {@code findExisting} fails)
     */
    Optional<String> findExistingByKey(ImportRow row, ImportContext context) throws Exception;
}
