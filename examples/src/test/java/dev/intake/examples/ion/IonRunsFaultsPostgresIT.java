package dev.intake.examples.ion;

import dev.intake.examples.jdbc.TestDatabases;

/** The fault matrix on a real PostgreSQL server. */
class IonRunsFaultsPostgresIT extends IonRunsFaultsTest {
    @Override
    String newDatabase() {
        return TestDatabases.postgres();
    }
}
