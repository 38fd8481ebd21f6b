package dev.intake.core;

import java.util.List;

/**
 * Finds the records a reference names, through the host's data. Zero matches become
 * {@code NOT_FOUND}, more than one {@code AMBIGUOUS}. Called once per row that gives the
 * reference; a host whose data lives in a database uses a {@link BatchLookup} instead, which is
 * asked once per chunk of rows.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface Lookup<T> {

    /**
     * Finds the matching records.
     *
     * @param row the row; the columns of the reference's form are given and valid
     * @param context the import's context
     * @return the matches, never null
     * @throws Exception if the host's data cannot be read; the import stops with that failure
     */
    List<T> find(RowValues row, ImportContext context) throws Exception;
}
