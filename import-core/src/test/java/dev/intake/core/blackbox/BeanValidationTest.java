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
}
