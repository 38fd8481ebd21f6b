package dev.intake.spi.internal;

import dev.intake.core.result.Problem;
import dev.intake.core.result.WrittenRow;
import dev.intake.spi.GroupRef;
import dev.intake.spi.Written;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one transaction's attempt at writing rows did: the groups it found or created, the rows it
 * wrote, the rows that failed while writing (the attempt is rolled back and made again without
 * them), and the rows refused before anything of theirs was written (which need no new attempt).
 */
final class Attempt {
    /**
     * A row's record as written, whether it updated an existing one, and that record's key as the
     * host held it when the repository named it.
     */
    record Wrote(Written written, boolean updated, Optional<String> matched) {
        Wrote(Written written, boolean updated) {
            this(written, updated, Optional.empty());
        }

        WrittenRow row(long rowNumber) {
            return new WrittenRow(rowNumber, Optional.of(written.id()), written.key(),
                    matched.filter(existing -> !written.key().equals(Optional.of(existing))));
        }
    }

    private final Map<GroupKey, GroupRef> groups = new HashMap<>();
    private final Map<Long, Wrote> written = new LinkedHashMap<>();
    private final Map<Long, List<Problem>> failed = new LinkedHashMap<>();
    private final Map<Long, List<Problem>> refused = new LinkedHashMap<>();

    void groupFound(GroupKey group, GroupRef ref) {
        groups.put(group, ref);
    }

    GroupRef group(GroupKey group) {
        return groups.get(group);
    }

    Map<GroupKey, GroupRef> groups() {
        return groups;
    }

    void wrote(long row, Wrote wrote) {
        written.put(row, wrote);
    }

    /** A row failed while writing: what it wrote is to be undone, and the attempt made again. */
    void failed(long row, List<Problem> problems) {
        failed.putIfAbsent(row, List.copyOf(problems));
    }

    /** A row is refused before it wrote anything. */
    void refused(long row, List<Problem> problems) {
        refused.putIfAbsent(row, List.copyOf(problems));
    }

    /** @return whether a row failed or was refused in this attempt */
    boolean hasFailed(long row) {
        return failed.containsKey(row) || refused.containsKey(row);
    }

    /** @return whether rows failed while writing, so the attempt must be rolled back */
    boolean mustRollBack() {
        return !failed.isEmpty();
    }

    Map<Long, Wrote> written() {
        return written;
    }

    Map<Long, List<Problem>> failed() {
        return failed;
    }

    Map<Long, List<Problem>> refused() {
        return refused;
    }
}
