package dev.intake.spring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** The endpoints on a real PostgreSQL server, which the build starts ({@code .ci/postgres}). */
class EndpointsPostgresIT extends EndpointsTests {
    @Override
    String databaseUrl() {
        String file = System.getProperty("intake.test.postgres.url.file");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("no PostgreSQL server for the tests (intake.test.postgres.url.file = " + file
                    + "): run them through 'mvn verify', whose build starts one with .ci/postgres");
        }
        try {
            String admin = Files.readString(Path.of(file)).strip();
            String name = "intake_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection connection = DriverManager.getConnection(admin); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return admin.replace("/postgres?", "/" + name + "?");
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a PostgreSQL test database: " + e.getMessage(), e);
        }
    }
}
