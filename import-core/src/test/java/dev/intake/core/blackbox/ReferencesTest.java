package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.Defaulted;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.IntakeException;
import dev.intake.core.Reference;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferencesTest {
    record Procedure(long id, String title, long version) {
        @Override
        public String toString() {
            return "id " + id;
        }
    }

    record User(String email, boolean active) {
    }

    private static final List<Procedure> PROCEDURES = List.of(new Procedure(1, "Motor Build", 1),
            new Procedure(3, "Final Inspection", 1), new Procedure(4, "Final Inspection", 1));
    private static final Map<String, User> USERS = Map.of("ada@example.com", new User("ada@example.com", true),
            "linus@example.com", new User("linus@example.com", false));
    private static final Map<String, List<String>> REVISIONS = Map.of("P-100", List.of("A"), "P-200", List.of("A", "B"));

    private final List<String> lookedUp = new ArrayList<>();

    private final ImportDefinition runs = ImportDefinition.builder("runs")
            .column(Column.integer("procedure_id"))
            .column(Column.text("procedure_title"))
            .column(Column.integer("procedure_version"))
            .column(Column.email("assigned_to"))
            .column(Column.text("part_number"))
            .column(Column.text("revision").defaultFrom((row, context) -> {
                Optional<String> part = row.value("part_number", String.class);
                if (part.isEmpty() || !REVISIONS.containsKey(part.get())) {
                    return Defaulted.none();
                }
                List<String> revisions = REVISIONS.get(part.get());
                return revisions.size() == 1 ? Defaulted.value(revisions.get(0))
                        : Defaulted.problem(ProblemCode.AMBIGUOUS, "part " + part.get() + " has several revisions");
            }))
            .reference(Reference.builder("procedure", Procedure.class)
                    .form((row, context) -> {
                        lookedUp.add("id");
                        long id = row.value("procedure_id", Long.class).orElseThrow();
                        return PROCEDURES.stream().filter(p -> p.id() == id).toList();
                    }, "procedure_id")
                    .form((row, context) -> {
                        lookedUp.add("title");
                        String title = row.value("procedure_title", String.class).orElseThrow();
                        long version = row.value("procedure_version", Long.class).orElseThrow();
                        return PROCEDURES.stream().filter(p -> p.title().equals(title) && p.version() == version).toList();
                    }, "procedure_title", "procedure_version")
                    .ambiguityHint("use procedure_id to choose one"))
            .reference(Reference.builder("assignee", User.class)
                    .form((row, context) -> Optional.ofNullable(USERS.get(row.value("assigned_to", String.class)
                            .orElseThrow())).stream().toList(), "assigned_to")
                    .refuse(user -> user.active() ? Optional.empty() : Optional.of(user.email() + " is inactive")))
            .build();
    private static final String HEADER = "procedure_id|procedure_title|procedure_version|assigned_to|part_number|revision";

    @Test
    void aReferenceThatMatchesOneRecordIsResolved() {
        ImportRow row = Run.of(runs, HEADER, "|Motor Build|1|ada@example.com||").accepted(2);

        assertThat(row.reference("procedure", Procedure.class)).contains(PROCEDURES.get(0));
        assertThat(row.reference("assignee", User.class)).contains(USERS.get("ada@example.com"));
    }

    @Test
    void zeroMatchesIsNotFound() {
        Run<ImportRow> run = Run.of(runs, HEADER, "99|||||", "|||||", "|||nobody@example.com||");

        assertThat(run.problems(2)).containsExactly(
                Problem.at(ProblemCode.NOT_FOUND, "procedure_id", "no procedure has procedure_id 99"));
        assertThat(run.problems(4)).containsExactly(
                Problem.at(ProblemCode.NOT_FOUND, "assigned_to", "no assignee has assigned_to nobody@example.com"));
    }

    @Test
    void severalMatchesAreAmbiguousWithTheHint() {
        Run<ImportRow> run = Run.of(runs, HEADER, "|Final Inspection|1|||");

        assertThat(run.problems(2)).containsExactly(Problem.at(ProblemCode.AMBIGUOUS, "procedure_title",
                "procedure_title Final Inspection and procedure_version 1 matches 2 procedures (id 3; id 4);"
                        + " use procedure_id to choose one"));
    }

    @Test
    void aMatchTheHostRefusesIsNotAllowed() {
        Run<ImportRow> run = Run.of(runs, HEADER, "|||linus@example.com||");

        assertThat(run.problems(2)).containsExactly(
                Problem.at(ProblemCode.NOT_ALLOWED, "assigned_to", "linus@example.com is inactive"));
    }

    @Test
    void invalidValuesAreNotLookedUp() {
        Run<ImportRow> run = Run.of(runs, HEADER, "abc|||||");

        assertThat(lookedUp).isEmpty();
        assertThat(run.problems(2)).extracting(Problem::code).containsExactly(ProblemCode.INVALID_INTEGER);
    }

    @Test
    void defaultsComeFromTheRowAndCanRefuse() {
        Run<ImportRow> run = Run.of(runs, HEADER, "||||P-100|", "||||P-200|", "||||P-200|B", "||||P-999|");

        assertThat(run.accepted(2).value("revision", String.class)).contains("A");
        assertThat(run.problems(3)).containsExactly(
                Problem.at(ProblemCode.AMBIGUOUS, "revision", "part P-200 has several revisions"));
        assertThat(run.accepted(4).value("revision", String.class)).contains("B");
        assertThat(run.accepted(5).value("revision", String.class)).isEmpty();
    }

    @Test
    void aFailingLookupStopsTheImportWithTheRow() {
        ImportDefinition broken = ImportDefinition.builder("runs")
                .column(Column.integer("procedure_id"))
                .reference(Reference.builder("procedure", Procedure.class).form((row, context) -> {
                    throw new IllegalStateException("database is down");
                }, "procedure_id"))
                .build();

        assertThatThrownBy(() -> Run.of(broken, "procedure_id", "1"))
                .isInstanceOf(IntakeException.class)
                .hasMessage("looking up procedure failed at row 2: java.lang.IllegalStateException: database is down")
                .satisfies(e -> assertThat(((IntakeException) e).rowNumber()).hasValue(2));
    }
}
