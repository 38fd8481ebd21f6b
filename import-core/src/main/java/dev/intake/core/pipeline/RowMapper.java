package dev.intake.core.pipeline;

import dev.intake.core.ImportRow;

/**
 * Turns a checked row into the host's own record (e.g. a {@code NewRun}), which the host's validator
 * may check and its repository writes.
 *
 * @param <R> the host's record type
 */
@FunctionalInterface
public interface RowMapper<R> {

    /**
     * Maps a row.
     *
     * @param row a row that passed every check
     * @return the record, never null
     */
    R map(ImportRow row);

    /**
     * @return the mapper that keeps the {@link ImportRow} itself
     */
    static RowMapper<ImportRow> identity() {
        return row -> row;
    }
}
