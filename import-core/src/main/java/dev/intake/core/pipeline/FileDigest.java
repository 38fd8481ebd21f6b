package dev.intake.core.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * What a run read of a file, to tell a later read of the same file apart from a changed one: a
 * SHA-256 over the header and each segment of {@code segmentRows} data rows (their row numbers,
 * cells, and whether each cell was typed), and a fingerprint over all of them. Two reads of an
 * unchanged file give equal digests; blank rows and a template's example row do not count.
 *
 * @param segmentRows data rows per segment
 * @param segments the segments' digests in order, hexadecimal; the last one may hold fewer rows
 * @param rows the file's data rows
 * @param fingerprint one SHA-256 over the segments and the number of rows, hexadecimal: what
 *     identifies the file's content
 */
public record FileDigest(int segmentRows, List<String> segments, long rows, String fingerprint) {

    /** Checks and copies the components. */
    public FileDigest {
        if (segmentRows < 1) {
            throw new IllegalArgumentException("segmentRows must be 1 or more, not " + segmentRows);
        }
        segments = List.copyOf(segments);
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, not " + rows);
        }
        Objects.requireNonNull(fingerprint, "fingerprint must not be null");
    }
}
