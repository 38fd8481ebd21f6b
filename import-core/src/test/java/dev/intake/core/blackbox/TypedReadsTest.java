package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.AttributeCatalog;
import dev.intake.core.AttributeSpec;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Reference;
import dev.intake.core.type.Types;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A column or reference declared once reads its own values back, typed. */
class TypedReadsTest {
    record User(String email) {
    }

    static final Column<String> EMAIL = Column.email("email").required().build();
    static final Column<LocalDate> START = Column.date("start_date").build();
    static final Column<Long> LEVEL = Column.integer("level").build();
    static final Reference<User> MANAGER = Reference.builder("manager", User.class)
            .form((row, context) -> List.of(new User(row.get(EMAIL).orElseThrow().replace("@", "+boss@"))), "email")
            .build();

    private final ImportDefinition employees = ImportDefinition.builder("employees")
            .column(EMAIL).column(START).column(LEVEL).reference(MANAGER).build();

    @Test
    void aRowReadsDeclaredColumnsAndReferencesTyped() {
        ImportRow row = Run.of(employees, "email|start_date|level", "ada@example.com|2026-03-01|").accepted(2);

        String email = row.get(EMAIL).orElseThrow();
        LocalDate start = row.get(START).orElseThrow();
        User manager = row.get(MANAGER).orElseThrow();

        assertThat(email).isEqualTo("ada@example.com");
        assertThat(start).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(row.get(LEVEL)).isEmpty();
        assertThat(manager).isEqualTo(new User("ada+boss@example.com"));
    }

    @Test
    void aColumnOfAnotherTypeUnderTheSameKeyIsAMistakeNamedAtOnce() {
        ImportRow row = Run.of(employees, "email|start_date|level", "ada@example.com|2026-03-01|3").accepted(2);
        Column<String> wrong = Column.text("level").build();

        assertThatThrownBy(() -> row.get(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("level holds a java.lang.Long, not a java.lang.String");
    }

    @Test
    void aCheckedRowsGroupsAndAttributesAreWalkedInOrderWithoutTheEmptyOnes() {
        ImportDefinition crews = ImportDefinition.builder("crews")
                .column(EMAIL).column(Column.text("team").build()).column(Column.text("site").build())
                .column(Column.text("shop").build()).group("team").group("site").group("shop")
                .customAttributes(AttributeCatalog.of(AttributeSpec.of("shift", Types.text()),
                        AttributeSpec.of("badge", Types.text()), AttributeSpec.of("locker", Types.text())))
                .build();
        ImportRow row = Run.of(crews, "email|team|site|shop|shift|badge|locker",
                "ada@example.com|Blue||North|night||L7").accepted(2);

        Map<String, String> groups = new LinkedHashMap<>();
        row.groups().forEach(groups::put);
        Map<String, Object> attributes = new LinkedHashMap<>();
        row.attributes().forEach(attributes::put);

        assertThat(groups).containsExactly(Map.entry("team", "Blue"), Map.entry("shop", "North"));
        assertThat(attributes).containsExactly(Map.entry("shift", "night"), Map.entry("locker", "L7"));
        assertThat(row.groups()).hasSize(2).containsEntry("shop", "North").doesNotContainKey("site");
        assertThatThrownBy(() -> row.groups().forEach(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void hostsBuildRowsForTheirOwnTests() {
        ImportRow row = ImportRow.builder(7)
                .value("email", "ada@example.com")
                .value("level", 3L)
                .text("start_date", "soon")
                .reference("manager", new User("boss@example.com"))
                .attribute("shift", "night")
                .group("team", "Blue")
                .referencedRow("mentor", 4)
                .build();

        assertThat(row.rowNumber()).isEqualTo(7);
        assertThat(row.get(EMAIL)).contains("ada@example.com");
        assertThat(row.get(LEVEL)).contains(3L);
        assertThat(row.text("email")).contains("ada@example.com");
        assertThat(row.text("start_date")).contains("soon");
        assertThat(row.get(START)).isEmpty();
        assertThat(row.isGiven("level")).isTrue();
        assertThat(row.isEmpty("level")).isFalse();
        assertThat(row.isGiven("start_date")).isFalse();
        assertThat(row.isEmpty("start_date")).isFalse();
        assertThat(row.isEmpty("nothing")).isTrue();
        assertThat(row.get(MANAGER)).contains(new User("boss@example.com"));
        assertThat(row.attributes()).containsExactly(java.util.Map.entry("shift", "night"));
        assertThat(row.groups()).containsExactly(java.util.Map.entry("team", "Blue"));
        assertThat(row.referencedRow("mentor")).isEqualTo(OptionalLong.of(4));
        assertThat(row.referencedRow("buddy")).isEmpty();
        assertThatThrownBy(() -> ImportRow.builder(3).value("x", 1L).value("x", 2L))
                .isInstanceOf(IllegalStateException.class).hasMessage("the value x is already set");
        assertThatThrownBy(() -> ImportRow.builder(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
