package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsTest {
    private final ImportDefinition parts = ImportDefinition.builder("parts")
            .column(Column.text("number").required())
            .column(Column.text("name"))
            .key("number")
            .build();

    @Test
    void blankRowsAreSkippedButKeepTheirNumbers() {
        Run<ImportRow> run = Run.of(parts, "number|name", "P-1|Pump", "|", " | ", "P-2|Valve");

        assertThat(run.rows).extracting(CheckedRow::rowNumber).containsExactly(2L, 5L);
        assertThat(run.dataRows).isEqualTo(2);
    }

    @Test
    void aKeyRepeatedInTheFileIsADuplicateOfItsFirstRow() {
        Run<ImportRow> run = Run.of(parts, "number|name", "P-1|Pump", "P-2|Valve", "P-1|Pump again");

        assertThat(run.row(2).isAccepted()).isTrue();
        assertThat(run.problems(4)).containsExactly(
                Problem.at(ProblemCode.DUPLICATE_KEY, "number", "number P-1 is already used by row 2"));
    }

    private static final ImportDefinition KEYED_PARTS = ImportDefinition.builder("parts")
            .column(Column.text("number").required())
            .column(Column.integer("quantity"))
            .key("number")
            .build();

    @Test
    void everyRepeatOfAKeyIsADuplicateEvenWhenTheFirstRowFailedForAnotherReason() {
        Run<ImportRow> run = Run.of(KEYED_PARTS, "number|quantity", "P-1|x", "P-1|2", "P-2|3", "P-1|4");

        assertThat(run.problems(2)).extracting(Problem::code).containsExactly(ProblemCode.INVALID_INTEGER);
        Problem duplicate = Problem.at(ProblemCode.DUPLICATE_KEY, "number", "number P-1 is already used by row 2");
        assertThat(run.problems(3)).containsExactly(duplicate);
        assertThat(run.problems(5)).containsExactly(duplicate);
        assertThat(run.row(4).isAccepted()).isTrue();
    }

    @Test
    void aRepeatedKeyIsReportedBesideTheRowsOtherProblems() {
        Run<ImportRow> run = Run.of(KEYED_PARTS, "number|quantity", "P-1|1", "P-1|y");

        assertThat(run.problems(3)).containsExactly(
                Problem.at(ProblemCode.INVALID_INTEGER, "quantity", "quantity must be a whole number, not y"),
                Problem.at(ProblemCode.DUPLICATE_KEY, "number", "number P-1 is already used by row 2"));
    }

    @Test
    void aRowListsAtMostTheLimitsProblemsAndCountsTheRest() {
        ImportDefinition.Builder wide = ImportDefinition.builder("wide");
        List<String> header = new java.util.ArrayList<>();
        List<String> cells = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            wide.column(Column.integer("n" + i));
            header.add("n" + i);
            cells.add("x" + i);
        }
        ImportDefinition definition = wide.limits(Limits.defaults().withMaxProblemsPerRow(10)).build();

        Run<ImportRow> run = Run.of(RowPipeline.of(definition), header, List.of(cells));

        assertThat(run.problems(2)).hasSize(10);
        assertThat(run.problems(2).subList(0, 9)).extracting(Problem::code).containsOnly(ProblemCode.INVALID_INTEGER);
        assertThat(run.problems(2).get(9)).isEqualTo(Problem.of(ProblemCode.PROBLEMS_OMITTED,
                "and 21 more problems in this row; fix these and import it again to see them"));
    }

    @Test
    void moreRowsThanTheLimitStopTheFileAtTheFirstRowTooMany() {
        ImportDefinition small = ImportDefinition.builder("parts").column(Column.text("number"))
                .limits(Limits.defaults().withMaxRows(2)).build();

        Run<ImportRow> run = Run.of(small, "number", "P-1", "", "P-2", "P-3", "P-4");

        assertThat(run.rows).hasSize(2);
        assertThat(run.fileProblems).containsExactly(Problem.of(ProblemCode.TOO_MANY_ROWS,
                "the file has more than 2 data rows (row 5 is one too many); split it into smaller files"));
    }

    @Test
    void aCellLongerThanTheLimitIsAFileProblem() {
        ImportDefinition small = ImportDefinition.builder("parts").column(Column.text("number"))
                .limits(Limits.defaults().withMaxCellLength(5)).build();

        Run<ImportRow> run = Run.of(small, "number", "P-1", "P-123456");

        assertThat(run.rows).hasSize(1);
        assertThat(run.fileProblems).containsExactly(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "row 3 has a cell of 8 characters; at most 5 are allowed"));
    }

    @Test
    void rowsWithTooFewOrTooManyCellsAreRowProblems() {
        RowPipeline<ImportRow> pipeline = RowPipeline.of(parts);
        Run<ImportRow> run = Run.of(pipeline, List.of("number", "name"),
                List.of(List.of("P-1"), List.of("P-2", "Valve", "extra"), List.of("P-3", "Pump", "", " ")));

        assertThat(run.problems(2)).containsExactly(Problem.of(ProblemCode.WRONG_CELL_COUNT,
                "the row has 1 cells but the header has 2; check for a missing separator"));
        assertThat(run.problems(3)).containsExactly(Problem.of(ProblemCode.WRONG_CELL_COUNT,
                "the row has a value in column C, beyond the 2 columns of the header"));
        assertThat(run.row(4).isAccepted()).isTrue();
    }

    @Test
    void aValueUnderAnUnnamedTrailingColumnIsNotDroppedSilently() {
        Run<ImportRow> run = Run.of(parts, "number|name||", "P-1|Pump||", "P-2|Valve|forgotten|");

        assertThat(run.row(2).isAccepted()).isTrue();
        assertThat(run.problems(3)).containsExactly(Problem.of(ProblemCode.WRONG_CELL_COUNT,
                "the row has a value in column C, which has no name in the header row"));
    }

    @Test
    void theProblemsColumnOfAnErrorReportIsIgnoredAndMakesNoRowNonBlank() {
        Run<ImportRow> run = Run.of(parts, "number|name|Intake problems",
                "||file: the file is not valid CSV", "P-1|Pump|row 2: name: too long", "P-2|Valve|");

        assertThat(run.fileProblems).isEmpty();
        assertThat(run.rows).extracting(CheckedRow::rowNumber).containsExactly(3L, 4L);
        assertThat(run.accepted(3).value("name", String.class)).contains("Pump");
        assertThat(run.dataRows).isEqualTo(2);
    }

    @Test
    void anEmptyFileAndAHeaderWithoutRowsAreEmpty() {
        Run<ImportRow> noHeader = Run.of(RowPipeline.of(parts), List.of(), List.of());
        Run<ImportRow> noRows = Run.of(parts, "number|name", "|");

        assertThat(noHeader.fileProblems).containsExactly(
                Problem.of(ProblemCode.EMPTY_FILE, "row 1 is blank; it must be the header"));
        assertThat(noRows.fileProblems).containsExactly(
                Problem.of(ProblemCode.EMPTY_FILE, "the file has a header but no data rows"));
    }
}
