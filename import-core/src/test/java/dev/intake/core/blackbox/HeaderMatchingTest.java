package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.AttributeCatalog;
import dev.intake.core.AttributeSpec;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.type.Types;
import java.util.Optional;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.source.ListSource;
import dev.intake.core.ImportContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderMatchingTest {
    private final ImportDefinition runs = ImportDefinition.builder("runs")
            .column(Column.text("procedure_title").label("Procedure Title").alias("proc"))
            .column(Column.date("due_date").label("Due Date"))
            .column(Column.text("title").required())
            .build();

    @Test
    void keysLabelsAndAliasesMatchIgnoringCaseSpacingSeparatorsAndBom() {
        Run<ImportRow> run = Run.of(runs, "\uFEFFTITLE|due-date|Proc", "Run 1|2026-06-15|Motor Build");

        assertThat(run.fileProblems).isEmpty();
        ImportRow row = run.accepted(2);
        assertThat(row.value("title", String.class)).contains("Run 1");
        assertThat(row.value("procedure_title", String.class)).contains("Motor Build");
        assertThat(row.text("due_date")).contains("2026-06-15");
    }

    @Test
    void labelsMatchWithTheirSpaces() {
        Run<ImportRow> run = Run.of(runs, "Title| Procedure Title |Due Date", "Run 1|Motor Build|");

        assertThat(run.fileProblems).isEmpty();
        assertThat(run.accepted(2).value("procedure_title", String.class)).contains("Motor Build");
    }

    @Test
    void anUnknownColumnRejectsTheFileWithASuggestion() {
        Run<ImportRow> run = Run.of(runs, "title|procedure_tittle", "Run 1|Motor Build");

        assertThat(run.rows).isEmpty();
        assertThat(run.fileProblems).containsExactly(Problem.at(ProblemCode.UNKNOWN_COLUMN, "procedure_tittle",
                "column B (procedure_tittle) is not a column of runs; did you mean Procedure Title?"));
    }

    @Test
    void farOffNamesGetNoSuggestion() {
        Run<ImportRow> run = Run.of(runs, "title|weight_in_kilograms", "Run 1|3");

        assertThat(run.fileProblems).extracting(Problem::message)
                .containsExactly("column B (weight_in_kilograms) is not a column of runs");
    }

    @Test
    void twoColumnsMappingToOneFieldAreADuplicate() {
        Run<ImportRow> run = Run.of(runs, "title|Procedure Title|proc", "Run 1|A|B");

        assertThat(run.fileProblems).containsExactly(Problem.at(ProblemCode.DUPLICATE_COLUMN, "procedure_title",
                "columns B (Procedure Title) and C (proc) both map to Procedure Title"));
    }

    @Test
    void aRequiredColumnMissingFromTheHeaderIsReported() {
        Run<ImportRow> run = Run.of(runs, "due_date", "2026-01-01");

        assertThat(run.fileProblems).containsExactly(Problem.at(ProblemCode.MISSING_COLUMN, "title",
                "the required column title is missing from the header"));
    }

    @Test
    void aBlankHeaderBetweenNamedColumnsIsAProblemButTrailingBlanksAreIgnored() {
        Run<ImportRow> blankInside = Run.of(runs, "title||due_date", "Run 1||2026-01-01");
        Run<ImportRow> blankTrailing = Run.of(runs, "title|due_date||", "Run 1|2026-01-01||");

        assertThat(blankInside.fileProblems).extracting(Problem::code, Problem::message).containsExactly(
                tuple(ProblemCode.BLANK_HEADER, "column B has no name in the header row; name it or delete the column"));
        assertThat(blankTrailing.fileProblems).isEmpty();
        assertThat(blankTrailing.accepted(2).value("title", String.class)).contains("Run 1");
    }

    @Test
    void everyHeaderProblemIsReportedAtOnce() {
        Run<ImportRow> run = Run.of(runs, "due_date|colour|due date", "2026-01-01|red|2026-01-02");

        assertThat(run.fileProblems).extracting(Problem::code).containsExactly(
                ProblemCode.UNKNOWN_COLUMN, ProblemCode.DUPLICATE_COLUMN, ProblemCode.MISSING_COLUMN);
    }

    @Test
    void unknownColumnsBecomeCustomAttributesWhenTheCatalogKnowsThem() {
        ImportDefinition withAttributes = ImportDefinition.builder("runs")
                .column(Column.text("title"))
                .customAttributes(AttributeCatalog.of(AttributeSpec.of("work_order", Types.text()),
                        AttributeSpec.of("shift", Types.integer())))
                .build();

        Run<ImportRow> good = Run.of(withAttributes, "title|Work Order|SHIFT", "Run 1|WO-1|2");
        Run<ImportRow> unknown = Run.of(withAttributes, "title|work_ordr|colour", "Run 1|WO-1|red");

        assertThat(good.accepted(2).attributes()).containsExactly(
                java.util.Map.entry("work_order", "WO-1"), java.util.Map.entry("shift", 2L));
        assertThat(unknown.fileProblems).containsExactly(
                new Problem(ProblemCode.UNKNOWN_COLUMN, Optional.of("work_ordr"), "column B (work_ordr) is neither a"
                        + " column of runs nor a configured custom attribute; did you mean work_order?"),
                new Problem(ProblemCode.UNKNOWN_COLUMN, Optional.of("colour"),
                        "column C (colour) is neither a column of runs nor a configured custom attribute"));
    }

    @Test
    void tooManyColumnsIsALimit() {
        ImportDefinition narrow = ImportDefinition.builder("runs").column(Column.text("title"))
                .limits(Limits.defaults().withMaxColumns(2)).build();

        Run<ImportRow> run = Run.of(narrow, "title|a|b", "x|y|z");

        assertThat(run.fileProblems).containsExactly(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "the header has 3 columns; at most 2 are allowed"));
    }

    @Test
    void unknownColumnsADefinitionIgnoresAreListedAndTheirCellsNotRead() {
        ImportDefinition lenient = ImportDefinition.builder("parts")
                .column(Column.text("number").required())
                .column(Column.integer("quantity"))
                .unknownColumns(dev.intake.core.UnknownColumns.IGNORE)
                .build();

        Run<ImportRow> run = Run.of(lenient, "number|Notes|quantity|Colour", "P-1|call Ada|2|red", "|left here||");

        assertThat(run.fileProblems).isEmpty();
        assertThat(run.rows).hasSize(1);
        assertThat(run.accepted(2).value("quantity", Long.class)).contains(2L);
        assertThat(run.accepted(2).text("Notes")).isEmpty();
        try (PipelineRun<ImportRow> started = RowPipeline.of(lenient).start(ListSource.of("parts.csv",
                List.of("number", "Notes", "quantity", "Colour"), List.of()).open(lenient.limits()), ImportContext.empty())) {
            assertThat(started.ignoredColumns()).containsExactly("Notes", "Colour");
        }
    }

    @Test
    void hugeUnknownNamesAreEchoedCutAndSayingSo() {
        StringBuilder header = new StringBuilder("number");
        for (int i = 0; i < 1_000; i++) {
            header.append('|').append(Integer.toString(i, 36)).append("x".repeat(32_000));
        }
        ImportDefinition parts = ImportDefinition.builder("parts").column(Column.text("number"))
                .limits(dev.intake.core.Limits.defaults().withMaxColumns(2_000)).build();

        Run<ImportRow> run = Run.of(parts, header.toString());

        assertThat(run.fileProblems).hasSize(1_000).allSatisfy(problem -> {
            assertThat(problem.code()).isEqualTo(dev.intake.core.result.ProblemCode.UNKNOWN_COLUMN);
            assertThat(problem.column().orElseThrow()).hasSizeLessThan(100).matches(".{60}\u2026 \\(32,00[12] characters\\)");
            assertThat(problem.message()).hasSizeLessThan(200);
        });
        assertThat(run.fileProblems.get(0).message()).isEqualTo("column B (0" + "x".repeat(59)
                + "\u2026 (32,001 characters)) is not a column of parts");
    }
}
