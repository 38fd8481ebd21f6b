package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Mode;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.IntakeException;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.spi.Existing;
import dev.intake.spi.ExistingKeys;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches rows to the existing records their key names, and holds each match to the run's mode: an
 * existing key under create-only, or a missing one under update-only, refuses the row.
 *
 * @param <R> the host's record type
 */
final class ExistingRecords<R> {
    /**
     * A row's match.
     *
     * @param found the existing record, when the key matched one
     * @param problems why the row is refused; empty when it may be written
     * @param failure what the host threw while looking, or null
     */
    record Match(Optional<Existing> found, List<Problem> problems, Exception failure) {
        static final Match NONE = new Match(Optional.empty(), List.of(), null);

        boolean refused() {
            return !problems.isEmpty() || failure != null;
        }
    }

    private final ImportDefinition definition;
    private final Mode mode;
    private final RecordRepository<? super R> records;
    private final ImportContext context;

    ExistingRecords(ImportDefinition definition, Mode mode, RecordRepository<? super R> records, ImportContext context) {
        this.definition = definition;
        this.mode = mode;
        this.records = records;
        this.context = context;
    }

    /** @return the same matching, looking records up in another repository (a writer's) */
    ExistingRecords<R> forRecords(RecordRepository<? super R> writerRecords) {
        return new ExistingRecords<>(definition, mode, writerRecords, context);
    }

    /** Matches a row; never throws (a failure of the host is in the match). */
    Match match(ImportRow row, R record) {
        return matchAll(List.of(row), List.of(record)).get(0);
    }

    /**
     * Matches a chunk's rows with one call of the repository ({@code findExistingAll}); never throws
     * (a failure of the host is in every row's match).
     */
    List<Match> matchAll(List<ImportRow> rows, List<R> chunk) {
        if (definition.key().isEmpty()) {
            return java.util.Collections.nCopies(rows.size(), Match.NONE);
        }
        List<Optional<Existing>> found;
        try {
            List<WriteContext> contexts = new ArrayList<>(rows.size());
            for (ImportRow row : rows) {
                contexts.add(new WriteContext(row, Map.of(), context));
            }
            found = records.findExistingAll(chunk, contexts);
            if (found == null || found.size() != rows.size() || found.contains(null)) {
                throw new IllegalStateException("the record repository's findExistingAll must return one Optional per"
                        + " record (" + rows.size() + "), not " + (found == null ? "null" : found.size() + " entries"
                        + (found.contains(null) ? " with nulls" : "")));
            }
        } catch (Exception e) {
            return java.util.Collections.nCopies(rows.size(), new Match(Optional.empty(), List.of(), e));
        }
        List<Match> matches = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            matches.add(matched(rows.get(i), found.get(i)));
        }
        return matches;
    }

    /** Holds a match to the mode. */
    private Match matched(ImportRow row, Optional<Existing> existing) {
        String column = definition.key().get(0);
        if (existing.isPresent() && mode == Mode.CREATE_ONLY) {
            return refuse(Problem.at(ProblemCode.DUPLICATE_KEY, column, describeKey(row) + " already exists"
                    + existing.get().key().filter(held -> !held.equals(keyText(row))).map(held -> " (as " + held + ")")
                            .orElse("") + "; this import only creates records"));
        }
        if (existing.isEmpty() && mode == Mode.UPDATE_ONLY) {
            return refuse(Problem.at(ProblemCode.NOT_FOUND, column,
                    "no existing record has " + describeKey(row) + "; this import only updates records"));
        }
        return new Match(existing, List.of(), null);
    }

    /**
     * A rejected row's problems, with the mode's refusal of its key added when the repository can
     * find records by key ({@link ExistingKeys}) and the key's columns passed their checks: every
     * problem of the row, not only those of its cells.
     *
     * @param row the rejected row
     * @return its problems
     * @throws IntakeException if the repository fails
     */
    List<Problem> rejected(CheckedRow<R> row) {
        if (definition.key().isEmpty() || !(records instanceof ExistingKeys keys) || mode == Mode.UPSERT
                || row.values().isEmpty()) {
            return row.problems();
        }
        for (Problem problem : row.problems()) {
            if (problem.column().isPresent() && definition.key().contains(problem.column().get())) {
                return row.problems();
            }
        }
        ImportRow values = row.values().get();
        for (String column : definition.key()) {
            if (values.text(column).isEmpty()) {
                return row.problems();
            }
        }
        Optional<String> existing;
        try {
            existing = keys.findExistingByKey(values, context);
            if (existing == null) {
                throw new IllegalStateException("the record repository's findExistingByKey returned null");
            }
        } catch (Exception e) {
            throw new IntakeException("finding the existing record of row " + row.rowNumber() + " failed: " + e,
                    row.rowNumber(), null, e);
        }
        Problem refusal;
        if (existing.isPresent() && mode == Mode.CREATE_ONLY) {
            refusal = Problem.at(ProblemCode.DUPLICATE_KEY, definition.key().get(0),
                    describeKey(values) + " already exists; this import only creates records");
        } else if (existing.isEmpty() && mode == Mode.UPDATE_ONLY) {
            refusal = Problem.at(ProblemCode.NOT_FOUND, definition.key().get(0),
                    "no existing record has " + describeKey(values) + "; this import only updates records");
        } else {
            return row.problems();
        }
        List<Problem> all = new ArrayList<>(row.problems().size() + 1);
        all.add(refusal);
        all.addAll(row.problems());
        return all;
    }

    private static Match refuse(Problem problem) {
        return new Match(Optional.empty(), List.of(problem), null);
    }

    /** The row's key as one text: its columns' texts, joined by spaces. */
    private String keyText(ImportRow row) {
        List<String> parts = new ArrayList<>();
        for (String column : definition.key()) {
            parts.add(row.text(column).orElse(""));
        }
        return String.join(" ", parts);
    }

    private String describeKey(ImportRow row) {
        List<String> parts = new ArrayList<>();
        for (String column : definition.key()) {
            parts.add(row.label(column) + " " + row.text(column).orElse(""));
        }
        return String.join(" and ", parts);
    }
}
