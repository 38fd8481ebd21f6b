package dev.intake.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Limits;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run by the build on the module path: the CSV module resolves commons-csv and commons-io as modules. */
class ModulePathTest {

    @Test
    void theCsvModuleExportsItsApiAndReadsAndWritesWithItsDependenciesAsModules() throws IOException {
        Module csv = CsvSource.class.getModule();

        assertThat(getClass().getModule()).as("this test runs inside the module").isSameAs(csv);
        assertThat(csv.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.intake.csv");
        assertThat(org.apache.commons.csv.CSVFormat.class.getModule().isNamed()).isTrue();
        try (RowSource rows = CsvSource.of("parts.csv", "\uFEFFpart;qty\nP-1;3\n".getBytes(UTF_8)).open(Limits.defaults())) {
            assertThat(rows.header().map(SourceRow::cells)).contains(List.of("part", "qty"));
            assertThat(rows.next().map(SourceRow::cells)).contains(List.of("P-1", "3"));
        }
        StringWriter template = new StringWriter();
        CsvTemplate.write(dev.intake.core.ImportDefinition.builder("parts")
                .column(dev.intake.core.Column.text("part").example("=x")).build(), dev.intake.core.ImportContext.empty(), template);
        assertThat(template.toString()).isEqualTo("part\r\n'=x\r\n");
    }
}
