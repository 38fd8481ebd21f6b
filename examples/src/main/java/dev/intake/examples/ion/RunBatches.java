package dev.intake.examples.ion;

import dev.intake.examples.jdbc.Database;
import dev.intake.spi.GroupRef;
import dev.intake.spi.GroupRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run batches by title, unique in the database: the find-or-create group of the runs importer. Safe
 * under concurrent imports: the insert gives way to a title another transaction inserted (on
 * PostgreSQL it waits for that transaction; on H2 it loses with a unique violation), then finds its
 * row, instead of failing or duplicating it.
 */
final class RunBatches implements GroupRepository {
    private static final String UNIQUE_VIOLATION = "23505";
    /** Keys asked for in one query. */
    private static final int FIND_AT_ONCE = 500;

    private final Connection connection;
    private final PreparedStatement find;
    private final PreparedStatement insert;

    RunBatches(Connection connection) throws SQLException {
        this.connection = connection;
        this.find = connection.prepareStatement("SELECT id FROM run_batches WHERE title = ?");
        this.insert = connection.prepareStatement(Database.isPostgres(connection)
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

    /**
     * A chunk's batches in three round trips: those that exist in one query, the others inserted as
     * one batch (giving way to a concurrent insert as {@link #findOrCreate} does), their ids in one
     * more query. On H2 a lost race fails the batch; the importer then goes one by one.
     */
    @Override
    public Map<String, GroupRef> findOrCreateAll(String group, List<String> keys) throws SQLException {
        Map<String, String> existing = findAll(keys);
        List<String> missing = keys.stream().filter(key -> !existing.containsKey(key)).toList();
        int[] inserted = new int[0];
        if (!missing.isEmpty()) {
            for (String key : missing) {
                insert.setString(1, key);
                insert.addBatch();
            }
            try {
                inserted = insert.executeBatch();
            } finally {
                insert.clearBatch();
            }
        }
        Map<String, String> created = missing.isEmpty() ? Map.of() : findAll(missing);
        Map<String, GroupRef> groups = new LinkedHashMap<>();
        for (String key : keys) {
            String id = existing.get(key);
            if (id != null) {
                groups.put(key, new GroupRef(id, false));
                continue;
            }
            id = created.get(key);
            if (id == null) {
                throw new SQLException("run batch " + key + " was neither inserted nor found");
            }
            int index = missing.indexOf(key);
            // 1: this batch inserted it; 0: another transaction had (SUCCESS_NO_INFO counts as inserted)
            groups.put(key, new GroupRef(id, inserted[index] != 0));
        }
        return groups;
    }

    private Map<String, String> findAll(List<String> keys) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += FIND_AT_ONCE) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + FIND_AT_ONCE));
            try (PreparedStatement select = connection.prepareStatement("SELECT id, title FROM run_batches WHERE title IN ("
                    + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    select.setString(i + 1, part.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(2), Long.toString(rows.getLong(1)));
                    }
                }
            }
        }
        return found;
    }
}
