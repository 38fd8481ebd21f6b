package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.result.ProblemCode;
import dev.intake.core.type.Conversion;
import dev.intake.core.type.Types;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ConversionTest {
    @Test
    void getGivesTheValueOfAConversionThatSucceeded() {
        Conversion<LocalDate> read = Types.date().convert("Due Date", "2026-12-07");

        assertThat(read.isOk()).isTrue();
        assertThat(read.get()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(read.value()).contains(read.get());
    }

    @Test
    void getOfAFailedConversionThrowsWithItsMessage() {
        Conversion<LocalDate> read = Types.date().convert("Due Date", "07.12.2026");

        assertThat(read.isOk()).isFalse();
        assertThat(read.code()).contains(ProblemCode.INVALID_DATE);
        assertThatThrownBy(read::get).isInstanceOf(IllegalStateException.class)
                .hasMessage("the conversion failed: " + read.message());
    }
}
