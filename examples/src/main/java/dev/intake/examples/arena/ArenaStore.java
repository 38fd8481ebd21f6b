package dev.intake.examples.arena;

import dev.intake.core.type.Types;
import dev.intake.core.type.ValueType;
import dev.intake.examples.jdbc.Connections;
import dev.intake.examples.jdbc.Passwords;
import dev.intake.json.DefinitionJson;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The import runs example's data in the host's JDBC database (tables {@code arena_*}): users and
 * their sessions with a request budget, the item schema (categories, lifecycle phases, attributes)
 * that saved definitions are read against, the saved definitions, and the items runs write. Every
 * method works on the connection {@link Connections} gives. Thread-safe.
 */
public final class ArenaStore {
    /** How long a session's request budget lasts before it starts again. */
    public static final Duration BUDGET_WINDOW = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connections connections;

    /**
     * A store on the host's connections.
     *
     * @param connections where connections come from
     */
    public ArenaStore(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections must not be null");
    }

    /**
     * A user who starts runs.
     *
     * @param guid the user's id
     * @param fullName the full name
     * @param email the email
     */
    public record User(String guid, String fullName, String email) {
    }

    /**
     * A session's budget after a request was counted.
     *
     * @param user the session's user
     * @param remaining requests left in this window (0 when this one was refused)
     * @param resetAt when the window starts again
     * @param allowed whether this request was within the budget
     */
    public record Budget(User user, int remaining, Instant resetAt, boolean allowed) {
    }

    /**
     * A saved import definition, as stored.
     *
     * @param guid its id
     * @param name its name
     * @param document its JSON document
     */
    public record SavedDefinition(String guid, String name, String document) {
    }

    /**
     * The user with an email and password.
     *
     * @param email the email
     * @param password the password
     * @return the user, when both match
     * @throws SQLException if the database fails
     */
    public Optional<User> login(String email, String password) throws SQLException {
        return connections.with(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT guid, full_name, email, password_hash FROM arena_users WHERE email = ?")) {
                select.setString(1, email);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next() && Passwords.matches(password, rows.getString(4))) {
                        return Optional.of(new User(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                    return Optional.empty();
                }
            }
        });
    }

    /**
     * A user by id.
     *
     * @param guid the id
     * @return the user, if there is one
     * @throws SQLException if the database fails
     */
    public Optional<User> user(String guid) throws SQLException {
        return user("guid", guid);
    }

    /**
     * A user by email (the command line's {@code --as}).
     *
     * @param email the email
     * @return the user, if there is one
     * @throws SQLException if the database fails
     */
    public Optional<User> userByEmail(String email) throws SQLException {
        return user("email", email);
    }

    private Optional<User> user(String column, String value) throws SQLException {
        return connections.with(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT guid, full_name, email FROM arena_users WHERE " + column + " = ?")) {
                select.setString(1, value);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new User(rows.getString(1), rows.getString(2), rows.getString(3)))
                            : Optional.<User>empty();
                }
            }
        });
    }

    /**
     * Opens a session for a user.
     *
     * @param user the user
     * @param now when
     * @return the session's id, 64 hex digits
     * @throws SQLException if the database fails
     */
    public String openSession(User user, Instant now) throws SQLException {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        connections.with(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO arena_sessions (id, user_guid,"
                    + " created_at, window_start, requests) VALUES (?, ?, ?, ?, 0)")) {
                insert.setString(1, id);
                insert.setString(2, user.guid());
                insert.setObject(3, now.atOffset(ZoneOffset.UTC));
                insert.setObject(4, now.atOffset(ZoneOffset.UTC));
                return insert.executeUpdate();
            }
        });
        return id;
    }

    /**
     * Counts a request against its session's budget: a window of {@link #BUDGET_WINDOW} from the
     * window's first request holds {@code perWindow} requests; the next request after it starts a
     * new one.
     *
     * @param session the session's id
     * @param now when the request came
     * @param perWindow requests a window holds
     * @return the budget after the request, or empty when there is no such session
     * @throws SQLException if the database fails
     */
    public Optional<Budget> spend(String session, Instant now, int perWindow) throws SQLException {
        return connections.with(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Optional<Budget> budget = spend(connection, session, now, perWindow);
                connection.commit();
                return budget;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    private static Optional<Budget> spend(Connection connection, String session, Instant now, int perWindow)
            throws SQLException {
        User user;
        Instant windowStart;
        int requests;
        try (PreparedStatement select = connection.prepareStatement("SELECT u.guid, u.full_name, u.email, s.window_start,"
                + " s.requests FROM arena_sessions s JOIN arena_users u ON u.guid = s.user_guid WHERE s.id = ? FOR UPDATE")) {
            select.setString(1, session);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                user = new User(rows.getString(1), rows.getString(2), rows.getString(3));
                windowStart = rows.getObject(4, OffsetDateTime.class).toInstant();
                requests = rows.getInt(5);
            }
        }
        if (!now.isBefore(windowStart.plus(BUDGET_WINDOW))) {
            windowStart = now;
            requests = 0;
        }
        boolean allowed = requests < perWindow;
        if (allowed) {
            requests++;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE arena_sessions SET window_start = ?, requests = ? WHERE id = ?")) {
            update.setObject(1, windowStart.atOffset(ZoneOffset.UTC));
            update.setInt(2, requests);
            update.setString(3, session);
            update.executeUpdate();
        }
        return Optional.of(new Budget(user, perWindow - requests, windowStart.plus(BUDGET_WINDOW), allowed));
    }

    /**
     * What saved definitions may fill: the item's fields ({@code number} the key, {@code category}
     * and {@code lifecycle_phase} among the listed ones) and the configured attributes with their
     * types and options.
     *
     * @return the targets
     * @throws SQLException if the database fails
     */
    public DefinitionJson.Targets targets() throws SQLException {
        return connections.with(connection -> {
            DefinitionJson.Targets.Builder targets = DefinitionJson.Targets.builder()
                    .field("number", Types.text())
                    .field("name", Types.text())
                    .field("category", Types.option(names(connection, "arena_categories")))
                    .field("revision", Types.text())
                    .field("lifecycle_phase", Types.option(names(connection, "arena_lifecycle_phases")))
                    .key("number");
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, type, options FROM arena_attributes ORDER BY name");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ValueType<?> type = switch (rows.getString(2)) {
                        case "option" -> Types.option(List.of(rows.getString(3).split("\\|")));
                        case "number" -> Types.decimal();
                        default -> Types.text();
                    };
                    targets.attribute(rows.getString(1), type);
                }
            }
            return targets.build();
        });
    }

    private static List<String> names(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM " + table + " ORDER BY name");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /**
     * The saved definitions.
     *
     * @return them, by name
     * @throws SQLException if the database fails
     */
    public List<SavedDefinition> definitions() throws SQLException {
        return connections.with(connection -> {
            List<SavedDefinition> definitions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT guid, name, document FROM arena_import_definitions ORDER BY guid");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    definitions.add(new SavedDefinition(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            return definitions;
        });
    }

    /**
     * A saved definition.
     *
     * @param guid its id
     * @return the definition, if there is one
     * @throws SQLException if the database fails
     */
    public Optional<SavedDefinition> definition(String guid) throws SQLException {
        return connections.with(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT guid, name, document FROM arena_import_definitions WHERE guid = ?")) {
                select.setString(1, guid);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new SavedDefinition(rows.getString(1), rows.getString(2),
                            rows.getString(3))) : Optional.<SavedDefinition>empty();
                }
            }
        });
    }

    /**
     * An item as {@code GET /v1/items} shows it.
     *
     * @param number its number
     * @return its fields and attributes, if it exists
     * @throws SQLException if the database fails
     */
    public Optional<Map<String, Object>> item(String number) throws SQLException {
        return connections.with(connection -> {
            Map<String, Object> item = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT number, name, category, revision,"
                    + " lifecycle_phase FROM arena_items WHERE number = ?")) {
                select.setString(1, number);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    for (String column : List.of("number", "name", "category", "revision", "lifecycle_phase")) {
                        item.put(column, rows.getString(column));
                    }
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, attribute_value FROM arena_item_attributes WHERE number = ? ORDER BY name")) {
                select.setString(1, number);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        attributes.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            item.put("attributes", attributes);
            return Optional.of(item);
        });
    }

    /**
     * The items runs create and update, matched by number.
     *
     * @return the repository
     */
    public RecordRepository<ArenaItem> items() {
        return new Items();
    }

    /** Writes items. */
    private final class Items implements RecordRepository<ArenaItem> {
        @Override
        public Optional<String> findExisting(ArenaItem item, WriteContext context) throws SQLException {
            return connections.with(connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT number FROM arena_items WHERE number = ?")) {
                    select.setString(1, item.number());
                    try (ResultSet rows = select.executeQuery()) {
                        return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        }

        @Override
        public Optional<String> keyOf(ArenaItem item) {
            return Optional.ofNullable(item.number());
        }

        @Override
        public Written create(ArenaItem item, WriteContext context) throws SQLException {
            connections.with(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO arena_items (number, name,"
                        + " category, revision, lifecycle_phase) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, item.number());
                    insert.setString(2, item.name());
                    insert.setString(3, item.category());
                    insert.setString(4, item.revision());
                    insert.setString(5, item.lifecyclePhase());
                    insert.executeUpdate();
                }
                attributes(connection, item);
                return null;
            });
            return Written.of(item.number(), item.number());
        }

        @Override
        public Written update(String id, ArenaItem item, WriteContext context) throws SQLException {
            connections.with(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE arena_items SET"
                        + " name = COALESCE(?, name), category = COALESCE(?, category), revision = COALESCE(?, revision),"
                        + " lifecycle_phase = COALESCE(?, lifecycle_phase) WHERE number = ?")) {
                    update.setString(1, item.name());
                    update.setString(2, item.category());
                    update.setString(3, item.revision());
                    update.setString(4, item.lifecyclePhase());
                    update.setString(5, id);
                    update.executeUpdate();
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM arena_item_attributes WHERE number = ? AND name = ?")) {
                    for (String name : item.attributes().keySet()) {
                        delete.setString(1, id);
                        delete.setString(2, name);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                attributes(connection, item);
                return null;
            });
            return Written.of(id, id);
        }

        private void attributes(Connection connection, ArenaItem item) throws SQLException {
            if (item.attributes().isEmpty()) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO arena_item_attributes (number, name, attribute_value) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> attribute : item.attributes().entrySet()) {
                    insert.setString(1, item.number());
                    insert.setString(2, attribute.getKey());
                    insert.setString(3, attribute.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
