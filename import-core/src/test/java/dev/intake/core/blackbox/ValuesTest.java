package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Rules;
import dev.intake.core.type.Types;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {
    @Test
    void aTypeNamedAsHostsStoreItIsTheBuiltInTypeOfThatName() {
        assertThat(Types.named("text")).containsSame(Types.text());
        assertThat(Types.named("INTEGER")).containsSame(Types.integer());
        assertThat(Types.named("Decimal")).containsSame(Types.decimal());
        assertThat(Types.named("boolean")).containsSame(Types.bool());
        assertThat(Types.named("date")).containsSame(Types.date());
        assertThat(Types.named("email")).containsSame(Types.email());
        assertThat(Types.named("currency")).containsSame(Types.currency());
        // an option type needs its values; other names are no type
        assertThat(Types.named("option")).isEmpty();
        assertThat(Types.named("number")).isEmpty();
        assertThat(Types.named(" text")).isEmpty();
    }

    private final ImportDefinition definition = ImportDefinition.builder("values")
            .column(Column.text("name").required().rule(Rules.maxLength(10)))
            .column(Column.bool("flag"))
            .column(Column.integer("count").rule(Rules.range(0, 100)))
            .column(Column.decimal("weight"))
            .column(Column.date("due"))
            .column(Column.email("email"))
            .column(Column.currency("currency"))
            .column(Column.option("kind", "Manufacture", "Purchase"))
            .build();
    private static final String HEADER = "name|flag|count|weight|due|email|currency|kind";

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "yes,true", "Y,true", "1,true", "false,false", "No,false", "n,false", "0,false"})
    void booleansAcceptTheContractsWords(String text, boolean expected) {
        ImportRow row = Run.of(definition, HEADER, "a|" + text + "||||||").accepted(2);

        assertThat(row.value("flag", Boolean.class)).contains(expected);
    }

    @Test
    void everyProblemOfARowIsCollected() {
        Run<ImportRow> run = Run.of(definition, HEADER,
                "|maybe|2.5|1,5|2026-02-30|ada@|usd1|Phantom");

        assertThat(run.problems(2)).extracting(p -> p.column().orElseThrow(), Problem::code, Problem::message)
                .containsExactly(
                        tuple("flag", ProblemCode.INVALID_BOOLEAN, "flag must be true/false, yes/no, y/n or 1/0, not maybe"),
                        tuple("count", ProblemCode.INVALID_INTEGER, "count must be a whole number, not 2.5"),
                        tuple("weight", ProblemCode.INVALID_NUMBER, "weight must be a number, not 1,5"),
                        tuple("due", ProblemCode.INVALID_DATE, "due must be a date like 2026-06-15, not 2026-02-30"),
                        tuple("email", ProblemCode.INVALID_EMAIL,
                                "email must be an email address like name@example.com, not ada@"),
                        tuple("currency", ProblemCode.INVALID_OPTION,
                                "currency must be an ISO 4217 currency code like USD, not usd1"),
                        tuple("kind", ProblemCode.INVALID_OPTION, "kind must be one of Manufacture, Purchase, not Phantom"),
                        tuple("name", ProblemCode.REQUIRED, "name is required"));
    }

    @Test
    void validValuesAreConvertedAndTrimmed() {
        ImportRow row = Run.of(definition, HEADER,
                "  Pump  | yes | 42 | -2.50 | 2026-06-15 | ada@example.com | usd | purchase ").accepted(2);

        assertThat(row.value("name", String.class)).contains("Pump");
        assertThat(row.value("count", Long.class)).contains(42L);
        assertThat(row.value("weight", BigDecimal.class)).contains(new BigDecimal("-2.50"));
        assertThat(row.value("due", LocalDate.class)).contains(LocalDate.of(2026, 6, 15));
        assertThat(row.value("email", String.class)).contains("ada@example.com");
        assertThat(row.value("currency", Currency.class)).contains(Currency.getInstance("USD"));
        assertThat(row.value("kind", String.class)).contains("Purchase");
    }

    @Test
    void emptyAndWhiteSpaceCellsLeaveFieldsUnset() {
        ImportRow row = Run.of(definition, HEADER, "Pump|   ||\t||||").accepted(2);

        assertThat(row.value("flag", Boolean.class)).isEmpty();
        assertThat(row.value("count", Long.class)).isEmpty();
        assertThat(row.isGiven("flag")).isFalse();
        assertThat(row.text("weight")).isEmpty();
    }

    @Test
    void rulesGiveLengthAndRangeProblems() {
        Run<ImportRow> run = Run.of(definition, HEADER, "Centrifugal pump|true|101|||||", "Pump||-1|||||");

        assertThat(run.problems(2)).extracting(Problem::code, Problem::message).containsExactly(
                tuple(ProblemCode.TOO_LONG, "name must be at most 10 characters, not 16"),
                tuple(ProblemCode.OUT_OF_RANGE, "count must be between 0 and 100, not 101"));
        assertThat(run.problems(3)).extracting(Problem::message)
                .containsExactly("count must be between 0 and 100, not -1");
    }

    @Test
    void hugeNumbersAreRejectedWithoutBeingExpanded() {
        Run<ImportRow> run = Run.of(definition, HEADER, "Pump||99999999999999999999|1e1000000000||||");

        assertThat(run.problems(2)).extracting(Problem::code, Problem::message).containsExactly(
                tuple(ProblemCode.OUT_OF_RANGE, "count is too large: 99999999999999999999"),
                tuple(ProblemCode.INVALID_NUMBER, "weight must be a number, not 1e1000000000"));
    }

    @Test
    void controlCharactersAreRejected() {
        Run<ImportRow> run = Run.of(definition, HEADER, "Pu\u0000mp|||||||");

        assertThat(run.problems(2)).containsExactly(Problem.at(ProblemCode.INVALID_FORMAT, "name",
                "name contains the control character U+0000 at position 3"));
    }

    @Test
    void longUserValuesAreShortenedInMessages() {
        String longText = "x".repeat(100);
        Run<ImportRow> run = Run.of(definition, HEADER, "Pump||||" + longText + "|||");

        assertThat(run.problems(2).get(0).message())
                .isEqualTo("due must be a date like 2026-06-15, not " + "x".repeat(60) + "\u2026 (100 characters)");
    }

    @Test
    void patternRulesDescribeWhatIsExpected() {
        ImportDefinition parts = ImportDefinition.builder("parts")
                .column(Column.text("number").rule(Rules.pattern("PN-\\d{6}", "like PN-000123")))
                .build();

        Run<ImportRow> run = Run.of(parts, "number", "PN-12");

        assertThat(run.problems(2)).containsExactly(
                Problem.at(ProblemCode.INVALID_FORMAT, "number", "number must be like PN-000123, not PN-12"));
    }

    @ParameterizedTest
    @CsvSource({"15.06.2026,2026-06-15", "2026-06-15,2026-06-15"})
    void patternedDatesAlsoTakeIsoDatesAsTypedCellsGiveThem(String text, LocalDate expected) {
        ImportDefinition dated = ImportDefinition.builder("dated")
                .column(Column.of("due", Types.date("dd.MM.uuuu", "15.06.2026")))
                .build();

        assertThat(Run.of(dated, "due", text).accepted(2).value("due", LocalDate.class)).contains(expected);
        assertThat(Run.of(dated, "due", "2026-02-30").problems(2)).containsExactly(Problem.at(
                ProblemCode.INVALID_DATE, "due", "due must be a date like 15.06.2026, not 2026-02-30"));
    }
}
