package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Rule;
import dev.intake.core.rule.Rules;
import dev.intake.core.type.Conversion;
import dev.intake.core.type.Types;
import dev.intake.core.type.ValueType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The integer, email and ISO date types check by hand what a regular expression or the JDK's
 * formatter used to check (they were the dry run's hottest conversions). These tests hold the
 * hand-written checks to the definitions they replace, on generated texts built from the characters
 * that matter to each.
 */
class HandWrittenChecksTest {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"(),:;<>\\[\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int SAMPLES = 200_000;

    @Test
    void integersAreWhatTheExpressionAccepted() {
        List<String> texts = generated(new Random(1), "0123456789+- .e\u0661", 1, 8);
        texts.addAll(List.of("+", "-", "", "+0", "-0", "007", "1 2", "\u0661\u0662"));
        int accepted = 0;
        for (String text : texts) {
            Conversion<Long> converted = Types.integer().convert("n", text);
            boolean expected = INTEGER.matcher(text).matches();
            assertThat(converted.isOk() || converted.code().orElseThrow() == ProblemCode.OUT_OF_RANGE)
                    .as("%s", text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("the sample must hold both kinds").isBetween(1000, texts.size() - 1000);
    }

    @Test
    void emailsAreWhatTheExpressionAccepted() {
        Random random = new Random(2);
        List<String> texts = generated(random, "ab9@.-@.Z_+\" ,;<>[]()\t\u00e9", 1, 12);
        List<String> locals = generated(random, "ab.+_-9\u00e9\" @", 1, 4);
        List<String> domains = generated(random, "ab9Z-...@_", 1, 9);
        for (int i = 0; i < SAMPLES; i++) {
            texts.add(locals.get(i) + "@" + domains.get(i));
        }
        texts.addAll(List.of("a@b.c", "a@b", "@b.c", "a@-b.c", "a@b-.c", "a@b..c", "a@.b.c", "a@b.c.", "a@@b.c",
                "a b@c.d", "\u00e9@b.c", "a@b\u00e9.c", "first.last+tag@sub.example-1.com", "a@b.c-d.e"));
        int accepted = 0;
        for (String text : texts) {
            boolean expected = EMAIL.matcher(text).matches();
            assertThat(Types.email().convert("e", text).isOk()).as("%s", text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("the sample must hold both kinds").isBetween(1_000, texts.size() - 10_000);
    }

    @Test
    void isoDatesAreWhatTheFormatterAccepted() {
        Random random = new Random(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            texts.add(String.format(Locale.ROOT, "%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33)));
        }
        texts.addAll(generated(random, "0123456789-+/ ", 8, 12));
        texts.addAll(List.of("2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "0000-01-01", "+12026-01-01",
                "2026-1-01", "2026-01-1", "2026/01/01", "\u0662\u0660\u0662\u0666-01-01"));
        int accepted = 0;
        for (ValueType<LocalDate> type : List.of(Types.date(), Types.date("uuuu-MM-dd", "2026-06-15"))) {
            for (String text : texts) {
                LocalDate expected = formatter(text);
                Conversion<LocalDate> converted = type.convert("d", text);
                assertThat(converted.value()).as("%s", text).isEqualTo(Optional.ofNullable(expected));
                assertThat(converted.code()).as("%s", text)
                        .isEqualTo(expected == null ? Optional.of(ProblemCode.INVALID_DATE) : Optional.empty());
                accepted += expected != null ? 1 : 0;
            }
        }
        assertThat(accepted).as("the sample must hold both kinds").isBetween(100_000, 2 * texts.size() - 100_000);
    }

    @Test
    void wholeNumbersCompareAsLongsAndOthersAsDecimals() {
        Rule<Number> range = Rules.range(-5, 5);
        assertThat(range.check("q", 5L)).isEmpty();
        assertThat(range.check("q", -5)).isEmpty();
        assertThat(range.check("q", 6L).orElseThrow().message()).isEqualTo("q must be between -5 and 5, not 6");
        assertThat(range.check("q", (short) -6).orElseThrow().code()).isEqualTo(ProblemCode.OUT_OF_RANGE);
        assertThat(range.check("q", new BigDecimal("5.0"))).isEmpty();
        assertThat(range.check("q", new BigDecimal("5.01")).orElseThrow().message())
                .isEqualTo("q must be between -5 and 5, not 5.01");
        assertThat(range.check("q", -5.5d).orElseThrow().code()).isEqualTo(ProblemCode.OUT_OF_RANGE);
        assertThat(Rules.min(0).check("q", -1L).orElseThrow().message()).isEqualTo("q must be 0 or more, not -1");
        assertThat(Rules.min(Long.MIN_VALUE).check("q", Long.MIN_VALUE)).isEmpty();
        assertThat(Rules.max(Long.MAX_VALUE).check("q", Long.MAX_VALUE)).isEmpty();
        assertThat(Rules.max(10).check("q", new BigDecimal("1e3")).orElseThrow().message())
                .isEqualTo("q must be 10 or less, not 1E+3");
    }

    private static LocalDate formatter(String text) {
        try {
            return LocalDate.parse(text, ISO);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> generated(Random random, String alphabet, int minLength, int maxLength) {
        List<String> texts = new ArrayList<>(SAMPLES);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < SAMPLES; i++) {
            text.setLength(0);
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
