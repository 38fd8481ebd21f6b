package dev.intake.examples.ion;

import dev.intake.examples.jdbc.TestDatabases;

/** The contract test kit on a real PostgreSQL server. */
class JdbcContractPostgresIT extends JdbcContractTest {
    @Override
    String newDatabase() {
        return TestDatabases.postgres();
    }
}
