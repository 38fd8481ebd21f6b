package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Reference;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.source.ListSource;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A reference declared once as a constant reads typed ({@code row.get(PROCEDURE)}) while its batch
 * lookup, which needs the host's beans, is bound where the definition is built.
 */
class DeclaredReferencesTest {
    record Procedure(long id, String title) {
    }

    record Run(String title, Procedure procedure) {
    }

    static final Reference<Procedure> PROCEDURE = Reference.declare("procedure", Procedure.class);

    /** The host's repository, a bean the constant could not reach. */
    static final class Procedures {
        private final Map<Long, Procedure> byId = Map.of(1L, new Procedure(1, "Assembly"), 2L, new Procedure(2, "Test"));
        private int calls;

        Map<Long, List<Procedure>> byIds(Set<Long> ids) {
            calls++;
            return ids.stream().filter(byId::containsKey).collect(Collectors.toMap(id -> id, id -> List.of(byId.get(id))));
        }
    }

    private static ImportDefinition runs(Procedures procedures) {
        return ImportDefinition.builder("runs")
                .column(Column.text("title").required())
                .column(Column.integer("procedure_id").required())
                .reference(PROCEDURE.bind().batchForm("procedure_id", Long.class, (ids, context) -> procedures.byIds(ids)))
                .build();
    }

    @Test
    void aDeclaredReferenceReadsTypedAndItsLookupIsBoundWhenTheDefinitionIsBuilt() {
        Procedures procedures = new Procedures();
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<Run> stored = new InMemoryRecordRepository<>(transactions);
        ImportReport report = Importer.builder(runs(procedures),
                row -> new Run(row.value("title", String.class).orElseThrow(), row.get(PROCEDURE).orElseThrow()), stored)
                .transactions(transactions).build()
                .commit(ListSource.of("runs.csv", List.of("title", "procedure_id"),
                        List.of(List.of("A", "1"), List.of("B", "2"), List.of("C", "9"))));

        assertThat(stored.values()).containsExactly(new Run("A", new Procedure(1, "Assembly")),
                new Run("B", new Procedure(2, "Test")));
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(4L);
        assertThat(procedures.calls).as("one lookup for the chunk").isEqualTo(1);
    }

    @Test
    void aDeclarationWithoutItsLookupIsRefusedSayingHowToBindIt() {
        assertThat(PROCEDURE.isBound()).isFalse();
        assertThatThrownBy(() -> ImportDefinition.builder("runs").column(Column.integer("procedure_id"))
                .reference(PROCEDURE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reference procedure is declared but not bound: add its lookups with"
                        + " PROCEDURE.bind().form(...) or .batchForm(...)");
        assertThat(PROCEDURE.bind().batchForm("procedure_id", Long.class, (ids, context) -> Map.of()).build().name())
                .isEqualTo("procedure");
    }
}
