package dev.intake.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** Run by the build on the module path: the JSON module resolves Jackson as modules. */
class ModulePathTest {

    @Test
    void theJsonModuleExportsItsApiAndWritesAReport() {
        Module json = ReportJson.class.getModule();

        assertThat(getClass().getModule()).as("this test runs inside the module").isSameAs(json);
        assertThat(json.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.intake.json");
        assertThat(ReportJson.toJson(ImportReport.builder("parts", RunMode.DRY_RUN).build()))
                .startsWith("{\n  \"importer\": \"parts\",\n  \"mode\": \"DRY_RUN\"");
    }
}
