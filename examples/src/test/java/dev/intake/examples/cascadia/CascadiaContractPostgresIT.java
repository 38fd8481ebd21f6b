package dev.intake.examples.cascadia;

import dev.intake.examples.jdbc.TestDatabases;

/** The Import API's item repository passes the contract test kit on PostgreSQL. */
class CascadiaContractPostgresIT extends CascadiaContractTest {
    @Override
    String newDatabase() {
        return TestDatabases.postgres();
    }
}
