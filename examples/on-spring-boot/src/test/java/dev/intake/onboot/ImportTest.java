package dev.intake.onboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.pipeline.BeanValidation;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.csv.CsvSource;
import dev.intake.json.JsonSource;
import dev.intake.json.ReportJson;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An import on Spring Boot's Jackson and Hibernate Validator: CSV rows checked by Bean Validation, JSON
 * rows read by Jackson, the report written by it.
 */
class ImportTest {
    record Employee(String email, String fullName, @Positive BigDecimal salary) {
    }

    private static final ImportDefinition EMPLOYEES = ImportDefinition.builder("employees")
            .column(Column.email("email").label("Email").required())
            .column(Column.text("full_name").label("Full name").required())
            .column(Column.decimal("salary", Locale.GERMANY).label("Salary"))
            .key("email")
            .mode(Mode.UPSERT)
            .build();

    private final ValidatorFactory validation = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryRecordRepository<Employee> records = new InMemoryRecordRepository<>(transactions,
            employee -> Optional.of(employee.email()), EMPLOYEES.column("email").orElseThrow().comparison());

    @AfterEach
    void close() {
        validation.close();
    }

    private Importer<Employee> importer() {
        Validator validator = validation.getValidator();
        return Importer.builder(EMPLOYEES, row -> new Employee(row.value("email", String.class).orElseThrow(),
                        row.value("full_name", String.class).orElseThrow(),
                        row.value("salary", BigDecimal.class).orElse(null)), records)
                .transactions(transactions).validator(BeanValidation.of(validator)).build();
    }

    @Test
    void csvRowsAreCheckedByBootsValidatorAndJsonRowsReadByBootsJackson() {
        ImportReport csv = importer().commit(CsvSource.of("employees.csv", """
                Email,Full name,Salary
                judy@acme.com,Judy,"4.250,50"
                karl@acme.com,Karl,"-1"
                """.getBytes(StandardCharsets.UTF_8)));

        assertThat(csv.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(csv.failedRows()).containsExactly(new FailedRow(3,
                List.of(Problem.at(ProblemCode.OUT_OF_RANGE, "salary", "Salary must be greater than 0"))));

        ImportReport json = importer().commit(JsonSource.builder("employees.json", """
                [{"email": "JUDY@acme.com", "full_name": "Judy Brown", "salary": "4.300,00"}]
                """.getBytes(StandardCharsets.UTF_8)).fields(EMPLOYEES).build());

        assertThat(json.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(json.updated()).singleElement().satisfies(row -> assertThat(row.matched()).contains("judy@acme.com"));
        assertThat(records.values()).containsExactly(new Employee("JUDY@acme.com", "Judy Brown", new BigDecimal("4300.00")));
        assertThat(ReportJson.toJson(json)).contains("\"matched\": \"judy@acme.com\"");
    }
}
