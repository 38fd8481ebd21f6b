package dev.intake.spi.internal;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.RowReference;
import dev.intake.core.internal.Texts;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.spi.Existing;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Writes accepted rows in order inside the open transaction, and records what each did in the
 * {@link Attempt}. With savepoints, each run of two or more new records goes to
 * {@link RecordRepository#createAll} together in a savepoint; when that fails, and for updates, rows
 * are written one by one, each in a savepoint of its own, so that exactly the failing rows fail.
 * Without savepoints, rows are written one by one and the first failure ends the attempt (the caller
 * rolls it back). A row whose referenced row of the file could not be written is refused, and a run
 * written together never holds a row and the row it refers to.
 *
 * @param <R> the host's record type
 */
final class RowWriter<R> {
    /**
     * An accepted row about to be written.
     *
     * @param row the checked row
     * @param record the record it maps to
     * @param existing the existing record it updates, if any
     * @param <R> the record type
     */
    record Accepted<R>(ImportRow row, R record, Optional<Existing> existing) {
        long rowNumber() {
            return row.rowNumber();
        }
    }

    private final List<RowReference> rowReferences;
    private final RecordRepository<? super R> records;
    private final TransactionBoundary transactions;
    private final Groups groups;
    private final ImportContext context;
    private final Failures failures;

    RowWriter(ImportDefinition definition, RecordRepository<? super R> records, TransactionBoundary transactions,
            Groups groups, ImportContext context, Failures failures) {
        this(definition.rowReferences(), records, transactions, groups, context, failures);
    }

    private RowWriter(List<RowReference> rowReferences, RecordRepository<? super R> records,
            TransactionBoundary transactions, Groups groups, ImportContext context, Failures failures) {
        this.rowReferences = rowReferences;
        this.records = records;
        this.transactions = transactions;
        this.groups = groups;
        this.context = context;
        this.failures = failures;
    }

    /** @return the same writing, through a writer's repository, transactions and groups */
    RowWriter<R> forWriter(RecordRepository<? super R> writerRecords, TransactionBoundary writerTransactions,
            Groups writerGroups) {
        return new RowWriter<>(rowReferences, writerRecords, writerTransactions, writerGroups, context, failures);
    }

    /**
     * Writes rows in order.
     *
     * @param rows the rows, in the order to write them
     * @param savepoints whether rows and runs get savepoints of their own
     * @param attempt where what happened goes
     * @param failedBefore whether a row of the file failed before this attempt
     */
    void write(List<Accepted<R>> rows, boolean savepoints, Attempt attempt, LongPredicate failedBefore) {
        int i = 0;
        while (i < rows.size()) {
            if (!savepoints && attempt.mustRollBack()) {
                return;
            }
            Accepted<R> first = rows.get(i);
            if (refusedForItsReference(first, attempt, failedBefore)) {
                i++;
                continue;
            }
            List<Accepted<R>> run = new ArrayList<>();
            run.add(first);
            if (savepoints && first.existing().isEmpty()) {
                Set<Long> inRun = new HashSet<>();
                inRun.add(first.rowNumber());
                for (int j = i + 1; j < rows.size(); j++) {
                    Accepted<R> next = rows.get(j);
                    if (next.existing().isPresent() || refersTo(next.row(), inRun)
                            || targetFailed(next.row(), attempt, failedBefore) != null) {
                        break;
                    }
                    run.add(next);
                    inRun.add(next.rowNumber());
                }
            }
            i += run.size();
            if (run.size() > 1 && createTogether(run, attempt)) {
                continue;
            }
            for (Accepted<R> row : run) {
                writeOne(row, savepoints, attempt);
                if (!savepoints && attempt.mustRollBack()) {
                    return;
                }
            }
        }
    }

    private void writeOne(Accepted<R> row, boolean savepoint, Attempt attempt) {
        try {
            attempt.wrote(row.rowNumber(), savepoint ? transactions.inSavepoint(() -> write(row, attempt)) : write(row, attempt));
        } catch (Exception e) {
            attempt.failed(row.rowNumber(), failures.ofRow(row.rowNumber(), e));
        }
    }

    private Attempt.Wrote write(Accepted<R> row, Attempt attempt) throws Exception {
        WriteContext writeContext = writeContext(row.row(), attempt);
        Written written = row.existing().isPresent()
                ? records.update(row.existing().get().id(), row.record(), writeContext)
                : records.create(row.record(), writeContext);
        if (written == null) {
            throw new IllegalStateException("the record repository returned null");
        }
        return new Attempt.Wrote(written, row.existing().isPresent(), row.existing().flatMap(Existing::key));
    }

    /**
     * Creates a run's records with one {@link RecordRepository#createAll} call in a savepoint.
     *
     * @return true when that settled the rows (written, or all failed because the repository broke
     *     its contract); false when the call failed and the savepoint undid it, so the rows are to
     *     be written one by one
     */
    private boolean createTogether(List<Accepted<R>> run, Attempt attempt) {
        List<R> batch = new ArrayList<>(run.size());
        List<WriteContext> contexts = new ArrayList<>(run.size());
        for (Accepted<R> row : run) {
            batch.add(row.record());
            contexts.add(writeContext(row.row(), attempt));
        }
        List<Written> results;
        try {
            results = transactions.inSavepoint(() -> {
                List<Written> answer = records.createAll(batch, contexts);
                // Not contains(null): immutable lists throw on it.
                boolean nulls = answer != null && answer.stream().anyMatch(Objects::isNull);
                if (answer == null || answer.size() != batch.size() || nulls) {
                    throw Undo.because("the record repository's createAll returned " + (answer == null ? "null"
                            : answer.size() + " results" + (nulls ? " (some null)" : "")) + " for " + batch.size() + " records");
                }
                return answer;
            });
        } catch (Undo broken) {
            Problem problem = failures.ofBatch(run.stream().map(Accepted::rowNumber).toList(), broken);
            for (Accepted<R> row : run) {
                attempt.failed(row.rowNumber(), List.of(problem));
            }
            return true;
        } catch (Exception e) {
            return false;
        }
        for (int i = 0; i < run.size(); i++) {
            attempt.wrote(run.get(i).rowNumber(), new Attempt.Wrote(results.get(i), false));
        }
        return true;
    }

    /** A row's write context: the row, the ids of the groups it joins, the import's context. */
    private WriteContext writeContext(ImportRow row, Attempt attempt) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (GroupKey group : groups.keysOf(row)) {
            ids.put(group.name(), groups.id(group, attempt));
        }
        return new WriteContext(row, ids, context);
    }

    private boolean refersTo(ImportRow row, Set<Long> rows) {
        for (RowReference reference : rowReferences) {
            OptionalLong target = row.referencedRow(reference.name());
            if (target.isPresent() && rows.contains(target.getAsLong())) {
                return true;
            }
        }
        return false;
    }

    private boolean refusedForItsReference(Accepted<R> row, Attempt attempt, LongPredicate failedBefore) {
        Problem problem = targetFailed(row.row(), attempt, failedBefore);
        if (problem == null) {
            return false;
        }
        attempt.refused(row.rowNumber(), List.of(problem));
        return true;
    }

    /** @return the problem of a row whose referenced row of the file could not be written, or null */
    private Problem targetFailed(ImportRow row, Attempt attempt, LongPredicate failedBefore) {
        for (RowReference reference : rowReferences) {
            OptionalLong target = row.referencedRow(reference.name());
            if (target.isPresent() && (failedBefore.test(target.getAsLong()) || attempt.hasFailed(target.getAsLong()))) {
                String column = reference.column();
                return Problem.at(ProblemCode.REFERENCED_ROW_FAILED, column, column + " "
                        + Texts.shown(row.text(column).orElse("")) + " names row " + target.getAsLong()
                        + ", which could not be written");
            }
        }
        return null;
    }
}
