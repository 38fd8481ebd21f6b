package dev.intake.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import dev.intake.testkit.RowSourceChecks;
import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Fuzzed XLSX: a worksheet's XML and the shared strings inside an otherwise valid package, and
 * whole packages. The reader keeps its promises (numbered rows, cells and text within the limits,
 * at most one file problem) in this module's 64 MB heap, and a dry run and its error report never
 * fail. Runs over the committed inputs in the test suite; see the README for a fuzzing session.
 */
class XlsxFuzzTest {
    private static final Limits LIMITS = Limits.defaults().withMaxRows(300).withMaxCellLength(500).withMaxColumns(30)
            .withMaxBytes(1 << 20).withMaxCharacters(200_000);

    private static final ImportDefinition PARTS = ImportDefinition.builder("parts")
            .column(Column.text("number").required())
            .column(Column.integer("quantity"))
            .column(Column.decimal("weight", Locale.GERMANY))
            .column(Column.date("due"))
            .column(Column.bool("active"))
            .key("number")
            .limits(LIMITS)
            .build();

    @FuzzTest(maxDuration = "5m")
    void anyWorksheetXml(byte[] sheet) {
        check(RawWorkbook.of("").part("xl/worksheets/sheet1.xml", sheet).bytes());
    }

    @FuzzTest(maxDuration = "5m")
    void anySharedStrings(byte[] sharedStrings) {
        StringBuilder rows = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>");
        for (int r = 2; r <= 4; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"s\"><v>").append(r)
                    .append("</v></c><c r=\"B").append(r).append("\" t=\"s\"><v>").append(r + 3).append("</v></c></row>");
        }
        check(RawWorkbook.of(rows.toString()).part("xl/sharedStrings.xml", sharedStrings).bytes());
    }

    @FuzzTest(maxDuration = "5m")
    void anyPackage(byte[] file) {
        check(file);
    }

    private static void check(byte[] workbook) {
        XlsxSource source = XlsxSource.of("fuzz.xlsx", workbook);

        RowSourceChecks.readAll(source, LIMITS);

        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<ImportRow> parts = new InMemoryRecordRepository<>(transactions,
                row -> row.value("number", String.class));
        ImportReport report = Importer.builder(PARTS, parts).transactions(transactions).chunkSize(7).build().dryRun(source);

        assertThat(report.totalRows()).isEqualTo(report.successCount() + report.errorCount() + report.skippedCount());
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).isSorted().doesNotHaveDuplicates();
        assertThat(parts.values()).isEmpty();
        if (!report.fileErrors().isEmpty()) {
            assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        }
        XlsxErrorReport.write(report, source, PARTS, new ByteArrayOutputStream());
    }
}
