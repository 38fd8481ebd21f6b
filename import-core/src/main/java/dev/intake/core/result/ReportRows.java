package dev.intake.core.result;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every row of an import's report, to read back in the report's orders: what the full report JSON
 * and the error reports are written from. {@link #of(ImportReport)} reads a report that kept all its
 * rows; a spool an import streamed to (import-spi's {@code RowSpool}) reads any report.
 */
public interface ReportRows {

    /**
     * @return the rows that created records, in the order reported; close the stream
     */
    Stream<WrittenRow> created();

    /**
     * @return the rows that updated records, in the order reported; close the stream
     */
    Stream<WrittenRow> updated();

    /**
     * @return the failed rows, sorted by row number; close the stream
     */
    Stream<FailedRow> failed();

    /**
     * Whether a row created or updated a record.
     *
     * @param rowNumber the row number
     * @return true when it did
     */
    boolean written(long rowNumber);

    /**
     * The rows of a report that kept them all.
     *
     * @param report the report
     * @return its rows
     * @throws IllegalArgumentException if the report omitted rows; read them from what the import
     *     streamed to instead
     */
    static ReportRows of(ImportReport report) {
        Objects.requireNonNull(report, "report must not be null");
        if (report.rowsOmitted() > 0) {
            throw new IllegalArgumentException("the report of " + report.importer() + " keeps only some of its rows ("
                    + report.rowsOmitted() + " omitted); read them from the sink the import streamed to");
        }
        Set<Long> written = new HashSet<>();
        report.created().forEach(row -> written.add(row.rowNumber()));
        report.updated().forEach(row -> written.add(row.rowNumber()));
        return new ReportRows() {
            @Override
            public Stream<WrittenRow> created() {
                return report.created().stream();
            }

            @Override
            public Stream<WrittenRow> updated() {
                return report.updated().stream();
            }

            @Override
            public Stream<FailedRow> failed() {
                return report.failedRows().stream();
            }

            @Override
            public boolean written(long rowNumber) {
                return written.contains(rowNumber);
            }
        };
    }
}
