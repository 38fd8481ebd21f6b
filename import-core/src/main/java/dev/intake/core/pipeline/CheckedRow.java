package dev.intake.core.pipeline;

import dev.intake.core.ImportRow;
import dev.intake.core.result.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One data row after the pipeline: accepted (with its {@link ImportRow} and mapped record) or
 * rejected (with every problem found). Immutable.
 *
 * @param <R> the host's record type
 */
public final class CheckedRow<R> {
    private final long rowNumber;
    private final ImportRow row;
    private final R record;
    private final List<Problem> problems;
    private final ImportRow passed;

    private CheckedRow(long rowNumber, ImportRow row, R record, List<Problem> problems, ImportRow passed) {
        this.rowNumber = rowNumber;
        this.row = row;
        this.record = record;
        this.problems = List.copyOf(problems);
        this.passed = passed;
    }

    /**
     * An accepted row.
     *
     * @param row the checked row
     * @param record the mapped record
     * @param <R> the record type
     * @return the checked row
     */
    public static <R> CheckedRow<R> accepted(ImportRow row, R record) {
        Objects.requireNonNull(row, "row must not be null");
        Objects.requireNonNull(record, "record must not be null");
        return new CheckedRow<>(row.rowNumber(), row, record, List.of(), row);
    }

    /**
     * A rejected row.
     *
     * @param rowNumber the row number
     * @param problems its problems, at least one
     * @param <R> the record type
     * @return the checked row
     */
    public static <R> CheckedRow<R> rejected(long rowNumber, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejected row needs at least one problem");
        }
        return new CheckedRow<>(rowNumber, null, null, problems, null);
    }

    /**
     * A rejected row with the values of its columns that passed their checks, so that what does
     * not depend on the failed columns (the existing record its key names) can still be reported.
     *
     * @param rowNumber the row number
     * @param problems its problems, at least one
     * @param passed the row's values; a failed column's value is not to be read
     * @param <R> the record type
     * @return the checked row
     */
    public static <R> CheckedRow<R> rejected(long rowNumber, List<Problem> problems, ImportRow passed) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejected row needs at least one problem");
        }
        return new CheckedRow<>(rowNumber, null, null, problems, Objects.requireNonNull(passed, "passed must not be null"));
    }

    /**
     * @return the row's values: all of them for an accepted row; for a rejected one, when the
     *     pipeline kept them, the values whose columns have no problem are the ones to read
     */
    public Optional<ImportRow> values() {
        return Optional.ofNullable(passed);
    }

    /**
     * @return the row number as a spreadsheet shows it
     */
    public long rowNumber() {
        return rowNumber;
    }

    /**
     * @return whether the row passed every check
     */
    public boolean isAccepted() {
        return problems.isEmpty();
    }

    /**
     * @return the checked row, when accepted
     */
    public Optional<ImportRow> row() {
        return Optional.ofNullable(row);
    }

    /**
     * @return the mapped record, when accepted
     */
    public Optional<R> record() {
        return Optional.ofNullable(record);
    }

    /**
     * @return the problems; empty when accepted, never null
     */
    public List<Problem> problems() {
        return problems;
    }
}
