package dev.intake.examples.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Fresh, empty databases for tests: an H2 in-memory one, or one on the build's PostgreSQL server. */
public final class TestDatabases {
    private static final String URL_FILE = "intake.test.postgres.url.file";

    private TestDatabases() {
    }

    /** @return the URL of a new H2 in-memory database that lives until it is shut down */
    public static String h2() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /**
     * Creates a new database on the PostgreSQL server that {@code mvn verify} started.
     *
     * @return its JDBC URL
     * @throws IllegalStateException when no server was started: these tests never pass silently
     */
    public static String postgres() {
        String file = System.getProperty(URL_FILE);
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("no PostgreSQL server for the tests (" + URL_FILE + " = " + file
                    + "): run them through 'mvn verify', whose build starts one with .ci/postgres");
        }
        try {
            String admin = Files.readString(Path.of(file)).strip();
            String name = "intake_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection connection = DriverManager.getConnection(admin);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return admin.replace("/postgres?", "/" + name + "?");
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL test database: " + e.getMessage(), e);
        }
    }
}
