package dev.intake.spi.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An import run: a file submitted against a saved definition, executed later by a worker.
 *
 * @param id the run's id, unique in the store
 * @param definition the id of the definition it executes
 * @param number its number among the runs of that definition, from 1
 * @param creator who submitted it
 * @param commit whether it writes (otherwise it only checks)
 * @param file the submitted file as {@link RunFiles} stores it
 * @param fileName the submitted file's name
 * @param fileType the submitted file's type, as the host names it (e.g. {@code CSV})
 * @param worksheet the worksheet to read, for a workbook
 * @param status where it is
 * @param createdAt when it was submitted
 * @param startedAt when a worker started it
 * @param endedAt when it ended
 * @param totalCount rows read so far (final once ended)
 * @param successCount rows that passed so far
 * @param errorCount rows that failed so far
 * @param results its results file as {@link RunFiles} stores it, once ended and until it expires
 * @param resultsExpiredAt when its results were deleted
 */
public record Run(String id, String definition, long number, String creator, boolean commit, String file,
        String fileName, String fileType, Optional<String> worksheet, RunStatus status, Instant createdAt,
        Optional<Instant> startedAt, Optional<Instant> endedAt, long totalCount, long successCount, long errorCount,
        Optional<String> results, Optional<Instant> resultsExpiredAt, int attempts) {

    /**
     * Validates the components. /
     *
     * @param id the run's id
     * @param definition the definition's id
     * @param number its number among the definition's runs
     * @param creator who submitted it
     * @param commit whether it writes
     * @param file the submitted file's id in {@link RunFiles}
     * @param fileName the submitted file's name
     * @param fileType the submitted file's type
     * @param worksheet the worksheet to read
     * @param status where it is
     * @param createdAt when it was submitted
     * @param startedAt when it started
     * @param endedAt when it ended
     * @param totalCount rows read
     * @param successCount rows that passed
     * @param errorCount rows that failed
     * @param results its results file's id
     * @param resultsExpiredAt when its results were deleted
     * @param attempts how many times a worker started it (0 before the first)
     */
    public Run {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, not " + attempts);
        }
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(creator, "creator must not be null");
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(fileName, "fileName must not be null");
        Objects.requireNonNull(fileType, "fileType must not be null");
        Objects.requireNonNull(worksheet, "worksheet must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        Objects.requireNonNull(endedAt, "endedAt must not be null");
        Objects.requireNonNull(results, "results must not be null");
        Objects.requireNonNull(resultsExpiredAt, "resultsExpiredAt must not be null");
    }

    /**
     * A run not yet started by any worker ({@code attempts} 0).
     *
     * @param id the run's id
     * @param definition the definition's id
     * @param number its number among the definition's runs
     * @param creator who submitted it
     * @param commit whether it writes
     * @param file the submitted file's id in {@link RunFiles}
     * @param fileName the submitted file's name
     * @param fileType the submitted file's type
     * @param worksheet the worksheet to read
     * @param status where it is
     * @param createdAt when it was submitted
     * @param startedAt when it started
     * @param endedAt when it ended
     * @param totalCount rows read
     * @param successCount rows that passed
     * @param errorCount rows that failed
     * @param results its results file's id
     * @param resultsExpiredAt when its results were deleted
     */
    public Run(String id, String definition, long number, String creator, boolean commit, String file,
            String fileName, String fileType, Optional<String> worksheet, RunStatus status, Instant createdAt,
            Optional<Instant> startedAt, Optional<Instant> endedAt, long totalCount, long successCount, long errorCount,
            Optional<String> results, Optional<Instant> resultsExpiredAt) {
        this(id, definition, number, creator, commit, file, fileName, fileType, worksheet, status, createdAt, startedAt,
                endedAt, totalCount, successCount, errorCount, results, resultsExpiredAt, 0);
    }
}
