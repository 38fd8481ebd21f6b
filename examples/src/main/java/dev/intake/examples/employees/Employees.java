package dev.intake.examples.employees;

import dev.intake.core.AttributeCatalog;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.pipeline.RowMapper;
import dev.intake.core.Reference;
import dev.intake.core.RowReference;
import dev.intake.core.TextComparison;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Rules;
import dev.intake.core.type.Types;
import dev.intake.examples.jdbc.Connections;
import dev.intake.jdbc.JdbcImportJournal;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The company directory: employees upserted by email, with their managers among the rows of the same
 * file (earlier or later) or already stored, departments found or created by name, German salaries
 * ({@code 4.250,50}), and any other column kept as an attribute of the employee. What a new host
 * team starts from:
 *
 * <ul>
 *   <li>emails compare case-insensitively (the email type's default) and department names
 *       case-insensitively without surrounding spaces: {@code Judy@acme.com} is {@code
 *       judy@acme.com} in the file and in the database, {@code engineering } joins {@code
 *       Engineering}; the tables keep each comparison key under a unique index;</li>
 *   <li>a manager is a {@link RowReference}: an employee stored already, else the row of the file
 *       with that email, written first; a cycle or a manager that failed fails the row, naming the
 *       other;</li>
 *   <li>messages use the template's labels ({@code Full name is required}); a header like a column
 *       misspelled ({@code Departmnt}) is refused rather than kept as an attribute.</li>
 * </ul>
 *
 * <p>{@code import employees FILE [--commit]} runs it from the examples' command line.
 */
public final class Employees {
    /** The importer's name on the command line. */
    public static final String NAME = "employees";

    /** How emails compare: the email type's default, named so the table's key agrees with it. */
    private static final TextComparison EMAILS = TextComparison.caseInsensitive();
    /** What the salary column holds: {@code DECIMAL(12, 2)}. */
    private static final BigDecimal MAX_SALARY = new BigDecimal("9999999999.99");
    private static final int SALARY_SCALE = 2;
    /** What an attribute's value holds: {@code VARCHAR(1000)}. */
    private static final int ATTRIBUTE_LENGTH = 1000;

    private Employees() {
    }

    /**
     * The definition, its manager lookup reading the database.
     *
     * @param connection the connection
     * @return the definition
     */
    public static ImportDefinition definition(Connection connection) {
        return definition(new EmployeeStore(Connections.of(connection), EMAILS));
    }

    private static ImportDefinition definition(EmployeeStore store) {
        return ImportDefinition.builder(NAME)
                .label("Employees")
                .description("Employees of the company directory, matched by email.")
                .column(Column.email("email").label("Email").required().comparedAs(EMAILS).example("judy@acme.com"))
                .column(Column.text("full_name").label("Full name").required().rule(Rules.maxLength(200))
                        .example("Judy Brown"))
                .column(Column.text("department").label("Department").rule(Rules.maxLength(200))
                        .comparedAs(TextComparison.trimmed().andThen(TextComparison.caseInsensitive()))
                        .example("Engineering"))
                .column(Column.email("manager_email").label("Manager email").comparedAs(EMAILS).description("an employee's email,"
                        + " stored already or a row of this file"))
                .column(Column.decimal("salary", Locale.GERMANY).label("Salary").rule(Rules.min(0))
                        .description("monthly, e.g. 4.250,50").example("4.250,50"))
                .rowReference(RowReference.builder("manager", "manager_email").target("email")
                        .existing(Reference.builder("manager", Long.class)
                                .batchForm("manager_email", String.class, store::managers)))
                .group("department")
                .check((row, context, problems) -> {
                    row.value("salary", BigDecimal.class).ifPresent(salary -> {
                        if (salary.stripTrailingZeros().scale() > SALARY_SCALE || salary.compareTo(MAX_SALARY) > 0) {
                            problems.accept(Problem.at(ProblemCode.OUT_OF_RANGE, "salary", row.label("salary")
                                    + " must be at most " + "9.999.999.999,99 with at most two decimals, not "
                                    + row.text("salary").orElse("")));
                        }
                    });
                    row.attributes().forEach((key, value) -> {
                        if (String.valueOf(value).length() > ATTRIBUTE_LENGTH) {
                            problems.accept(Problem.at(ProblemCode.TOO_LONG, key, key + " must be at most "
                                    + ATTRIBUTE_LENGTH + " characters, not " + String.valueOf(value).length()));
                        }
                    });
                })
                .customAttributes(AttributeCatalog.open(Types.text()))
                .key("email")
                .mode(Mode.UPSERT)
                .allowModes(Mode.CREATE_ONLY, Mode.UPDATE_ONLY)
                .build();
    }

    /**
     * An importer of employees into a database, committing a chunk of rows at a time with the import
     * journal, so a commit run again after a crash resumes exactly once.
     *
     * @param connection the connection; the importer turns its auto-commit off
     * @return the importer
     * @throws SQLException if the connection cannot be prepared
     */
    public static Importer<Employee> importer(Connection connection) throws SQLException {
        JdbcTransactions transactions = new JdbcTransactions(connection);
        JdbcImportJournal journal = JdbcImportJournal.on(() -> connection);
        return importer(Connections.of(connection), (definition, mapper, records) -> Importer.builder(definition, mapper,
                records).transactions(transactions).journal(journal));
    }

    /**
     * An importer of employees for an application that gives the connections and transactions
     * (a Spring Boot application: {@code import-spring}'s factory sets its transactions and journal).
     *
     * @param connections the application's connections, each call the current transaction's
     * @param start starts the importer with the application's wiring, e.g. {@code ImporterFactory::builder}
     * @return the importer
     */
    public static Importer<Employee> importer(Connections connections, Start start) {
        EmployeeStore store = new EmployeeStore(connections, EMAILS);
        ImportDefinition definition = definition(store);
        return start.builder(definition, Employee::of, store)
                .groups(new Departments(connections, definition.column("department").orElseThrow().comparison()))
                .policy(CommitPolicy.PER_ROW)
                .build();
    }

    /** How an application starts an importer with its own wiring. */
    @FunctionalInterface
    public interface Start {
        /**
         * @param definition the definition
         * @param mapper the mapper
         * @param records the repository
         * @return a builder with the application's transactions and journal set
         */
        Importer.Builder<Employee> builder(ImportDefinition definition, RowMapper<Employee> mapper,
                RecordRepository<? super Employee> records);
    }
}
