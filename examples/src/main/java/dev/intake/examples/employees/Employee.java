package dev.intake.examples.employees;

import dev.intake.core.ImportRow;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * An employee as a row of the directory file gives it.
 *
 * @param email the email, as the file spells it; the key
 * @param fullName the full name
 * @param department the department's name, if given
 * @param managerEmail the manager's email, if given
 * @param salary the monthly salary, if given
 * @param attributes the file's extra columns, by header
 */
public record Employee(String email, String fullName, String department, String managerEmail, BigDecimal salary,
        Map<String, Object> attributes) {

    /**
     * Copies the attributes.
     *
     * @param email the email
     * @param fullName the full name
     * @param department the department's name, or null
     * @param managerEmail the manager's email, or null
     * @param salary the salary, or null
     * @param attributes the extra columns
     */
    public Employee {
        Objects.requireNonNull(email, "email must not be null");
        Objects.requireNonNull(fullName, "fullName must not be null");
        attributes = Map.copyOf(attributes);
    }

    /**
     * The employee of a checked row.
     *
     * @param row the row
     * @return its employee
     */
    static Employee of(ImportRow row) {
        return new Employee(row.value("email", String.class).orElseThrow(),
                row.value("full_name", String.class).orElseThrow(),
                row.value("department", String.class).orElse(null),
                row.value("manager_email", String.class).orElse(null),
                row.value("salary", BigDecimal.class).orElse(null),
                row.attributes());
    }
}
