package dev.intake.core;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Finds the records of many keys in one call: the form of a {@link Lookup} for hosts whose data
 * lives in a database, so that a chunk of rows costs one query instead of one per row. The pipeline
 * checks rows a chunk at a time, gathers the keys its rows give, and asks once per chunk.
 *
 * @param <K> the key type: the converted value of the form's column, or for a form of several
 *     columns the list of their values in the form's order
 * @param <T> the record type
 */
@FunctionalInterface
public interface BatchLookup<K, T> {

    /**
     * Finds the records of each key. A key absent from the answer, or mapped to an empty collection,
     * matched nothing ({@code NOT_FOUND}); more than one record is {@code AMBIGUOUS}.
     *
     * @param keys the distinct keys of one chunk of rows, never empty
     * @param context the import's context
     * @return the matches by key, never null
     * @throws Exception if the host's data cannot be read; the import stops with that failure
     */
    Map<K, ? extends Collection<? extends T>> find(Set<K> keys, ImportContext context) throws Exception;
}
