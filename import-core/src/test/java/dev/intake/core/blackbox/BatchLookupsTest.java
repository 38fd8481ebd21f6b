package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.IntakeException;
import dev.intake.core.Reference;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** References whose lookups receive a chunk of rows' keys at once. */
class BatchLookupsTest {
    record Procedure(long id, String title, long version) {
        @Override
        public String toString() {
            return "id " + id;
        }
    }

    private static final List<Procedure> PROCEDURES = List.of(new Procedure(1, "Motor Build", 1),
            new Procedure(3, "Final Inspection", 2), new Procedure(4, "Final Inspection", 2),
            new Procedure(7, "Paint", 1));

    private final List<Set<Object>> calls = new ArrayList<>();

    private final ImportDefinition runs = ImportDefinition.builder("runs")
            .column(Column.integer("procedure_id"))
            .column(Column.text("procedure_title"))
            .column(Column.integer("procedure_version"))
            .reference(Reference.builder("procedure", Procedure.class)
                    .batchForm("procedure_id", Long.class, (ids, context) -> {
                        calls.add(new TreeSet<>(ids));
                        return PROCEDURES.stream().filter(p -> ids.contains(p.id()))
                                .collect(Collectors.groupingBy(Procedure::id));
                    })
                    .batchForm((keys, context) -> {
                        calls.add(Set.copyOf(keys));
                        return PROCEDURES.stream().filter(p -> keys.contains(List.of(p.title(), p.version())))
                                .collect(Collectors.groupingBy(p -> List.<Object>of(p.title(), p.version())));
                    }, "procedure_title", "procedure_version")
                    .ambiguityHint("use procedure_id to choose one"))
            .build();

    private Run<ImportRow> run(int chunk, String... rows) {
        return Run.of(RowPipeline.of(runs).withChunkSize(chunk), Run.cells("procedure_id|procedure_title|procedure_version"),
                java.util.Arrays.stream(rows).map(Run::cells).toList());
    }

    @Test
    void eachChunkAsksOnceForItsDistinctKeys() {
        Run<ImportRow> run = run(3, "1||", "7||", "1||", "7||", "1||");

        assertThat(calls).containsExactly(Set.of(1L, 7L), Set.of(1L, 7L));
        assertThat(run.accepted(2).reference("procedure", Procedure.class)).contains(PROCEDURES.get(0));
        assertThat(run.accepted(6).reference("procedure", Procedure.class)).contains(PROCEDURES.get(0));
        assertThat(run.accepted(5).reference("procedure", Procedure.class)).contains(PROCEDURES.get(3));
    }

    @Test
    void keysThatMatchNothingOrSeveralRecordsAreRowProblemsAsWithOneRowAtATime() {
        Run<ImportRow> run = run(500, "9||", "|Final Inspection|2", "|Motor Build|1");

        assertThat(run.problems(2)).containsExactly(Problem.at(ProblemCode.NOT_FOUND, "procedure_id",
                "no procedure has procedure_id 9"));
        assertThat(run.problems(3)).containsExactly(Problem.at(ProblemCode.AMBIGUOUS, "procedure_title",
                "procedure_title Final Inspection and procedure_version 2 matches 2 procedures (id 3; id 4);"
                        + " use procedure_id to choose one"));
        assertThat(run.accepted(4).reference("procedure", Procedure.class)).contains(PROCEDURES.get(0));
        assertThat(calls).containsExactlyInAnyOrder(Set.of(9L),
                Set.of(List.of("Final Inspection", 2L), List.of("Motor Build", 1L)));
    }

    @Test
    void rowsWithoutAKeyOrWithAnUnreadableOneAskForNothing() {
        Run<ImportRow> run = run(500, "|Paint|", "x||");

        assertThat(run.row(2).isAccepted()).isTrue();
        assertThat(run.problems(3)).extracting(Problem::code).containsExactly(ProblemCode.INVALID_INTEGER);
        assertThat(calls).isEmpty();
    }

    @Test
    void aLookupThatFailsStopsTheImportNamingTheRowsOfItsChunk() {
        ImportDefinition broken = ImportDefinition.builder("runs")
                .column(Column.integer("procedure_id"))
                .reference(Reference.builder("procedure", Procedure.class)
                        .batchForm("procedure_id", Long.class, (ids, context) -> {
                            throw new IllegalStateException("database unavailable");
                        }))
                .build();

        assertThatThrownBy(() -> Run.of(RowPipeline.of(broken).withChunkSize(2), List.of("procedure_id"),
                List.of(List.of("1"), List.of("2"), List.of("3"))))
                .isInstanceOf(IntakeException.class)
                .hasMessage("looking up procedure for rows 2 to 3 failed: java.lang.IllegalStateException: database unavailable")
                .satisfies(e -> assertThat(((IntakeException) e).rowNumber()).hasValue(2));
    }

    @Test
    void aLookupThatAnswersNothingAtAllIsAHostMistake() {
        ImportDefinition broken = ImportDefinition.builder("runs")
                .column(Column.integer("procedure_id"))
                .reference(Reference.builder("procedure", Procedure.class)
                        .batchForm("procedure_id", Long.class, (ids, context) -> null))
                .build();

        assertThatThrownBy(() -> Run.of(broken, "procedure_id", "1"))
                .isInstanceOf(IntakeException.class).hasMessage("the batch lookup of procedure returned null");
    }

    @Test
    void aBatchedFormWhoseKeyTypeIsNotItsColumnsIsRejected() {
        assertThatThrownBy(() -> ImportDefinition.builder("runs")
                .column(Column.integer("procedure_id"))
                .reference(Reference.builder("procedure", Procedure.class)
                        .batchForm("procedure_id", String.class, (ids, context) -> Map.of()))
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reference procedure looks up String keys, but column procedure_id holds Long values");
    }

    @Test
    void aBatchedFormOfSeveralColumnsNeedsTwoOrMore() {
        assertThatThrownBy(() -> Reference.builder("procedure", Procedure.class)
                .batchForm((keys, context) -> Map.of(), "procedure_id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batched form of one column is batchForm(column, keyType, lookup)");
    }
}
