package dev.intake.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Limits;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import java.io.ByteArrayOutputStream;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run by the build on the module path: the XLSX module resolves Aalto and fastexcel as modules. */
class ModulePathTest {

    @Test
    void theXlsxModuleExportsItsApiAndWritesAndReadsAWorkbook() throws Exception {
        Module xlsx = XlsxSource.class.getModule();

        assertThat(getClass().getModule()).as("this test runs inside the module").isSameAs(xlsx);
        assertThat(xlsx.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.intake.xlsx");
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        XlsxTemplate.write(ImportDefinition.builder("parts").column(Column.text("part").example("P-1"))
                .column(Column.integer("qty").example("3")).build(), ImportContext.empty(), template);
        try (RowSource rows = XlsxSource.of("parts.xlsx", template.toByteArray()).open(Limits.defaults())) {
            assertThat(rows.header().map(SourceRow::cells)).contains(List.of("part", "qty"));
            assertThat(rows.next().map(SourceRow::cells)).contains(List.of("P-1", "3"));
        }
    }
}
