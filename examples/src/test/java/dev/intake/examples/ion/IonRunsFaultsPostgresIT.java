package dev.intake.examples.ion;

import dev.intake.examples.jdbc.TestDatabases;

/** The fault matrix on a real PostgreSQL server. */
class IonRunsFaultsPostgresIT extends IonRunsFaultsTest {
    @Override
    protected String newDatabase() {
        return TestDatabases.postgres();
    }
}
