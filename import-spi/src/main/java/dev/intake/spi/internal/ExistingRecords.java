package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Mode;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
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
     * @param id the existing record's id, when the key matched one
     * @param problems why the row is refused; empty when it may be written
     * @param failure what the host threw while looking, or null
     */
    record Match(Optional<String> id, List<Problem> problems, Exception failure) {
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
        if (definition.key().isEmpty()) {
            return Match.NONE;
        }
        Optional<String> existing;
        try {
            existing = records.findExisting(record, new WriteContext(row, Map.of(), context));
            if (existing == null) {
                throw new IllegalStateException("the record repository's findExisting returned null");
            }
        } catch (Exception e) {
            return new Match(Optional.empty(), List.of(), e);
        }
        String column = definition.key().get(0);
        if (existing.isPresent() && mode == Mode.CREATE_ONLY) {
            return refuse(Problem.at(ProblemCode.DUPLICATE_KEY, column,
                    describeKey(row) + " already exists; this import only creates records"));
        }
        if (existing.isEmpty() && mode == Mode.UPDATE_ONLY) {
            return refuse(Problem.at(ProblemCode.NOT_FOUND, column,
                    "no existing record has " + describeKey(row) + "; this import only updates records"));
        }
        return new Match(existing, List.of(), null);
    }

    private static Match refuse(Problem problem) {
        return new Match(Optional.empty(), List.of(problem), null);
    }

    private String describeKey(ImportRow row) {
        List<String> parts = new ArrayList<>();
        for (String column : definition.key()) {
            parts.add(column + " " + row.text(column).orElse(""));
        }
        return String.join(" and ", parts);
    }
}
