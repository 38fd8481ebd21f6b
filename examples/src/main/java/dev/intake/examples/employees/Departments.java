package dev.intake.examples.employees;

import dev.intake.core.TextComparison;
import dev.intake.examples.jdbc.Connections;
import dev.intake.examples.jdbc.Database;
import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Departments found or created by name, matched on the name's comparison key ({@code name_key},
 * unique): {@code engineering} finds {@code Engineering}, and the report names the spelling held.
 * Safe under concurrent imports: the insert gives way to a name another transaction inserted, then
 * finds its row.
 */
final class Departments implements GroupRepository {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Connections connections;
    private final TextComparison comparison;

    Departments(Connections connections, TextComparison comparison) {
        this.connections = connections;
        this.comparison = comparison;
    }

    @Override
    public Optional<String> find(String group, String name) throws SQLException {
        return connections.with(connection -> held(connection, name).map(found -> found[0]));
    }

    @Override
    public GroupRef findOrCreate(String group, String name) throws SQLException {
        return connections.with(connection -> findOrCreate(connection, name));
    }

    private GroupRef findOrCreate(Connection connection, String name) throws SQLException {
        Optional<String[]> existing = held(connection, name);
        if (existing.isPresent()) {
            return GroupRef.found(existing.get()[0], existing.get()[1]);
        }
        int inserted;
        try (PreparedStatement insert = connection.prepareStatement(insert(connection))) {
            insert.setString(1, name);
            insert.setString(2, comparison.key(name));
            inserted = insert.executeUpdate();
        } catch (SQLException e) {
            // H2's MERGE loses a race to a concurrent insert with a unique violation; the statement
            // fails alone and the other insert's row is there to find (PostgreSQL's insert waits
            // for it and does nothing instead)
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            inserted = 0;
        }
        String[] found = held(connection, name).orElseThrow(() -> new SQLException("department " + name
                + " was neither inserted nor found"));
        return inserted == 1 ? new GroupRef(found[0], true, Optional.of(found[1])) : GroupRef.found(found[0], found[1]);
    }

    /** An insert that gives way to a name another transaction inserted. */
    private static String insert(Connection connection) throws SQLException {
        return Database.isPostgres(connection) ? "INSERT INTO departments (name, name_key) VALUES (?, ?) ON CONFLICT (name_key) DO NOTHING"
                : "MERGE INTO departments d USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(200))))"
                        + " n (name, name_key) ON d.name_key = n.name_key"
                        + " WHEN NOT MATCHED THEN INSERT (name, name_key) VALUES (n.name, n.name_key)";
    }

    /** The id and name of the department a name compares alike to. */
    private Optional<String[]> held(Connection connection, String name) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("SELECT id, name FROM departments WHERE name_key = ?")) {
            find.setString(1, comparison.key(name));
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.of(new String[] {Long.toString(rows.getLong(1)), rows.getString(2)})
                        : Optional.empty();
            }
        }
    }
}
