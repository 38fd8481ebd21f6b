package dev.intake.spi.internal;

import dev.intake.core.ImportRow;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.result.Problem;
import dev.intake.spi.TransactionBoundary;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the chunks of a per-row commit, each in one transaction: first the groups its rows join,
 * found or created in sorted key order, then each row in file order in a savepoint of its own. When
 * a row fails, the transaction is rolled back and made again without it, so that no group outlives
 * the rows that joined it and every row is written once. What happened to each row is returned
 * once the transaction committed; when the commit fails, each row that was written is
 * {@code WRITE_FAILED}. The transaction commits when the chunk's {@link Writers.Turn turn} came, once
 * the chunks before it (written by other writers) are settled. Remembers the rows whose write failed,
 * for the rows that refer to them.
 *
 * @param <R> the host's record type
 */
final class ChunkWriter<R> {
    /**
     * What a chunk came to.
     *
     * @param failed the rows that failed, with their problems
     * @param writtenRows the checked rows written, in file order
     * @param written what each written row's record became, in the order written
     * @param attempt the attempt that committed (its groups), or null when none did
     */
    record Result(Map<Long, List<Problem>> failed, List<ImportRow> writtenRows, Map<Long, Attempt.Wrote> written,
            Attempt attempt) {
    }

    /** Work that goes in a chunk's transaction once its rows are written: the journal's record. */
    @FunctionalInterface
    interface InTransaction {
        /**
         * @param rows the checked rows written, in file order
         * @param attempt the attempt that wrote them
         * @param failed the rows of the chunk that failed
         * @throws Exception to roll the chunk back
         */
        void run(List<ImportRow> rows, Attempt attempt, Map<Long, List<Problem>> failed) throws Exception;
    }

    /** The work in a chunk's transaction failed: the chunk rolled back, and the import cannot go on. */
    static final class InTransactionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InTransactionFailure(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final TransactionBoundary transactions;
    private final ExistingRecords<R> existing;
    private final Groups groups;
    private final RowWriter<R> writer;
    private final Failures failures;
    private final BitSet failedWrites = new BitSet();

    ChunkWriter(TransactionBoundary transactions, ExistingRecords<R> existing, Groups groups, RowWriter<R> writer,
            Failures failures) {
        this.transactions = transactions;
        this.existing = existing;
        this.groups = groups;
        this.writer = writer;
        this.failures = failures;
    }

    /**
     * Writes a chunk; once its rows are written and its turn came, runs work in the same transaction
     * and commits.
     *
     * @param chunk the accepted rows
     * @param work what goes in the transaction too, or null
     * @param turn where the chunk stands in the order of commits
     * @return what the chunk came to
     * @throws InTransactionFailure if the work failed (the chunk rolled back)
     * @throws Writers.Stopped if the import stopped before the chunk's turn (the chunk rolled back)
     */
    Result write(List<CheckedRow<R>> chunk, InTransaction work, Writers.Turn turn) {
        List<CheckedRow<R>> remaining = new ArrayList<>(chunk);
        Map<Long, List<Problem>> failed = new LinkedHashMap<>();
        while (!remaining.isEmpty()) {
            Attempt attempt = new Attempt();
            // A row alone, or a boundary without savepoints: a failure undoes the whole attempt.
            boolean savepoints = remaining.size() > 1 && transactions.supportsSavepoints();
            try {
                transactions.inTransaction(() -> {
                    attempt(remaining, savepoints, attempt, failed);
                    if (attempt.mustRollBack()) {
                        throw Undo.ROLL_BACK;
                    }
                    if (!turn.awaitInside()) {
                        throw Undo.YIELD;
                    }
                    if (work != null) {
                        Map<Long, List<Problem>> all = new LinkedHashMap<>(failed);
                        all.putAll(attempt.refused());
                        List<ImportRow> rows = new ArrayList<>(remaining.size());
                        for (CheckedRow<R> row : remaining) {
                            if (!all.containsKey(row.rowNumber())) {
                                rows.add(row.row().orElseThrow());
                            }
                        }
                        try {
                            work.run(rows, attempt, all);
                        } catch (Exception e) {
                            throw new InTransactionFailure(e);
                        }
                    }
                    return null;
                });
            } catch (InTransactionFailure | Writers.Stopped failure) {
                throw failure;
            } catch (Undo undo) {
                if (undo == Undo.YIELD) {
                    // It may hold what a chunk before it waits for: out of the transaction, then again.
                    turn.awaitOutside();
                    continue;
                }
                settle(attempt, failed, remaining);
                continue;
            } catch (Exception commitFailure) {
                settle(attempt, failed, remaining);
                for (CheckedRow<R> row : remaining) {
                    failed.put(row.rowNumber(), List.of(chunk.size() == 1 ? failures.ofRow(row.rowNumber(), commitFailure).get(0)
                            : failures.notCommitted(row.rowNumber(), commitFailure)));
                }
                remember(failed);
                return new Result(failed, List.of(), Map.of(), null);
            }
            settle(attempt, failed, remaining);
            groups.committed(attempt);
            remember(failed);
            List<ImportRow> rows = new ArrayList<>(remaining.size());
            for (CheckedRow<R> row : remaining) {
                rows.add(row.row().orElseThrow());
            }
            return new Result(failed, rows, attempt.written(), attempt);
        }
        remember(failed);
        return new Result(failed, List.of(), Map.of(), null);
    }

    /** One attempt at the remaining rows, inside the transaction. */
    private void attempt(List<CheckedRow<R>> remaining, boolean savepoints, Attempt attempt,
            Map<Long, List<Problem>> failed) {
        // The mode's checks come first: a row they refuse has written nothing, so it needs no new attempt.
        List<RowWriter.Accepted<R>> accepted = new ArrayList<>(remaining.size());
        List<ImportRow> rows = new ArrayList<>(remaining.size());
        List<R> records = new ArrayList<>(remaining.size());
        for (CheckedRow<R> checked : remaining) {
            rows.add(checked.row().orElseThrow());
            records.add(checked.record().orElseThrow());
        }
        // one lookup of existing records for the chunk's keys
        List<ExistingRecords.Match> matches = existing.matchAll(rows, records);
        for (int i = 0; i < remaining.size(); i++) {
            ImportRow row = rows.get(i);
            R record = records.get(i);
            ExistingRecords.Match match = matches.get(i);
            if (match.failure() != null) {
                attempt.refused(row.rowNumber(), failures.ofRow(row.rowNumber(), match.failure()));
            } else if (match.refused()) {
                attempt.refused(row.rowNumber(), match.problems());
            } else {
                accepted.add(new RowWriter.Accepted<>(row, record, match.found()));
            }
        }
        groups.findOrCreate(accepted.stream().map(RowWriter.Accepted::row).toList(), transactions.supportsSavepoints(),
                attempt);
        if (!attempt.mustRollBack()) {
            writer.write(accepted, savepoints, attempt, row -> failedWrites.get(index(row)) || failed.containsKey(row));
        }
    }

    /** Rows that failed or were refused in an attempt are done; the others remain. */
    private static <R> void settle(Attempt attempt, Map<Long, List<Problem>> failed, List<CheckedRow<R>> remaining) {
        failed.putAll(attempt.refused());
        failed.putAll(attempt.failed());
        remaining.removeIf(row -> failed.containsKey(row.rowNumber()));
    }

    /** A row of the file failed before this import resumed it: rows that refer to it are refused. */
    void failedBefore(long row) {
        failedWrites.set(index(row));
    }

    private void remember(Map<Long, List<Problem>> failed) {
        failed.keySet().forEach(row -> failedWrites.set(index(row)));
    }

    private static int index(long row) {
        return Math.toIntExact(row);
    }
}
