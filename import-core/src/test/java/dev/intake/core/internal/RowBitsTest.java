package dev.intake.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A bit per row, in memory and then in a mapped file: the same answers, and no file left. */
class RowBitsTest extends SpillingTest {
    @Test
    void bitsSetInMemoryAndPastItAnswerAsABitSetDoesAcrossSegments() throws Exception {
        BitSet expected = new BitSet();
        SplittableRandom random = new SplittableRandom(3);
        try (RowBits bits = new RowBits("rows", 1_000)) {
            for (int i = 0; i < 5_000; i++) {
                int row = i < 500 ? random.nextInt(1_000) : random.nextInt(70_000_000);
                bits.set(row);
                expected.set(row);
            }
            assertThat(bits.spilled()).isTrue();
            assertThat(spillDirectories()).hasSize(1);
            for (int row = 0; row < 2_000; row++) {
                assertThat(bits.get(row)).as("row %d", row).isEqualTo(expected.get(row));
            }
            for (int row = expected.nextSetBit(0); row >= 0; row = expected.nextSetBit(row + 1)) {
                assertThat(bits.get(row)).as("row %d", row).isTrue();
                assertThat(bits.get(row + 1)).isEqualTo(expected.get(row + 1));
            }
            assertThat(bits.get(200_000_000L)).isFalse();
            assertThat(bits.get(-1)).isFalse();
        }
        assertThat(spillDirectories()).isEmpty();
    }

    @Test
    void rowsWithinTheBoundStayInMemory() throws Exception {
        try (RowBits bits = new RowBits("few", 1_000)) {
            bits.set(999);
            assertThat(bits.spilled()).isFalse();
            assertThat(bits.get(999)).isTrue();
            assertThat(bits.get(998)).isFalse();
            assertThat(spillDirectories()).isEmpty();
        }
    }
}
