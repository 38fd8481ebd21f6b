package dev.intake.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The first row of each value, in memory and spilled to files: the same answers, and no file left. */
class KeyIndexTest extends SpillingTest {
    /** A host's value type the encoding does not know: it stays in memory, and still answers. */
    record Sku(String code) {
    }

    /** Equal by a key, as a text compared by a comparison is. */
    record Folded(String key, String shown) implements KeyIndex.Canonical {
        @Override
        public Object canonical() {
            return key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Folded folded && key.equals(folded.key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    @Test
    void aSpilledIndexAnswersAsAMapDoesForAMillionOperationsOfMixedValues() {
        SplittableRandom random = new SplittableRandom(7);
        Map<Object, Long> expected = new HashMap<>();
        try (KeyIndex index = new KeyIndex("mixed", 1_000)) {
            for (long row = 1; row <= 60_000; row++) {
                Object value = value(random.nextInt(40_000), random);
                Long first = expected.putIfAbsent(value, row);
                assertThat(index.putIfAbsent(value, row)).as("row %d, %s", row, value).isEqualTo(first == null ? 0 : first);
                Object probe = value(random.nextInt(80_000), random);
                Long known = expected.get(probe);
                assertThat(index.get(probe)).as("get %s", probe).isEqualTo(known == null ? 0 : known);
            }
            assertThat(index.spilled()).isTrue();
            assertThat(index.size()).isEqualTo(expected.size());
            assertThat(index.diskBytes()).isPositive();
        }
    }

    /** One of a few kinds, so that equal-looking values of different kinds meet. */
    private static Object value(int n, SplittableRandom random) {
        return switch (n % 9) {
            case 0 -> "v" + n;
            case 1 -> (long) n;
            case 2 -> n;
            case 3 -> BigDecimal.valueOf(n, n % 3);
            case 4 -> List.of("v" + n, (long) n);
            case 5 -> new Folded("k" + n, random.nextBoolean() ? "K" + n : "k" + n);
            case 6 -> LocalDate.of(2000, 1, 1).plusDays(n);
            case 7 -> new Sku("S" + n);
            default -> Arrays.asList("x", null, n);
        };
    }

    @Test
    void valuesThatAreNotEqualStayApartOnceSpilled() {
        try (KeyIndex index = new KeyIndex("kinds", 0)) {
            List<Object> distinct = List.of(1L, 1, new BigDecimal("1.0"), new BigDecimal("1.00"), "1", true, false,
                    List.of(1L), List.of("1"), 'a', "a", (short) 1, 1.0d, 1.0f, UUID.nameUUIDFromBytes(new byte[] {1}),
                    OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                    OffsetDateTime.of(2026, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1)), new Sku("1"), "",
                    List.of("a", "b"), List.of("ab"));
            for (int i = 0; i < distinct.size(); i++) {
                assertThat(index.putIfAbsent(distinct.get(i), i + 1)).as("%s", distinct.get(i)).isZero();
            }
            for (int i = 0; i < distinct.size(); i++) {
                assertThat(index.get(distinct.get(i))).as("%s", distinct.get(i)).isEqualTo(i + 1);
                assertThat(index.putIfAbsent(distinct.get(i), 100)).isEqualTo(i + 1);
            }
            assertThat(index.get(new Folded("1", "ONE"))).isZero();
            assertThat(index.putIfAbsent(new Folded("judy@acme.com", "Judy@acme.com"), 50)).isZero();
            assertThat(index.get(new Folded("judy@acme.com", "JUDY@ACME.COM"))).isEqualTo(50);
        }
    }

    @Test
    void aValueLongerThanTheWriteBufferIsFoundToo() {
        String huge = "x".repeat(200_000);
        try (KeyIndex index = new KeyIndex("long", 0)) {
            index.putIfAbsent("a", 1);
            index.putIfAbsent(huge, 2);
            for (int row = 3; row < 20_000; row++) {
                index.putIfAbsent("r" + row, row);
            }
            assertThat(index.get(huge)).isEqualTo(2);
            assertThat(index.get(huge + "y")).isZero();
            assertThat(index.get("a")).isEqualTo(1);
            assertThat(index.get("r19999")).isEqualTo(19_999);
        }
    }

    @Test
    void closingRemovesTheFilesAndOnlyTheSpilledIndexMadeAny() throws Exception {
        try (KeyIndex small = new KeyIndex("small", 10)) {
            small.putIfAbsent("a", 1);
            assertThat(small.spilled()).isFalse();
            assertThat(spillDirectories()).isEmpty();
        }
        KeyIndex index = new KeyIndex("spills", 10);
        for (int row = 1; row <= 100; row++) {
            index.putIfAbsent("v" + row, row);
        }
        assertThat(index.spilled()).isTrue();
        assertThat(spillDirectories()).hasSize(1);
        // on this system the files are unlinked once open: a kill leaves an empty directory at most
        try (Stream<Path> files = Files.list(spillDirectories().get(0))) {
            assertThat(files).isEmpty();
        }
        index.close();
        assertThat(spillDirectories()).isEmpty();
        assertThat(index.get("v1")).isZero();
    }

    @Test
    void theFirstSpillOfAProcessRemovesWhatDeadProcessesLeft() throws Exception {
        Path dead = Files.createDirectories(spill.resolve(Long.MAX_VALUE / 2 + "-1-0-runs-key"));
        Files.writeString(dead.resolve("records"), "left by a killed import");
        Path alive = Files.createDirectories(spill.resolve(ProcessHandle.current().pid() + "-0-0-other"));
        Path foreign = Files.createDirectories(spill.resolve("not-ours"));

        assertThat(SpillFiles.sweep(spill)).isEqualTo(1);

        assertThat(dead).doesNotExist();
        assertThat(alive).exists();
        assertThat(foreign).exists();
    }
}
