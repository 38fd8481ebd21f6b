package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.result.Outcome;
import dev.intake.spi.Importer;
import dev.intake.spi.blackbox.Runs.NewRun;
import dev.intake.spi.memory.InMemoryGroupRepository;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** Run by the build on the module path: the SPI is a named module that exports its API and imports. */
class ModulePathTest {

    @Test
    void theSpiIsANamedModuleExportingItsApiAndImports() {
        Module spi = Importer.class.getModule();

        assertThat(getClass().getModule()).as("this test runs inside the module").isSameAs(spi);
        assertThat(spi.getName()).isEqualTo("dev.intake.spi");
        assertThat(spi.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.intake.spi", "dev.intake.spi.memory", "dev.intake.spi.run");
        assertThat(spi.isExported("dev.intake.spi.internal")).isFalse();
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<NewRun> runs = new InMemoryRecordRepository<>(transactions);
        assertThat(Importer.builder(Runs.DEFINITION, NewRun::of, runs).groups(new InMemoryGroupRepository(transactions))
                .transactions(transactions).build().commit(Runs.file("Run A|1|B-1")).outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(runs.values()).containsExactly(new NewRun("Run A", "B-1"));
    }
}
