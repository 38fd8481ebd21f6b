package dev.intake.examples.ion;

import dev.intake.core.AttributeSpec;
import dev.intake.core.type.Types;
import dev.intake.core.type.ValueType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runs domain's reference data as one import sees it. The small tables (procedures, parts, users,
 * intent options, attributes) are read once when the import starts; inventory records, which grow
 * with every run created, are looked up by the ids a chunk of rows names, in one query per chunk.
 * Used by one import; thread-safe, for an import that checks rows on several threads: the tables read
 * at the start are only read afterwards, and inventory lookups take turns on the connection (which
 * H2's and PostgreSQL's drivers also share, one statement at a time, with the import's writes).
 */
final class IonData {
    private final Connection connection;
    private final Map<Long, Procedure> proceduresById = new HashMap<>();
    private final Map<String, List<Procedure>> proceduresByTitleVersion = new HashMap<>();
    private final Map<String, Part> parts = new HashMap<>();
    private final Map<String, User> users = new HashMap<>();
    private final List<String> intentOptions = new ArrayList<>();
    private final List<AttributeSpec> attributes = new ArrayList<>();
    /** Ids asked for in one query at most; a chunk asks for as many as it names. */
    private static final int IDS_PER_QUERY = 1_000;

    IonData(Connection connection) throws SQLException {
        this.connection = connection;
        query("SELECT id, title, version FROM procedures ORDER BY id", rows -> {
            Procedure procedure = new Procedure(rows.getLong(1), rows.getString(2), rows.getInt(3));
            proceduresById.put(procedure.id(), procedure);
            proceduresByTitleVersion.computeIfAbsent(titleVersion(procedure.title(), procedure.version()),
                    k -> new ArrayList<>()).add(procedure);
        });
        query("SELECT part_number, revisions FROM parts", rows -> {
            List<String> revisions = new ArrayList<>();
            for (String revision : rows.getString(2).split("\\|")) {
                if (!revision.isBlank()) {
                    revisions.add(revision.strip());
                }
            }
            parts.put(rows.getString(1), new Part(rows.getString(1), revisions));
        });
        query("SELECT email, name, active FROM users", rows -> users.put(rows.getString(1).toLowerCase(Locale.ROOT),
                new User(rows.getString(1), rows.getString(2), rows.getBoolean(3))));
        query("SELECT name FROM intent_options ORDER BY name", rows -> intentOptions.add(rows.getString(1)));
        query("SELECT key, type, options FROM run_attributes ORDER BY key",
                rows -> attributes.add(AttributeSpec.of(rows.getString(1), type(rows.getString(1), rows.getString(2),
                        rows.getString(3)))));
    }

    List<Procedure> procedure(long id) {
        Procedure procedure = proceduresById.get(id);
        return procedure == null ? List.of() : List.of(procedure);
    }

    List<Procedure> procedures(String title, long version) {
        return proceduresByTitleVersion.getOrDefault(titleVersion(title, version), List.of());
    }

    List<Part> part(String partNumber) {
        Part part = parts.get(partNumber);
        return part == null ? List.of() : List.of(part);
    }

    List<User> user(String email) {
        User user = users.get(email);
        if (user == null) {
            user = users.get(email.toLowerCase(Locale.ROOT));
        }
        return user == null ? List.of() : List.of(user);
    }

    List<String> intentOptions() {
        return intentOptions;
    }

    List<AttributeSpec> attributes() {
        return attributes;
    }

    /**
     * The inventory records of some ids, in as few queries as the ids allow.
     *
     * @param ids the ids a chunk of rows names
     * @return the records found, by id; an id not found is absent
     * @throws SQLException if the records cannot be read
     */
    Map<Long, List<Inventory>> inventories(Set<Long> ids) throws SQLException {
        Map<Long, List<Inventory>> found = new HashMap<>();
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<Long> some = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            String sql = "SELECT id, part_number FROM part_inventory WHERE id IN ("
                    + String.join(", ", Collections.nCopies(some.size(), "?")) + ")";
            synchronized (connection) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < some.size(); i++) {
                        statement.setLong(i + 1, some.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getLong(1), List.of(new Inventory(rows.getLong(1), rows.getString(2))));
                        }
                    }
                }
            }
        }
        return found;
    }

    Optional<Part> partOf(String partNumber) {
        return Optional.ofNullable(parts.get(partNumber));
    }

    private static String titleVersion(String title, long version) {
        return title.strip().toLowerCase(Locale.ROOT) + "\u0000" + version;
    }

    private static ValueType<?> type(String key, String type, String options) throws SQLException {
        String name = type.strip();
        if (name.toLowerCase(Locale.ROOT).equals("option")) {
            return Types.option(List.of(options == null ? new String[0] : options.split("\\|")));
        }
        return Types.named(name).orElseThrow(() -> new SQLException("run attribute " + key + " has the unknown type " + type));
    }

    private interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    private void query(String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                handler.accept(rows);
            }
        }
    }
}
