package dev.intake.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Limits;
import dev.intake.core.source.ListSource;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run by the build on the module path: the kit is a named module whose checks run as one. */
class ModulePathTest {

    @Test
    void theKitIsANamedModuleAndItsChecksRun() {
        Module kit = RowSourceChecks.class.getModule();

        assertThat(getClass().getModule()).as("this test runs inside the module").isSameAs(kit);
        assertThat(kit.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.intake.testkit");
        RowSourceChecks.Read read = RowSourceChecks.readAll(ListSource.of("parts.csv", List.of("part"),
                List.of(List.of("P-1"))), Limits.defaults());
        assertThat(read.rows()).hasSize(1);
        assertThat(read.problem()).isEmpty();
    }
}
