package dev.intake.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** Run by the build on the module path: the JDBC module needs java.sql and the SPI only. */
class ModulePathTest {

    @Test
    void theJdbcModuleExportsItsApiAndRequiresNoDriver() {
        Module jdbc = JdbcImportJournal.class.getModule();

        assertThat(getClass().getModule()).as("this test runs inside the module").isSameAs(jdbc);
        assertThat(jdbc.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.intake.jdbc");
        assertThat(jdbc.getDescriptor().requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", "java.sql", "dev.intake.spi");
    }
}
