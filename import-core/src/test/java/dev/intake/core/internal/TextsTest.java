package dev.intake.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void normalizingIgnoresCaseSpacesSeparatorsAndBom() {
        assertThat(Texts.normalize("\uFEFF Procedure_Title-x ")).isEqualTo("proceduretitlex");
    }

    @Test
    void columnLettersFollowSpreadsheets() {
        assertThat(Texts.columnLetter(0)).isEqualTo("A");
        assertThat(Texts.columnLetter(25)).isEqualTo("Z");
        assertThat(Texts.columnLetter(26)).isEqualTo("AA");
        assertThat(Texts.columnLetter(16383)).isEqualTo("XFD");
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertThat(Texts.editDistance("proceduretittle", "proceduretitle")).isEqualTo(1);
        assertThat(Texts.editDistance("", "abc")).isEqualTo(3);
        assertThat(Texts.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}
