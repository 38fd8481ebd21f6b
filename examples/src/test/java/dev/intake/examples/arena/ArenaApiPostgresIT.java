package dev.intake.examples.arena;

import dev.intake.examples.jdbc.TestDatabases;

/** The import runs API over HTTP on PostgreSQL. */
class ArenaApiPostgresIT extends ArenaApiTests {
    @Override
    String databaseUrl() {
        return TestDatabases.postgres();
    }
}
