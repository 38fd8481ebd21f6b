package dev.intake.spring;

import java.util.UUID;

/** The endpoints on an embedded H2 database. */
class EndpointsH2Test extends EndpointsTests {
    @Override
    String databaseUrl() {
        return "jdbc:h2:mem:endpoints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
