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

    private CheckedRow(long rowNumber, ImportRow row, R record, List<Problem> problems) {
        this.rowNumber = rowNumber;
        this.row = row;
        this.record = record;
        this.problems = List.copyOf(problems);
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
        return new CheckedRow<>(row.rowNumber(), row, record, List.of());
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
        return new CheckedRow<>(rowNumber, null, null, problems);
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
