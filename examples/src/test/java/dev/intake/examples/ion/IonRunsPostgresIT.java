package dev.intake.examples.ion;

import dev.intake.examples.jdbc.TestDatabases;

/** Every test of the runs importer, on a real PostgreSQL server: the JDBC adapters are the same. */
class IonRunsPostgresIT extends IonRunsTest {
    @Override
    protected String newDatabase() {
        return TestDatabases.postgres();
    }
}
