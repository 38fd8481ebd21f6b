package dev.intake.examples.ion;

import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * Run batches by title, unique in the database: the find-or-create group of the runs importer. Safe
 * under concurrent imports: the insert gives way to a title another transaction inserted (on
 * PostgreSQL it waits for that transaction; on H2 it loses with a unique violation), then finds its
 * row, instead of failing or duplicating it.
 */
final class RunBatches implements GroupRepository {
    private static final String UNIQUE_VIOLATION = "23505";

    private final PreparedStatement find;
    private final PreparedStatement insert;

    RunBatches(Connection connection) throws SQLException {
        this.find = connection.prepareStatement("SELECT id FROM run_batches WHERE title = ?");
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        this.insert = connection.prepareStatement(postgres
                ? "INSERT INTO run_batches (title) VALUES (?) ON CONFLICT (title) DO NOTHING"
                : "MERGE INTO run_batches b USING (VALUES (CAST(? AS VARCHAR(200)))) n (title) ON b.title = n.title"
                        + " WHEN NOT MATCHED THEN INSERT (title) VALUES (n.title)",
                Statement.RETURN_GENERATED_KEYS);
    }

    @Override
    public Optional<String> find(String group, String key) throws SQLException {
        find.setString(1, key);
        try (ResultSet rows = find.executeQuery()) {
            return rows.next() ? Optional.of(Long.toString(rows.getLong(1))) : Optional.empty();
        }
    }

    @Override
    public GroupRef findOrCreate(String group, String key) throws SQLException {
        Optional<String> existing = find(group, key);
        if (existing.isPresent()) {
            return new GroupRef(existing.get(), false);
        }
        insert.setString(1, key);
        int inserted;
        try {
            inserted = insert.executeUpdate();
        } catch (SQLException e) {
            // H2's MERGE loses the race to a concurrent insert with a unique violation; the statement
            // fails alone (H2 keeps the transaction), and the other insert's row is there to find.
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            inserted = 0;
        }
        if (inserted == 1) {
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (keys.next()) {
                    return new GroupRef(Long.toString(keys.getLong(1)), true);
                }
            }
        }
        // Another transaction created it first and has committed by now.
        return new GroupRef(find(group, key).orElseThrow(
                () -> new SQLException("run batch " + key + " was neither inserted nor found")), false);
    }
}
