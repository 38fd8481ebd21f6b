package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.pipeline.BeanValidation;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BeanValidationTest {
    record NewPart(@Size(min = 2, max = 5) String partName, @Future LocalDate dueDate) {
    }

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void start() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    private final ImportDefinition parts = ImportDefinition.builder("parts")
            .column(Column.text("part_name"))
            .column(Column.date("due_date"))
            .build();

    @Test
    void violationsBecomeRowProblemsOnTheColumnTheirPropertyNames() {
        Run<NewPart> run = Run.of(parts,
                row -> new NewPart(row.value("part_name", String.class).orElse(null),
                        row.value("due_date", LocalDate.class).orElse(null)),
                BeanValidation.of(validator), "part_name|due_date", "Centrifugal|2000-01-01", "P|", "Pump|2999-01-01");

        assertThat(run.problems(2)).containsExactly(
                Problem.at(ProblemCode.OUT_OF_RANGE, "due_date", "dueDate must be a future date"),
                Problem.at(ProblemCode.TOO_LONG, "part_name", "partName size must be between 2 and 5"));
        assertThat(run.problems(3)).containsExactly(
                Problem.at(ProblemCode.TOO_SHORT, "part_name", "partName size must be between 2 and 5"));
        assertThat(run.row(4).record()).contains(new NewPart("Pump", LocalDate.of(2999, 1, 1)));
    }

    /** Constraints on properties whose names are the columns', one of a type the row does not hold. */
    record NewItem(@NotNull @Size(max = 5) String name, @PositiveOrZero Long quantity, @Size(max = 2) String code) {
    }

    @Test
    void propertyConstraintsAreCheckedCellByCellBesideTheRowsOtherProblems() {
        ImportDefinition items = ImportDefinition.builder("items")
                .column(Column.text("name").required())
                .column(Column.integer("quantity"))
                .column(Column.integer("code"))
                .column(Column.bool("active"))
                .check(BeanValidation.properties(validator, NewItem.class))
                .build();

        Run<dev.intake.core.ImportRow> run = Run.of(items, "name|quantity|code|active",
                "Centrifugal|-1|123|perhaps", "|7||", "Pump|x||yes", "Pump|3|12|no");

        // a too-long name and a negative quantity beside the bad flag: every problem at once
        assertThat(run.problems(2)).containsExactly(
                Problem.at(ProblemCode.INVALID_BOOLEAN, "active", "active must be true/false, yes/no, y/n or 1/0, not perhaps"),
                Problem.at(ProblemCode.TOO_LONG, "name", "name size must be between 0 and 5"),
                Problem.at(ProblemCode.OUT_OF_RANGE, "quantity", "quantity must be greater than or equal to 0"));
        // a missing name is the column's REQUIRED alone, not also the property's @NotNull
        assertThat(run.problems(3)).containsExactly(Problem.at(ProblemCode.REQUIRED, "name", "name is required"));
        // an unreadable quantity is reported once, by its type
        assertThat(run.problems(4)).extracting(Problem::code).containsExactly(ProblemCode.INVALID_INTEGER);
        // code holds a Long, the property a String: not the property's to check
        assertThat(run.accepted(5).value("code", Long.class)).contains(12L);
    }

    /** An employee as a Java team names it; the file's columns are snake and kebab case, and one differs. */
    record NewEmployee(@Size(max = 5) String fullName, @PositiveOrZero Long yearsOfService, @Size(max = 3) String badgeCode) {
    }

    @Test
    void propertiesMeetColumnsInSnakeOrKebabCaseOrByAnExplicitMappingAndProblemsNameTheColumn() {
        ImportDefinition employees = ImportDefinition.builder("employees")
                .column(Column.text("full_name"))
                .column(Column.integer("years-of-service"))
                .column(Column.text("badge"))
                .check(BeanValidation.properties(validator, NewEmployee.class, java.util.Map.of("badge", "badgeCode")))
                .build();

        Run<dev.intake.core.ImportRow> run = Run.of(employees, "full_name|years-of-service|badge",
                "Judy Smith|-2|ABCD", "Karl|3|AB");

        assertThat(run.problems(2)).containsExactly(
                Problem.at(ProblemCode.TOO_LONG, "full_name", "full_name size must be between 0 and 5"),
                Problem.at(ProblemCode.OUT_OF_RANGE, "years-of-service", "years-of-service must be greater than or equal to 0"),
                Problem.at(ProblemCode.TOO_LONG, "badge", "badge size must be between 0 and 3"));
        assertThat(run.accepted(3).value("full_name", String.class)).contains("Karl");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BeanValidation.properties(validator, NewEmployee.class,
                java.util.Map.of("badge", "badge")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the column badge is mapped to badge, which NewEmployee has no constraints on (constrained:"
                        + " [badgeCode, fullName, yearsOfService])");
    }
}
