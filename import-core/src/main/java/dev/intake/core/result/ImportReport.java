package dev.intake.core.result;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an import did, or in a dry run would do, accounting for every row:
 * {@code totalRows = successCount + errorCount + skippedCount}.
 *
 * <p>Immutable and thread-safe. Built by the engine through {@link #builder(String, RunMode)}.
 *
 * @param importer the definition's name
 * @param mode dry run or commit
 * @param outcome the overall outcome: {@code SUCCESS} without problems; {@code PARTIAL} when a commit
 *     wrote rows and something failed, or a dry run found some rows failing; {@code FAILED} when
 *     nothing was written (or, in a dry run, would be) because of file or request problems or every
 *     row failing
 * @param committed whether rows were written and committed
 * @param totalRows non-blank data rows read
 * @param successCount rows accepted (and, in a commit, written)
 * @param errorCount rows rejected
 * @param skippedCount rows skipped by the commit policy
 * @param created rows that created a record (in a dry run, would create), by row number
 * @param updated rows that updated a record, by row number
 * @param failedRows rejected rows with their problems, sorted by row number
 * @param fileErrors file and request problems; when present, no row was written
 * @param groups find-or-create groups joined by accepted rows, in the order first met
 * @param relationships what a relationship phase did
 * @param ignoredColumns header cells whose columns were not read, when the definition ignores
 *     unknown columns
 * @param rowsOmitted rows counted but not kept in {@code created}, {@code updated} or
 *     {@code failedRows}: a report keeps a bounded number of each (see
 *     {@link Builder#keepRows(int)}); all of them went to the import's {@link ReportSink}
 * @param attributeColumns header cells read as custom attributes, so that a user sees what was
 *     taken for an attribute rather than a column
 * @param skippedRows rows neither imported nor counted, with why (the template's example row)
 */
public record ImportReport(
        String importer,
        RunMode mode,
        Outcome outcome,
        boolean committed,
        long totalRows,
        long successCount,
        long errorCount,
        long skippedCount,
        List<WrittenRow> created,
        List<WrittenRow> updated,
        List<FailedRow> failedRows,
        List<Problem> fileErrors,
        List<GroupOutcome> groups,
        Relationships relationships,
        List<String> ignoredColumns,
        long rowsOmitted,
        List<String> attributeColumns,
        List<SkippedRow> skippedRows) {

    /**
     * Validates and copies the components. /
     *
     * @param importer the definition's name
     * @param mode dry run or commit
     * @param outcome the overall outcome: {@code SUCCESS} without problems; {@code PARTIAL} when a commit
 *     wrote rows and something failed, or a dry run found some rows failing; {@code FAILED} when
 *     nothing was written (or, in a dry run, would be) because of file or request problems or every
 *     row failing
     * @param committed whether rows were written and committed
     * @param totalRows non-blank data rows read
     * @param successCount rows accepted (and, in a commit, written)
     * @param errorCount rows rejected
     * @param skippedCount rows skipped by the commit policy
     * @param created rows that created a record (in a dry run, would create), by row number
     * @param updated rows that updated a record, by row number
     * @param failedRows rejected rows with their problems, sorted by row number
     * @param fileErrors file and request problems; when present, no row was written
     * @param groups find-or-create groups joined by accepted rows, in the order first met
     * @param relationships what a relationship phase did
     * @param ignoredColumns header cells whose columns were not read, when the definition ignores
     *     unknown columns
     * @param rowsOmitted rows counted but not kept in the lists of rows
     * @param attributeColumns header cells read as custom attributes
     * @param skippedRows rows neither imported nor counted, with why
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the counts do not add up
     */
    public ImportReport {
        Objects.requireNonNull(importer, "importer must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
        created = created instanceof WrittenRows compact ? compact : List.copyOf(created);
        updated = updated instanceof WrittenRows compact ? compact : List.copyOf(updated);
        failedRows = List.copyOf(failedRows);
        fileErrors = List.copyOf(fileErrors);
        groups = List.copyOf(groups);
        Objects.requireNonNull(relationships, "relationships must not be null");
        ignoredColumns = List.copyOf(ignoredColumns);
        attributeColumns = List.copyOf(attributeColumns);
        skippedRows = List.copyOf(skippedRows);
        if (rowsOmitted < 0) {
            throw new IllegalArgumentException("rowsOmitted must not be negative");
        }
        if (totalRows != successCount + errorCount + skippedCount) {
            throw new IllegalArgumentException("totalRows " + totalRows + " is not successCount " + successCount
                    + " + errorCount " + errorCount + " + skippedCount " + skippedCount);
        }
    }

    /**
     * Starts a report.
     *
     * @param importer the definition's name
     * @param mode dry run or commit
     * @return a new builder
     */
    public static Builder builder(String importer, RunMode mode) {
        return new Builder(importer, mode);
    }

    /**
     * Rows of each kind a report keeps unless told otherwise: the first ones reported. With at most
     * {@code Limits.maxProblemsPerRow()} problems each, the failed rows kept stay within a few
     * megabytes whatever the file; every row goes to the import's {@link ReportSink}.
     */
    public static final int DEFAULT_KEPT_ROWS = 1_000;

    /**
     * Collects the parts of a report while an import runs: every row goes to the sink, and the
     * report keeps the first rows of each kind up to a bound, so its memory does not grow with the
     * file. Not thread-safe.
     */
    public static final class Builder {
        private final String importer;
        private final RunMode mode;
        private boolean committed;
        private long totalRows;
        private long successCount;
        private long skippedCount;
        private long errorCount;
        private long createdCount;
        private long updatedCount;
        private long rowsOmitted;
        private int keepRows = DEFAULT_KEPT_ROWS;
        private ReportSink sink = ReportSink.none();
        private WrittenRows created = new WrittenRows();
        private WrittenRows updated = new WrittenRows();
        private final List<FailedRow> failedRows = new ArrayList<>();
        private final List<Problem> fileErrors = new ArrayList<>();
        private final Map<List<String>, GroupOutcome> groups = new LinkedHashMap<>();
        private Relationships relationships = Relationships.NONE;
        private final List<String> ignoredColumns = new ArrayList<>();
        private final List<String> attributeColumns = new ArrayList<>();
        private final List<SkippedRow> skippedRows = new ArrayList<>();

        private Builder(String importer, RunMode mode) {
            this.importer = Objects.requireNonNull(importer, "importer must not be null");
            this.mode = Objects.requireNonNull(mode, "mode must not be null");
        }

        /**
         * Sends every row's outcome to a sink as well, as it is recorded. Default: none.
         *
         * @param value the sink
         * @return this builder
         */
        public Builder sink(ReportSink value) {
            sink = Objects.requireNonNull(value, "sink must not be null");
            return this;
        }

        /**
         * Sets how many rows of each kind (created, updated, failed) the report keeps; the others
         * are counted, sent to the sink, and counted in {@code rowsOmitted}. Default
         * {@value ImportReport#DEFAULT_KEPT_ROWS}.
         *
         * @param value rows of each kind, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if value is negative
         */
        public Builder keepRows(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("keepRows must not be negative, not " + value);
            }
            keepRows = value;
            return this;
        }

        /**
         * @param value whether rows were written and committed
         * @return this builder
         */
        public Builder committed(boolean value) {
            this.committed = value;
            return this;
        }

        /**
         * Counts a row that created a record.
         * @param row the row
         * @return this builder
         */
        public Builder created(WrittenRow row) {
            Objects.requireNonNull(row, "row must not be null");
            sink.created(row);
            if (created.size() < keepRows) {
                if (created.frozen()) {
                    created = created.copy();
                }
                created.append(row);
            } else {
                rowsOmitted++;
            }
            totalRows++;
            successCount++;
            createdCount++;
            return this;
        }

        /**
         * Counts a row that updated a record.
         * @param row the row
         * @return this builder
         */
        public Builder updated(WrittenRow row) {
            Objects.requireNonNull(row, "row must not be null");
            sink.updated(row);
            if (updated.size() < keepRows) {
                if (updated.frozen()) {
                    updated = updated.copy();
                }
                updated.append(row);
            } else {
                rowsOmitted++;
            }
            totalRows++;
            successCount++;
            updatedCount++;
            return this;
        }

        /**
         * Counts a row that was rejected.
         * @param row the row
         * @return this builder
         */
        public Builder failed(FailedRow row) {
            Objects.requireNonNull(row, "row must not be null");
            sink.failed(row);
            if (failedRows.size() < keepRows) {
                failedRows.add(row);
            } else {
                rowsOmitted++;
            }
            totalRows++;
            errorCount++;
            return this;
        }

        /**
         * Counts a row that the policy skipped.
         * @return this builder
         */
        public Builder skipped() {
            return skipped(1);
        }

        /**
         * Counts rows that were not done: a cancelled import skips the rest of the file.
         *
         * @param count how many, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if count is negative
         */
        public Builder skipped(long count) {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, not " + count);
            }
            totalRows += count;
            skippedCount += count;
            return this;
        }

        /** @return the rows recorded as failed so far */
        public long failedCount() {
            return errorCount;
        }

        /**
         * Adds a file or request problem.
         * @param problem the problem
         * @return this builder
         */
        public Builder fileError(Problem problem) {
            fileErrors.add(Objects.requireNonNull(problem, "problem must not be null"));
            return this;
        }

        /**
         * Records a header cell whose column was ignored.
         *
         * @param header the header cell as the file has it
         * @return this builder
         */
        public Builder ignoredColumn(String header) {
            ignoredColumns.add(Objects.requireNonNull(header, "header must not be null"));
            return this;
        }

        /**
         * Records a header cell read as a custom attribute.
         *
         * @param header the header cell as the file has it
         * @return this builder
         */
        public Builder attributeColumn(String header) {
            attributeColumns.add(Objects.requireNonNull(header, "header must not be null"));
            return this;
        }

        /**
         * Records a row neither imported nor counted, with why.
         *
         * @param row the row
         * @return this builder
         */
        public Builder skippedRow(SkippedRow row) {
            skippedRows.add(Objects.requireNonNull(row, "row must not be null"));
            return this;
        }

        /**
         * Records a group that an accepted row joined; the first action recorded for a key stands.
         *
         * @param outcome the group and what happened to it
         * @return this builder
         */
        public Builder group(GroupOutcome outcome) {
            groups.putIfAbsent(List.of(outcome.name(), outcome.key()), outcome);
            return this;
        }

        /**
         * @param value what a relationship phase did
         * @return this builder
         */
        public Builder relationships(Relationships value) {
            this.relationships = Objects.requireNonNull(value, "relationships must not be null");
            return this;
        }

        /** @return whether a file or request problem was recorded */
        public boolean hasFileErrors() {
            return !fileErrors.isEmpty();
        }

        /** @return whether the rows written were recorded as committed */
        public boolean isCommitted() {
            return committed;
        }

        /**
         * Rows recorded as created or updated so far.
         *
         * @return the number of rows written
         */
        public long writtenCount() {
            return createdCount + updatedCount;
        }

        /** @return the rows recorded as created so far */
        public long createdCount() {
            return createdCount;
        }

        /** @return the rows recorded as updated so far */
        public long updatedCount() {
            return updatedCount;
        }

        /**
         * Counts rows that were checked and accepted but not written (all-or-nothing).
         *
         * @param count how many
         * @return this builder
         */
        public Builder acceptedNotWritten(long count) {
            totalRows += count;
            successCount += count;
            return this;
        }

        /**
         * Builds the report; the outcome follows from what was recorded.
         *
         * @return the report
         */
        public ImportReport build() {
            List<FailedRow> sorted = new ArrayList<>(failedRows);
            sorted.sort(Comparator.comparingLong(FailedRow::rowNumber));
            boolean problems = errorCount > 0 || !fileErrors.isEmpty() || relationships.failed() > 0 || skippedCount > 0;
            Outcome outcome;
            if (mode == RunMode.COMMIT && committed) {
                // Something was written: whatever else went wrong, the import did part of its work.
                outcome = problems ? Outcome.PARTIAL : Outcome.SUCCESS;
            } else if (!fileErrors.isEmpty()
                    || (errorCount > 0 && successCount == 0)
                    || (mode == RunMode.COMMIT && totalRows > 0)) {
                outcome = Outcome.FAILED;
            } else {
                outcome = problems ? Outcome.PARTIAL : Outcome.SUCCESS;
            }
            return new ImportReport(importer, mode, outcome, committed, totalRows, successCount, errorCount,
                    skippedCount, created.freeze(), updated.freeze(), sorted, fileErrors, List.copyOf(groups.values()),
                    relationships, ignoredColumns, rowsOmitted, attributeColumns, skippedRows);
        }
    }
}
