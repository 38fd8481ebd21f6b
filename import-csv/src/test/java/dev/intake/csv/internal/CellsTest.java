package dev.intake.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellsTest {
    private static final char[] ALPHABET = {'\'', '=', '+', '-', '@', '\t', '1', 'a', ' ', '(', '/'};

    @Test
    void removingTheGuardGivesBackEveryValueExactly() {
        int checked = check(new StringBuilder(), 6);

        assertThat(checked).isEqualTo(1_948_717);
    }

    /** Every string of up to {@code length} characters of the alphabet. */
    private static int check(StringBuilder value, int length) {
        String text = value.toString();
        String written = Cells.neutralized(text);
        assertThat(Cells.unguarded(written)).as("'%s' written as '%s'", text, written).isEqualTo(text);
        int checked = 1;
        if (value.length() < length) {
            for (char c : ALPHABET) {
                value.append(c);
                checked += check(value, length);
                value.setLength(value.length() - 1);
            }
        }
        return checked;
    }

    @Test
    void onlyWhatASpreadsheetWouldRunIsGuarded() {
        assertThat(Cells.neutralized("+1 (555) 0110")).isEqualTo("+1 (555) 0110");
        assertThat(Cells.neutralized("-3.5")).isEqualTo("-3.5");
        assertThat(Cells.neutralized("+44 20 7946-0958")).isEqualTo("+44 20 7946-0958");
        assertThat(Cells.neutralized("=1")).isEqualTo("'=1");
        assertThat(Cells.neutralized("@cmd")).isEqualTo("'@cmd");
        assertThat(Cells.neutralized("-A1")).isEqualTo("'-A1");
        assertThat(Cells.neutralized("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(Cells.neutralized("\tx")).isEqualTo("'\tx");
        assertThat(Cells.neutralized("plain")).isEqualTo("plain");
        assertThat(Cells.neutralized("'=x")).isEqualTo("''=x");
    }
}
