package dev.intake.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowLayoutTest {
    @Test
    void everyNameFindsItsOwnSlotAmongMany() {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            columns.add("column_" + i);
        }
        // "Aa" and "BB" share a hash code, as do "AaAa", "AaBB" and "BBBB"
        columns.addAll(List.of("Aa", "BB", "AaAa", "AaBB", "BBBB"));
        RowLayout layout = RowLayout.of(columns, List.of(), List.of(), List.of(), List.of());

        for (int slot = 0; slot < columns.size(); slot++) {
            // an equal string that is not the one the layout was made of
            String asked = new String(columns.get(slot).toCharArray());
            assertThat(layout.column(asked)).as(asked).isEqualTo(slot);
        }
        assertThat(layout.column("Ab")).isEqualTo(-1);
        assertThat(layout.column("column_300")).isEqualTo(-1);
        assertThat(layout.column(null)).isEqualTo(-1);
    }

    @Test
    void eachKindOfNameHasSlotsOfItsOwn() {
        RowLayout layout = RowLayout.of(List.of("title", "team"), List.of("procedure"), List.of("shift"),
                List.of("team"), List.of("parent"));

        assertThat(layout.column("team")).isEqualTo(1);
        assertThat(layout.group("team")).isZero();
        assertThat(layout.groupColumn(0)).isEqualTo(1);
        assertThat(layout.reference("procedure")).isZero();
        assertThat(layout.reference("title")).isEqualTo(-1);
        assertThat(layout.attribute("shift")).isZero();
        assertThat(layout.rowReference("parent")).isZero();
        Map<String, Object> values = layout.columnMap(new Object[] {null, "Blue"});
        assertThat(values).containsExactly(Map.entry("team", "Blue")).doesNotContainKey("title");
        assertThat(values.get(42)).isNull();
    }

    @Test
    void anEmptyLayoutFindsNothing() {
        RowLayout layout = RowLayout.of(List.of(), List.of(), List.of(), List.of(), List.of());

        assertThat(layout.column("title")).isEqualTo(-1);
        assertThat(layout.groupMap(new String[0])).isEmpty();
    }

    @Test
    void aNameGivenTwiceIsAMistake() {
        assertThatThrownBy(() -> RowLayout.of(List.of("title", "BB", "Aa", "title"), List.of(), List.of(), List.of(),
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("title is named twice");
        assertThatThrownBy(() -> RowLayout.of(List.of(), List.of(), List.of(), List.of("Aa", "BB", "Aa"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Aa is named twice");
    }
}
