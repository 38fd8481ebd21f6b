package dev.intake.core.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test whose spill files go to a directory of its own ({@code intake.spill.dir}, restored after
 * each test), so that it can count what they leave behind.
 */
abstract class SpillingTest {
    @TempDir
    Path spill;
    private String previous;

    @BeforeEach
    void spillHere() {
        previous = System.getProperty("intake.spill.dir");
        System.setProperty("intake.spill.dir", spill.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty("intake.spill.dir");
        } else {
            System.setProperty("intake.spill.dir", previous);
        }
    }

    /** @return what is in the spill directory now: the directories of indexes and bit sets not yet closed */
    List<Path> spillDirectories() throws Exception {
        if (!Files.isDirectory(spill)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(spill)) {
            return entries.toList();
        }
    }
}
