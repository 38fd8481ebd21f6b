package dev.intake.examples.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test on a fresh database loaded with the fixtures: H2 unless a subclass (the PostgreSQL ITs)
 * says otherwise.
 */
public abstract class DatabaseTest {
    /** The database of the current test. */
    protected Database database;
    private String url;

    /** @return the URL of a new, empty database */
    protected String newDatabase() {
        return TestDatabases.h2();
    }

    /** @return the URL of the current test's database, to open it again */
    protected String url() {
        return url;
    }

    @BeforeEach
    void openDatabase() throws SQLException {
        url = newDatabase();
        database = Database.open(url);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        if (url.startsWith("jdbc:h2:")) {
            try (Statement statement = database.connection().createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
        database.close();
    }
}
