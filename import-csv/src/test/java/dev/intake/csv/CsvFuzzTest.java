package dev.intake.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.intake.core.AttributeCatalog;
import dev.intake.core.AttributeSpec;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.rule.Constraints;
import dev.intake.core.rule.Rules;
import dev.intake.core.source.SourceRow;
import dev.intake.core.type.Types;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import dev.intake.testkit.RowSourceChecks;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * Any bytes as a CSV file: the source keeps its promises (numbered rows, cells within the limits,
 * at most one file problem, no U+FFFD), and a whole dry run and its error report never fail and
 * account for every row. Runs over the committed inputs in the test suite; see the README for a
 * fuzzing session.
 */
class CsvFuzzTest {
    private static final Limits LIMITS = Limits.defaults().withMaxRows(300).withMaxCellLength(200).withMaxColumns(24)
            .withMaxBytes(256 * 1024);

    private static final ImportDefinition PARTS = ImportDefinition.builder("parts")
            .column(Column.text("number").required().rule(Rules.maxLength(20)))
            .column(Column.text("name").alias("title"))
            .column(Column.integer("quantity").rule(Rules.range(0, 1000)))
            .column(Column.decimal("weight", Locale.GERMANY))
            .column(Column.date("due"))
            .column(Column.email("owner"))
            .column(Column.bool("active"))
            .column(Column.option("kind", "Make", "Buy"))
            .constraint(Constraints.exactlyOne("name", "active"))
            .constraint(Constraints.allOrNone("quantity", "weight"))
            .customAttributes(AttributeCatalog.of(AttributeSpec.of("finish", Types.option("raw", "anodized"))))
            .key("number")
            .limits(LIMITS)
            .build();

    @FuzzTest(maxDuration = "5m")
    void anyBytesAreRowsOrOneFileProblem(byte[] file) {
        CsvSource source = CsvSource.of("fuzz.csv", file);

        RowSourceChecks.Read read = RowSourceChecks.readAll(source, LIMITS);
        read.header().map(SourceRow::cells).ifPresent(cells -> assertThat(cells).noneMatch(c -> c.indexOf('\uFFFD') >= 0));
        assertThat(read.rows()).allSatisfy(row -> assertThat(row.cells()).noneMatch(c -> c.indexOf('\uFFFD') >= 0));

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
        if (read.problem().isEmpty() && report.fileErrors().isEmpty()) {
            assertThat(report.totalRows()).isLessThanOrEqualTo(read.rows().size());
        }
        StringWriter errors = new StringWriter();
        CsvErrorReport.write(report, source, PARTS, errors);
        assertThat(Optional.of(errors.toString())).isPresent();
    }
}
