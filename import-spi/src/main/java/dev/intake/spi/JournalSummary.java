package dev.intake.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What a journaled import came to, kept with its completed entry so that a second import of the
 * same file can say when the first one ran and what it did.
 *
 * @param rows the file's data rows
 * @param created rows that created a record
 * @param updated rows that updated one
 * @param failed rows that failed
 * @param completedAt when the import completed
 */
public record JournalSummary(long rows, long created, long updated, long failed, Instant completedAt) {

    /** Checks the components. */
    public JournalSummary {
        if (rows < 0 || created < 0 || updated < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        Objects.requireNonNull(completedAt, "completedAt must not be null");
    }
}
