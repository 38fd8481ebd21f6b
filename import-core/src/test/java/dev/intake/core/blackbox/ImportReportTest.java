package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportReportTest {
    @Test
    void writtenRowsReadBackAsTheyWereRecordedWithAndWithoutIdsAndKeys() {
        List<WrittenRow> rows = List.of(
                new WrittenRow(2, Optional.of("1"), Optional.of("RUN-0001")),
                new WrittenRow(3, Optional.empty(), Optional.of("Grüße")),
                new WrittenRow(5, Optional.of("17"), Optional.empty()),
                new WrittenRow(6, Optional.empty(), Optional.empty()),
                new WrittenRow(7, Optional.of(""), Optional.of("")));
        ImportReport.Builder builder = ImportReport.builder("parts", RunMode.COMMIT);
        rows.forEach(builder::created);
        builder.updated(rows.get(2));

        ImportReport report = builder.build();

        assertThat(report.created()).isEqualTo(rows);
        assertThat(report.updated()).containsExactly(rows.get(2));
        assertThat(report.created().get(1).key()).contains("Grüße");
        assertThatThrownBy(() -> report.created().add(rows.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBuiltReportDoesNotChangeWhenItsBuilderGoesOn() {
        ImportReport.Builder builder = ImportReport.builder("parts", RunMode.COMMIT);
        builder.created(new WrittenRow(2, Optional.of("1"), Optional.empty()));
        ImportReport first = builder.build();

        builder.created(new WrittenRow(3, Optional.of("2"), Optional.empty()));
        ImportReport second = builder.build();

        assertThat(first.created()).hasSize(1);
        assertThat(second.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L);
    }

    @Test
    void manyRowsGrowTheStorage() {
        ImportReport.Builder builder = ImportReport.builder("parts", RunMode.DRY_RUN).keepRows(10_000);
        List<WrittenRow> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            WrittenRow row = new WrittenRow(i + 2, Optional.empty(), Optional.of("Run " + i));
            rows.add(row);
            builder.created(row);
        }

        assertThat(builder.build().created()).isEqualTo(rows);
    }

    @Test
    void byDefaultAReportOfAHundredThousandFailedRowsKeepsAThousand() {
        ImportReport.Builder builder = ImportReport.builder("parts", RunMode.DRY_RUN);
        List<dev.intake.core.result.Problem> problems = java.util.stream.IntStream.range(0, 24)
                .mapToObj(i -> dev.intake.core.result.Problem.at(dev.intake.core.result.ProblemCode.INVALID_INTEGER,
                        "c" + i, "c" + i + " must be a whole number, not x"))
                .toList();
        for (long row = 2; row < 100_002; row++) {
            builder.failed(new dev.intake.core.result.FailedRow(row, problems));
        }

        ImportReport report = builder.build();

        assertThat(report.failedRows()).hasSize(ImportReport.DEFAULT_KEPT_ROWS).hasSize(1_000);
        assertThat(report.failedRows().get(999).rowNumber()).isEqualTo(1_001);
        assertThat(report.rowsOmitted()).isEqualTo(99_000);
        assertThat(report.errorCount()).isEqualTo(100_000);
        assertThat(report.totalRows()).isEqualTo(100_000);
    }

    @Test
    void aReportKeepsItsFirstRowsAndCountsTheRestWhileItsSinkGetsEveryRow() {
        List<Long> seen = new ArrayList<>();
        ImportReport.Builder builder = ImportReport.builder("parts", RunMode.DRY_RUN).keepRows(3)
                .sink(new dev.intake.core.result.ReportSink() {
                    @Override
                    public void created(WrittenRow row) {
                        seen.add(row.rowNumber());
                    }

                    @Override
                    public void failed(dev.intake.core.result.FailedRow row) {
                        seen.add(-row.rowNumber());
                    }
                });
        for (long row = 2; row < 12; row++) {
            builder.created(new WrittenRow(row, Optional.empty(), Optional.empty()));
        }
        builder.failed(new dev.intake.core.result.FailedRow(12, List.of(dev.intake.core.result.Problem.of(
                dev.intake.core.result.ProblemCode.WRONG_CELL_COUNT, "the row has 1 cells but the header has 2"))));

        ImportReport report = builder.build();

        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(2L, 3L, 4L);
        assertThat(report.failedRows()).hasSize(1);
        assertThat(report.rowsOmitted()).isEqualTo(7);
        assertThat(report.totalRows()).isEqualTo(11);
        assertThat(report.successCount()).isEqualTo(10);
        assertThat(report.errorCount()).isEqualTo(1);
        assertThat(seen).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, -12L);
        assertThatThrownBy(() -> dev.intake.core.result.ReportRows.of(report))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the report of parts keeps only some of its rows (7 omitted); read them from the sink the"
                        + " import streamed to");
    }
}
