package dev.intake.examples.ion;

import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Run batches by title, unique in the database: the find-or-create group of the runs importer.
 */
final class RunBatches implements GroupRepository {
    private final PreparedStatement find;
    private final PreparedStatement insert;

    RunBatches(Connection connection) throws SQLException {
        this.find = connection.prepareStatement("SELECT id FROM run_batches WHERE title = ?");
        this.insert = connection.prepareStatement("INSERT INTO run_batches (title) VALUES (?)",
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
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return new GroupRef(Long.toString(keys.getLong(1)), true);
        }
    }
}
