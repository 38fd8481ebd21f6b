package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Limits;
import dev.intake.core.Mode;
import dev.intake.core.Reference;
import dev.intake.core.rule.Constraints;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportDefinitionTest {

    @Test
    void constraintNamingAnUnknownColumnIsRejectedWithItsName() {
        ImportDefinition.Builder builder = ImportDefinition.builder("runs")
                .column(Column.text("title"))
                .constraint(Constraints.exactlyOne("title", "autogenerate_title"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("a constraint names column autogenerate_title, which definition runs does not have");
    }

    @Test
    void twoColumnsWithOneKeyAreRejected() {
        ImportDefinition.Builder builder = ImportDefinition.builder("runs")
                .column(Column.text("title"))
                .column(Column.integer("title"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("two columns have the key title");
    }

    @Test
    void aLabelThatIsAnotherColumnsHeaderIsRejected() {
        ImportDefinition.Builder builder = ImportDefinition.builder("runs")
                .column(Column.text("title"))
                .column(Column.text("name").label("Title"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("columns title and name both answer to the header 'Title'");
    }

    @Test
    void aReferenceFormOnAnUnknownColumnIsRejected() {
        ImportDefinition.Builder builder = ImportDefinition.builder("runs")
                .column(Column.integer("procedure_id"))
                .reference(Reference.builder("procedure", Object.class)
                        .form((row, context) -> List.of(), "procedure_ref"));

        assertThatThrownBy(builder::build)
                .hasMessage("reference procedure names column procedure_ref, which definition runs does not have");
    }

    @Test
    void updateModesNeedAKey() {
        ImportDefinition.Builder builder = ImportDefinition.builder("parts")
                .column(Column.text("number"))
                .mode(Mode.UPSERT);

        assertThatThrownBy(builder::build).hasMessage("mode UPSERT needs a key to match existing records");
    }

    @Test
    void aGroupOnAnUnknownColumnIsRejected() {
        ImportDefinition.Builder builder = ImportDefinition.builder("runs").column(Column.text("title")).group("batch");

        assertThatThrownBy(builder::build).hasMessage("a group names column batch, which definition runs does not have");
    }

    @Test
    void aDefinitionWithoutColumnsIsRejected() {
        assertThatThrownBy(() -> ImportDefinition.builder("runs").build()).hasMessage("definition runs has no columns");
    }

    @Test
    void singleValuedSettersThrowWhenCalledTwice() {
        assertThatThrownBy(() -> ImportDefinition.builder("runs").mode(Mode.CREATE_ONLY).mode(Mode.UPSERT))
                .isInstanceOf(IllegalStateException.class).hasMessage("the mode is already set");
        assertThatThrownBy(() -> Column.text("title").label("Title").label("Name"))
                .isInstanceOf(IllegalStateException.class).hasMessage("the label of column title is already set");
        assertThatThrownBy(() -> ImportDefinition.builder("runs").limits(Limits.defaults()).limits(Limits.defaults()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void paddedOrBlankKeysAreRejected() {
        assertThatThrownBy(() -> Column.text(" title")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a column key must not be blank or padded: ' title'");
        assertThatThrownBy(() -> ImportDefinition.builder(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreCreateOnlyWithDefaultLimitsAndLabelsFromKeys() {
        ImportDefinition definition = ImportDefinition.builder("runs").column(Column.text("title")).build();

        assertThat(definition.mode()).isEqualTo(Mode.CREATE_ONLY);
        assertThat(definition.limits()).isEqualTo(new Limits(1_000_000, 1L << 30, 32_767, 1_000, 1L << 30, 50));
        assertThat(definition.column("title").orElseThrow().label()).isEqualTo("title");
        assertThat(definition.key()).isEmpty();
        assertThat(definition.attributeCatalog()).isEmpty();
    }

    @Test
    void aHeaderFindsItsColumnByKeyLabelOrAliasAsImportsMatchIt() {
        ImportDefinition definition = ImportDefinition.builder("runs")
                .column(Column.text("due_date").label("Due Date").alias("Deadline"))
                .column(Column.text("title"))
                .build();

        assertThat(definition.columnForHeader(" due-DATE ").map(Column::key)).contains("due_date");
        assertThat(definition.columnForHeader("Due Date").map(Column::key)).contains("due_date");
        assertThat(definition.columnForHeader("deadline").map(Column::key)).contains("due_date");
        assertThat(definition.columnForHeader("Title").map(Column::key)).contains("title");
        assertThat(definition.columnForHeader("owner")).isEmpty();
    }
}
