package dev.intake.spi.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.AttributeCatalog;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.source.ListSource;
import dev.intake.core.type.Types;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * With an open attribute catalog, a header that looks like a column misspelled is refused instead
 * of vanishing into an attribute, unless the definition allows it; the report lists the headers it
 * read as attributes.
 */
class AttributeColumnsTest {
    private static ImportReport dryRun(UnaryOperator<ImportDefinition.Builder> more, String... header) {
        ImportDefinition definition = more.apply(ImportDefinition.builder("employees")
                .column(Column.email("email").required())
                .column(Column.text("department").label("Department"))
                .column(Column.email("manager_email").label("Manager email"))
                .column(Column.decimal("salary"))
                .customAttributes(AttributeCatalog.open(Types.text()))).build();
        List<String> row = new java.util.ArrayList<>(List.of("judy@acme.com"));
        for (int i = 1; i < header.length; i++) {
            row.add("x");
        }
        return Importer.builder(definition, new InMemoryRecordRepository<ImportRow>(new InMemoryTransactions())).build()
                .dryRun(ListSource.of("employees.csv", List.of(header), List.of(row)));
    }

    @Test
    void headersLikeAColumnMisspelledAreRefusedNamingTheColumn() {
        ImportReport report = dryRun(b -> b, "email", "Departmnt", "manger_email", "salery", "Hobby", "Desk");

        assertThat(report.fileErrors()).extracting(Problem::message).containsExactly(
                "column B (Departmnt) is not a column of employees but looks like Department misspelled; did you mean"
                        + " Department? (rename the header; a custom attribute needs a name of its own)",
                "column C (manger_email) is not a column of employees but looks like Manager email misspelled; did you"
                        + " mean Manager email? (rename the header; a custom attribute needs a name of its own)",
                "column D (salery) is not a column of employees but looks like salary misspelled; did you mean salary?"
                        + " (rename the header; a custom attribute needs a name of its own)");
        assertThat(report.fileErrors()).extracting(problem -> problem.code().name()).containsOnly("UNKNOWN_COLUMN");
        assertThat(report.totalRows()).isZero();
    }

    @Test
    void aDefinitionMayAllowThemAndTheReportListsTheHeadersTakenAsAttributes() {
        ImportReport allowed = dryRun(ImportDefinition.Builder::allowAttributesLikeColumns,
                "email", "Departmnt", "salery", "Hobby");
        assertThat(allowed.fileErrors()).isEmpty();
        assertThat(allowed.attributeColumns()).containsExactly("Departmnt", "salery", "Hobby");

        ImportReport plain = dryRun(b -> b, "email", "Department", "Hobby", "Desk");
        assertThat(plain.fileErrors()).isEmpty();
        assertThat(plain.attributeColumns()).containsExactly("Hobby", "Desk");
        assertThat(plain.successCount()).isEqualTo(1);
    }
}
