package dev.intake.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The reader against commons-csv 1.14 with the format Intake read CSV with before it had its own
 * reader ({@code RFC4180}, empty lines kept, surrounding spaces ignored): the same records, value
 * for value, and a failure where commons-csv fails, for every short text over the characters that
 * matter and for long random ones, however the text arrives.
 */
class CsvRecordsTest {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true).get();
    private static final int NO_LIMIT = 1 << 20;

    @Test
    void everyTextOfUpToSixOfTheCharactersThatMatterIsReadAsCommonsCsvReadsIt() throws IOException {
        char[] alphabet = {'a', ' ', '"', ',', '\r', '\n'};
        int compared = 0;
        int failed = 0;
        for (int length = 0; length <= 6; length++) {
            for (long n = 0, all = (long) Math.pow(alphabet.length, length); n < all; n++) {
                char[] text = new char[length];
                long rest = n;
                for (int i = 0; i < length; i++) {
                    text[i] = alphabet[(int) (rest % alphabet.length)];
                    rest /= alphabet.length;
                }
                Outcome expected = commonsCsv(new String(text), ',');
                assertThat(intake(new String(text), ',', Integer.MAX_VALUE)).as("%s", quoted(text)).isEqualTo(expected);
                assertThat(intake(new String(text), ',', 1)).as("%s a character a read", quoted(text))
                        .isEqualTo(expected);
                compared++;
                if (expected.failure != null) {
                    failed++;
                }
            }
        }
        assertThat(compared).isEqualTo(55_987);
        // both kinds of malformed text are among them: a quote never closed, text after one
        assertThat(failed).isGreaterThan(10_000);
    }

    @Test
    void longRandomTextsWithEveryKindOfWhiteSpaceAreReadAsCommonsCsvReadsThem() throws IOException {
        char[] alphabet = {'a', 'b', 'é', '€', ' ', '\t', '\u000B', '\u001F', '\u2003', '\u2028', '\u00A0', '\u3000',
            '"', '"', ',', ';', '\r', '\n', '\r', '\n', '\u0000', '\'', '='};
        Random random = new Random(20261207);
        for (int sample = 0; sample < 20_000; sample++) {
            char delimiter = random.nextBoolean() ? ',' : random.nextBoolean() ? ';' : '\t';
            char[] text = new char[random.nextInt(200)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String value = new String(text);
            Outcome expected = commonsCsv(value, delimiter);
            assertThat(intake(value, delimiter, Integer.MAX_VALUE)).as("%s", quoted(text)).isEqualTo(expected);
            assertThat(intake(value, delimiter, 1 + random.nextInt(7))).as("%s in pieces", quoted(text))
                    .isEqualTo(expected);
        }
    }

    @Test
    void valuesLongerThanTheBufferAreReadWhole() throws IOException {
        String plain = "p".repeat(150_000) + "  ";
        String escaped = ("q\"\"" + "r".repeat(1_000)).repeat(100);
        String text = "a,b\n" + plain + ",\"" + escaped + "\"  \r\nc,\"" + "\n".repeat(70_000) + "\"\n";

        Outcome read = intake(text, ',', Integer.MAX_VALUE);

        assertThat(read).isEqualTo(commonsCsv(text, ','));
        assertThat(read.records).hasSize(3);
        assertThat(read.records.get(1)).containsExactly("p".repeat(150_000),
                ("q\"" + "r".repeat(1_000)).repeat(100));
        assertThat(read.records.get(2)[1]).hasSize(70_000);
    }

    @Test
    void physicalLinesAreCountedThroughQuotedLineBreaksOfEveryKind() throws IOException {
        CsvRecords records = reader("a\r\n\"b\r\nb\rb\nb\",c\r\rd,\"x\"y\n", 3);

        assertThat(records.next()).containsExactly("a");
        assertThat(records.next()).containsExactly("b\r\nb\rb\nb", "c");
        assertThat(records.next()).containsExactly("");
        assertThatThrownBy(records::next).isInstanceOf(CsvRecords.MalformedException.class).hasMessage(
                "the file is not valid CSV: line 7 has text after the closing quote of a quoted value (character 6);"
                        + " a quoted value must be the whole cell, with each quote inside it doubled");
        assertThat(records.records()).isEqualTo(3);
    }

    @Test
    void aQuoteLeftOpenNamesTheLineItOpenedOn() throws IOException {
        CsvRecords records = reader("a\nb,\"c\n\nd", 2);

        assertThat(records.next()).containsExactly("a");
        assertThatThrownBy(records::next).isInstanceOf(CsvRecords.MalformedException.class).hasMessage(
                "a quoted value that starts on line 2 is never closed; the file may be cut short or have a stray \"");
    }

    @Test
    void undecodableTextStopsTheReadingAtItsLineAfterTheRecordsBeforeIt() throws IOException {
        for (String bad : List.of("x\uFFFD", "\"x\uFFFD\"", "\"x\"\uFFFD", " \uFFFD")) {
            CsvRecords records = reader("a,b\n\"c\nc\",d\ne," + bad + "\nf,g\n", 2);

            assertThat(records.next()).containsExactly("a", "b");
            assertThat(records.next()).containsExactly("c\nc", "d");
            assertThatThrownBy(records::next).as(bad).isInstanceOfSatisfying(CsvRecords.UndecodableException.class,
                    e -> assertThat(e.line()).isEqualTo(4));
        }
    }

    @Test
    void aLongValueOrARecordWithTooManyValuesIsALimitBeforeItIsBuffered() throws IOException {
        CsvRecords plain = reader("a\n" + "x".repeat(23) + "\n", 1);
        plain.next();
        assertThatThrownBy(plain::next)
                .hasMessage("line 2 has a cell longer than 10 characters, the most a cell may hold");
        CsvRecords blanks = reader("a\n" + " ".repeat(23) + "x\n", 1);
        blanks.next();
        assertThatThrownBy(blanks::next)
                .hasMessage("line 2 has a cell longer than 10 characters, the most a cell may hold");
        CsvRecords quoted = reader("a\n\"" + "\"\"".repeat(23) + "\"\n", 50);
        quoted.next();
        assertThatThrownBy(quoted::next)
                .hasMessage("line 2 has a cell longer than 10 characters, the most a cell may hold");
        CsvRecords wide = reader("a,b,c\n\"a\nb\",,,\n", 4);
        assertThat(wide.next()).containsExactly("a", "b", "c");
        assertThatThrownBy(wide::next).isInstanceOf(CsvRecords.LimitException.class)
                .hasMessage("line 3 has more than 3 cells; at most 3 columns are allowed");
    }

    /** A reader with a cell limit of 10 and a column limit of 3, given the text some characters a read. */
    private static CsvRecords reader(String text, int charsARead) {
        return new CsvRecords(trickling(text, charsARead), ',', 10, 3);
    }

    private static Outcome intake(String text, char delimiter, int charsARead) throws IOException {
        CsvRecords records = new CsvRecords(trickling(text, charsARead), delimiter, NO_LIMIT, NO_LIMIT);
        List<String[]> read = new ArrayList<>();
        try {
            for (String[] record = records.next(); record != null; record = records.next()) {
                read.add(record);
            }
        } catch (CsvRecords.MalformedException e) {
            return new Outcome(read, e.getMessage().contains("never closed") ? "open quote" : "text after quote");
        }
        assertThat(records.records()).isEqualTo(read.size());
        return new Outcome(read, null);
    }

    private static Outcome commonsCsv(String text, char delimiter) throws IOException {
        List<String[]> read = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(FORMAT.builder().setDelimiter(delimiter).get()).get()) {
            for (CSVRecord record : parser) {
                read.add(record.values());
            }
        } catch (UncheckedIOException e) {
            String message = e.getMessage();
            if (message.contains("EOF reached before encapsulated token finished")) {
                return new Outcome(read, "open quote");
            }
            if (message.contains("Invalid character between encapsulated token and delimiter")) {
                return new Outcome(read, "text after quote");
            }
            throw e;
        }
        return new Outcome(read, null);
    }

    private static Reader trickling(String text, int charsARead) {
        return new StringReader(text) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, charsARead));
            }
        };
    }

    private static String quoted(char[] text) {
        return new String(text).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** The records read, and how the reading failed (null when it did not). */
    private record Outcome(List<String[]> records, String failure) {
        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Outcome that) || that.records.size() != records.size()) {
                return false;
            }
            for (int i = 0; i < records.size(); i++) {
                if (!Arrays.equals(records.get(i), that.records.get(i))) {
                    return false;
                }
            }
            return java.util.Objects.equals(failure, that.failure);
        }

        @Override
        public int hashCode() {
            return records.size();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (String[] record : records) {
                text.append(Arrays.toString(record)).append(' ');
            }
            return text.append(failure == null ? "" : "then " + failure).toString();
        }
    }
}
