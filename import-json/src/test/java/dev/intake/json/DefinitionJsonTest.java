package dev.intake.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.ImportRow;
import dev.intake.core.Mode;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.type.Types;
import dev.intake.csv.CsvSource;
import dev.intake.json.DefinitionJson.Definition;
import dev.intake.json.DefinitionJson.InvalidDefinitionException;
import dev.intake.json.DefinitionJson.Kind;
import dev.intake.json.DefinitionJson.Problem;
import dev.intake.json.DefinitionJson.Target;
import dev.intake.json.DefinitionJson.Targets;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionJsonTest {
    /** An item catalog like the runs example's host: fields and attributes with their types. */
    static final Targets ITEMS = Targets.builder()
            .field("number", Types.text())
            .field("name", Types.text())
            .field("category", Types.option("Mechanical Part", "Electrical Part", "Software", "Assembly"))
            .field("revision", Types.text())
            .field("lifecycle_phase", Types.option("In Design", "Production", "Obsolete"))
            .attribute("world", Types.option("Mechanical", "Electrical", "Software"))
            .attribute("finish", Types.text())
            .attribute("weight_g", Types.decimal())
            .key("number")
            .build();

    private static Definition read(String json) {
        return DefinitionJson.read(json.getBytes(StandardCharsets.UTF_8), ITEMS);
    }

    private static List<String> problems(String json) {
        try {
            read(json);
        } catch (InvalidDefinitionException e) {
            return e.problems().stream().map(p -> p.path() + " " + p.code() + " " + p.message()).toList();
        }
        throw new AssertionError("the document was read");
    }

    @Test
    void aSavedDefinitionBecomesAnImportDefinitionWithItsTargetsAndFixedValues() {
        Definition read = read("""
                {"guid": "IMPMECHUPSERT0000003", "name": "Mechanical parts", "action": "CREATE_OR_UPDATE",
                 "columns": [
                   {"header": "Number", "field": "number", "required": true},
                   {"header": "Name", "field": "name", "required": true, "maxLength": 5, "aliases": ["Title"]},
                   {"header": "Finish", "attribute": "finish"},
                   {"header": "Weight (g)", "attribute": "weight_g"},
                   {"header": "Grade", "attribute": "grade", "type": "option", "options": ["A", "B"],
                    "description": "quality grade"}
                 ],
                 "fixedValues": {"world": "mechanical"}}
                """);

        assertThat(read.definition().name()).isEqualTo("Mechanical parts");
        assertThat(read.definition().mode()).isEqualTo(Mode.UPSERT);
        assertThat(read.definition().key()).containsExactly("number");
        assertThat(read.definition().columns()).extracting(Column::key)
                .containsExactly("number", "name", "finish", "weight_g", "grade");
        assertThat(read.definition().columns()).extracting(Column::label)
                .containsExactly("Number", "Name", "Finish", "Weight (g)", "Grade");
        assertThat(read.targets()).containsEntry("finish", new Target(Kind.ATTRIBUTE, "finish"))
                .containsEntry("number", new Target(Kind.FIELD, "number"));
        assertThat(read.fixedValues()).containsExactly(Map.entry(new Target(Kind.ATTRIBUTE, "world"), "Mechanical"));

        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<ImportRow> items = new InMemoryRecordRepository<>(transactions, row -> row.text("number"));
        ImportReport report = Importer.builder(read.definition(), items).transactions(transactions).build()
                .dryRun(CsvSource.of("items.csv", ("Number,Title,Finish,Weight (g),Grade\n"
                        + "100-1,Fan,raw,12.5,A\n100-2,Too long,,x,C\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(report.successCount()).isEqualTo(1);
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(3L);
        assertThat(report.failedRows().get(0).errors()).extracting(p -> p.code() + " " + p.column().orElse(""))
                .containsExactly("TOO_LONG name", "INVALID_NUMBER weight_g", "INVALID_OPTION grade");
    }

    @Test
    void aBadDocumentIsRefusedWithEveryProblemAndItsPath() {
        assertThat(problems("""
                {"name": "", "action": "REPLACE", "colums": [],
                 "columns": [
                   {"header": "Number", "field": "number"},
                   {"header": "number", "field": "nmuber"},
                   {"header": "Name", "field": "name", "attribute": "name"},
                   {"header": "Weight", "attribute": "weight_g", "type": "text", "maxLength": 0},
                   {"header": "Grade", "attribute": "grade", "type": "option"},
                   {"header": "Kind", "attribute": "kind", "type": "colour"},
                   {"header": "Finish", "attribute": "finish", "required": "yes", "size": 3},
                   7
                 ],
                 "fixedValues": {"world": "Changes", "planet": "Mars", "finish": {"a": 1}}}
                """)).containsExactly(
                "$.colums UNKNOWN_FIELD colums is not a field of a definition",
                "$.name INVALID_FORMAT name must be a text that is not blank",
                "$.action INVALID_OPTION action must be CREATE, UPDATE or CREATE_OR_UPDATE, not REPLACE",
                "$.columns[1].header DUPLICATE_COLUMN the header number is used by another column",
                "$.columns[1].field NOT_FOUND no field is named nmuber; give the column a type to add one",
                "$.columns[2] MISSING_ONE_OF a column fills exactly one of field or attribute",
                "$.columns[3].type NOT_ALLOWED weight_g is a decimal, not a text",
                "$.columns[3].maxLength INVALID_INTEGER maxLength must be a whole number of 1 or more",
                "$.columns[4].options REQUIRED an option column lists its options",
                "$.columns[5].type INVALID_OPTION type must be text, integer, decimal, boolean, date, email, currency or"
                        + " option, not colour",
                "$.columns[6].size UNKNOWN_FIELD size is not a field of a column",
                "$.columns[6].required INVALID_BOOLEAN required must be true or false",
                "$.columns[7] INVALID_FORMAT a column is an object",
                "$.fixedValues.world INVALID_OPTION world must be one of Mechanical, Electrical, Software, not Changes",
                "$.fixedValues.planet NOT_FOUND no field or attribute is named planet",
                "$.fixedValues.finish INVALID_FORMAT a fixed value is a text, a number or a boolean");
    }

    @Test
    void anUpdateNeedsItsKeyColumnAndMalformedJsonSaysWhere() {
        assertThat(problems("""
                {"name": "Update", "action": "UPDATE", "columns": [{"header": "Name", "field": "name"}]}
                """)).containsExactly("$.columns MISSING_COLUMN an action that updates needs a column for the field"
                + " number, on which rows match existing records");
        assertThat(problems("{\"name\": \"x\", \"name\": \"y\"}")).singleElement().asString()
                .startsWith("$ UNREADABLE_FILE not valid JSON: the field \"name\" is given twice (line ");
        assertThat(problems("[]")).containsExactly("$ INVALID_FORMAT a definition is a JSON object");
        assertThat(problems("{\"name\": \"x\",")).singleElement().asString().contains("(line 1, column ");
    }

    @Test
    void theFixturesDefinitionsReadAndTheLegacyOneIsRefusedForItsFixedValue() throws Exception {
        byte[] fixture = DefinitionJsonTest.class.getResourceAsStream("/import_definitions.json").readAllBytes();
        com.fasterxml.jackson.databind.JsonNode all = new com.fasterxml.jackson.databind.ObjectMapper().readTree(fixture);
        assertThat(all).hasSize(4);
        for (int i = 0; i < 3; i++) {
            Definition read = DefinitionJson.read(all.get(i).toString().getBytes(StandardCharsets.UTF_8), ITEMS);
            assertThat(read.definition().columns()).isNotEmpty();
        }
        assertThatThrownBy(() -> DefinitionJson.read(all.get(3).toString().getBytes(StandardCharsets.UTF_8), ITEMS))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("$.fixedValues.world", ProblemCode.INVALID_OPTION,
                                "world must be one of Mechanical, Electrical, Software, not Changes")));
        assertThat(DefinitionJson.read(all.get(2).toString().getBytes(StandardCharsets.UTF_8), ITEMS).fixedValues())
                .containsValue("Mechanical");
    }
}
