package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import dev.intake.core.type.Types;
import java.math.BigDecimal;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NumbersByLocaleTest {
    private final ImportDefinition german = ImportDefinition.builder("prices")
            .column(Column.decimal("price", Locale.GERMANY))
            .column(Column.integer("stock", Locale.GERMANY))
            .build();

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource(delimiter = ';', value = {
        "1.234,56; de-DE; 1234.56",
        "1234,5; de-DE; 1234.5",
        "-0,5; de-DE; -0.5",
        "1.234.567; de-DE; 1234567",
        "1,234.56; en-US; 1234.56",
        "1234.5; en-US; 1234.5",
        "1 234,56; fr-FR; 1234.56",
        "1\u00A0234,56; fr-FR; 1234.56",
        "1\u202F234,56; fr-FR; 1234.56",
        "1'234.5; de-CH; 1234.5",
        "1\u2019234.5; de-CH; 1234.5"})
    void numbersAreReadWithTheLocalesSeparators(String text, String locale, BigDecimal expected) {
        assertThat(Types.decimal(Locale.forLanguageTag(locale)).convert("price", text).value()).contains(expected);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = ';', value = {
        "1,2,3; en-US", "12,34.5; en-US", "1.234,5; en-US", "2.5; de-DE", "1.23,4; de-DE", "1,; de-DE",
        ",5; de-DE", "1e3; de-DE", "1.234x; de-DE", "--1; de-DE"})
    void groupingOutOfPlaceAndForeignSeparatorsAreNotNumbers(String text, String locale) {
        assertThat(Types.decimal(Locale.forLanguageTag(locale)).convert("price", text).code())
                .contains(ProblemCode.INVALID_NUMBER);
    }

    @Test
    void messagesShowANumberAsTheLocaleWritesIt() {
        Run<ImportRow> run = Run.of(german, "price|stock", "2.5|1.234,5");

        assertThat(run.problems(2)).containsExactly(
                Problem.at(ProblemCode.INVALID_NUMBER, "price", "price must be a number like 1.234,56, not 2.5"),
                Problem.at(ProblemCode.INVALID_INTEGER, "stock", "stock must be a whole number like 1.234, not 1.234,5"));
    }

    @Test
    void wholeNumbersTakeGroupingButNoFraction() {
        ImportRow row = Run.of(german, "price|stock", "|1.234").accepted(2);

        assertThat(row.value("stock", Long.class)).contains(1234L);
        assertThat(Types.integer(Locale.GERMANY).convert("stock", "99.999.999.999.999.999.999").code())
                .contains(ProblemCode.OUT_OF_RANGE);
    }

    @Test
    void cellsAFormatModuleRenderedFromTypedNumbersAreReadCanonically() {
        // An XLSX number cell 1.234 arrives as "1.234" marked canonical: one and a quarter-ish, not a thousand.
        BitSet canonical = new BitSet();
        canonical.set(0);
        canonical.set(1);
        RowPipeline<ImportRow> pipeline = RowPipeline.of(german);
        try (PipelineRun<ImportRow> run = pipeline.start(rows(new SourceRow(2, List.of("1.234", "1234"), canonical),
                new SourceRow(3, List.of("1.234", "1.234"))), ImportContext.empty())) {
            ImportRow typed = run.next().flatMap(CheckedRow::row).orElseThrow();
            ImportRow text = run.next().flatMap(CheckedRow::row).orElseThrow();

            assertThat(typed.value("price", BigDecimal.class)).contains(new BigDecimal("1.234"));
            assertThat(typed.value("stock", Long.class)).contains(1234L);
            assertThat(text.value("price", BigDecimal.class)).contains(new BigDecimal("1234"));
            assertThat(text.value("stock", Long.class)).contains(1234L);
        }
    }

    private static RowSource rows(SourceRow... rows) {
        Iterator<SourceRow> next = List.of(rows).iterator();
        return new RowSource() {
            @Override
            public Optional<SourceRow> header() {
                return Optional.of(new SourceRow(1, List.of("price", "stock")));
            }

            @Override
            public Optional<SourceRow> next() {
                return next.hasNext() ? Optional.of(next.next()) : Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }
}
