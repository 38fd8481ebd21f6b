package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.source.ListSource;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run by the build on the module path: core is a named module that exports its API and works as one. */
class ModulePathTest {

    @Test
    void coreIsANamedModuleExportingItsApiAndChecksRows() {
        Module core = ImportDefinition.class.getModule();

        assertThat(getClass().getModule()).as("this test runs inside the module").isSameAs(core);
        assertThat(core.getName()).isEqualTo("dev.intake.core");
        assertThat(core.getDescriptor().exports()).extracting(ModulePathTest::shown).containsExactlyInAnyOrder(
                "dev.intake.core", "dev.intake.core.pipeline", "dev.intake.core.result", "dev.intake.core.rule",
                "dev.intake.core.source", "dev.intake.core.type", "dev.intake.core.internal to [dev.intake.json, dev.intake.spi]");
        assertThat(core.getDescriptor().requires()).extracting(ModuleDescriptor.Requires::name)
                .contains("jakarta.validation");
        try (PipelineRun<ImportRow> run = RowPipeline.of(ImportDefinition.builder("parts")
                .column(Column.integer("quantity")).build()).start(ListSource.of("parts.csv", List.of("quantity"),
                List.of(List.of("3"))).open(dev.intake.core.Limits.defaults()), ImportContext.empty())) {
            assertThat(run.next().flatMap(CheckedRow::row).flatMap(row -> row.value("quantity", Long.class))).contains(3L);
        }
    }

    static String shown(ModuleDescriptor.Exports exports) {
        return exports.source() + (exports.isQualified() ? " to " + new java.util.TreeSet<>(exports.targets()) : "");
    }
}
