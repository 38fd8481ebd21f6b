package dev.intake.examples.employees;

import dev.intake.examples.jdbc.TestDatabases;

/** Every test of the company directory, on a real PostgreSQL server: the same adapters and schema. */
class EmployeesPostgresIT extends EmployeesTest {
    @Override
    protected String newDatabase() {
        return TestDatabases.postgres();
    }
}
