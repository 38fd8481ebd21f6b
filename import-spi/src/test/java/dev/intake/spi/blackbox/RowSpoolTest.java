package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.result.FailedRow;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.spi.RowSpool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowSpoolTest {
    @TempDir
    Path dir;

    private static FailedRow failed(long row) {
        return new FailedRow(row, List.of(Problem.at(ProblemCode.INVALID_DATE, "due", "due must be a date, not " + row),
                Problem.of(ProblemCode.WRONG_CELL_COUNT, "Grüße aus Zeile " + row)));
    }

    @Test
    void failedRowsComeBackSortedWhateverRunsTheyArrivedIn() throws IOException {
        List<Long> order = new ArrayList<>();
        for (long row = 2; row < 20_002; row++) {
            order.add(row);
        }
        // runs as an import makes them: sorted, with some rows of each chunk late, and later passes
        Random random = new Random(7);
        for (int i = 0; i < order.size(); i += 500) {
            int a = i + random.nextInt(500);
            int b = i + random.nextInt(500);
            if (a < order.size() && b < order.size()) {
                order.add(order.remove(Math.max(a, b)));
            }
        }
        try (RowSpool spool = RowSpool.in(dir)) {
            order.forEach(row -> spool.failed(failed(row)));

            List<FailedRow> back;
            try (Stream<FailedRow> rows = spool.failed()) {
                back = rows.toList();
            }

            assertThat(back).extracting(FailedRow::rowNumber).isSorted().hasSize(20_000).doesNotHaveDuplicates();
            assertThat(back.get(0)).isEqualTo(failed(2));
            assertThat(back.get(19_999)).isEqualTo(failed(20_001));
        }
    }

    @Test
    void writtenRowsComeBackInTheOrderReportedAndAreKnownAsWritten() throws IOException {
        try (RowSpool spool = RowSpool.in(dir)) {
            spool.created(new WrittenRow(3, Optional.of("17"), Optional.of("RUN-0017")));
            spool.created(new WrittenRow(2, Optional.empty(), Optional.empty()));
            spool.updated(new WrittenRow(5, Optional.of("9"), Optional.of("\u00dc".repeat(70_000))));
            spool.updated(new WrittenRow(6, Optional.of("10"), Optional.of("judy@acme.com"), Optional.of("Judy@acme.com")));
            spool.failed(failed(4));

            try (Stream<WrittenRow> created = spool.created(); Stream<WrittenRow> updated = spool.updated()) {
                assertThat(created).extracting(WrittenRow::rowNumber).containsExactly(3L, 2L);
                assertThat(updated).satisfiesExactly(
                        row -> assertThat(row.key()).contains("\u00dc".repeat(70_000)),
                        row -> assertThat(row).isEqualTo(new WrittenRow(6, Optional.of("10"), Optional.of("judy@acme.com"),
                                Optional.of("Judy@acme.com"))));
            }
            assertThat(spool.written(2)).isTrue();
            assertThat(spool.written(5)).isTrue();
            assertThat(spool.written(4)).isFalse();
            assertThat(spool.counts()).containsExactly(2, 2, 1);
        }
    }

    @Test
    void closingDeletesItsFiles() throws IOException {
        RowSpool spool = RowSpool.in(dir);
        spool.failed(failed(2));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }

        spool.close();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
