package dev.intake.examples.ion;

import dev.intake.examples.jdbc.TestDatabases;

/** Several writers on a real PostgreSQL server: concurrent transactions, a connection each. */
class IonRunsWritersPostgresIT extends IonRunsWritersTest {
    @Override
    protected String newDatabase() {
        return TestDatabases.postgres();
    }
}
