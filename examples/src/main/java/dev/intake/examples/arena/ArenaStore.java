package dev.intake.examples.arena;

import dev.intake.core.type.Types;
import dev.intake.core.type.ValueType;
import dev.intake.examples.jdbc.Connections;
import dev.intake.examples.jdbc.Passwords;
import dev.intake.json.DefinitionJson;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportRow;
import dev.intake.spi.Existing;
import dev.intake.spi.ExistingKeys;
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
 * their sessions (stored hashed, ended when idle), a request budget per user, failed logins counted per email, the item schema (categories, lifecycle phases, attributes)
 * that saved definitions are read against, the saved definitions, and the items runs write. Every
 * method works on the connection {@link Connections} gives. Thread-safe.
 */
public final class ArenaStore {
    /** How long a session's request budget lasts before it starts again. */
    public static final Duration BUDGET_WINDOW = Duration.ofHours(1);
    /** How long a session lives unused, unless the host says otherwise. */
    public static final Duration SESSION_IDLE = Duration.ofMinutes(90);
    /** Failed logins of one email within {@link #LOGIN_WINDOW} that lock it. */
    public static final int LOGIN_FAILURES = 5;
    /** The window failed logins are counted in. */
    public static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);
    /** How long an email stays locked after too many failed logins. */
    public static final Duration LOGIN_LOCK = Duration.ofMinutes(15);
    /** Checked against when the email is unknown, so that a refusal takes as long either way. */
    private static final String NO_USER = Passwords.hash(new java.math.BigInteger(128, new SecureRandom()).toString(36));
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
     * The user with an email and password. An unknown email costs the same password hash as a known
     * one, so the time taken does not tell which emails are registered.
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
                    if (!rows.next()) {
                        Passwords.matches(password, NO_USER);
                        return Optional.<User>empty();
                    }
                    return Passwords.matches(password, rows.getString(4))
                            ? Optional.of(new User(rows.getString(1), rows.getString(2), rows.getString(3)))
                            : Optional.<User>empty();
                }
            }
        });
    }

    /**
     * Whether an email may try to log in now: after {@link #LOGIN_FAILURES} failed logins within
     * {@link #LOGIN_WINDOW} it is locked for {@link #LOGIN_LOCK}, whether or not such a user exists.
     *
     * @param email the email, as given
     * @param now when
     * @return when it may try again, or empty when it may now
     * @throws SQLException if the database fails
     */
    public Optional<Instant> loginLockedUntil(String email, Instant now) throws SQLException {
        return connections.with(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT locked_until FROM arena_login_failures WHERE email = ?")) {
                select.setString(1, loginKey(email));
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        OffsetDateTime until = rows.getObject(1, OffsetDateTime.class);
                        if (until != null && until.toInstant().isAfter(now)) {
                            return Optional.of(until.toInstant());
                        }
                    }
                    return Optional.<Instant>empty();
                }
            }
        });
    }

    /**
     * Counts a failed login for an email: the window's count grows, and reaching
     * {@link #LOGIN_FAILURES} locks the email for {@link #LOGIN_LOCK}. Counts of windows long past
     * are removed on the way.
     *
     * @param email the email, as given
     * @param now when
     * @return when the email may try again, when this failure locked it
     * @throws SQLException if the database fails
     */
    public Optional<Instant> loginFailed(String email, Instant now) throws SQLException {
        String key = loginKey(email);
        return transaction(connection -> {
            try (PreparedStatement old = connection.prepareStatement(
                    "DELETE FROM arena_login_failures WHERE window_start < ? AND (locked_until IS NULL OR locked_until < ?)")) {
                old.setObject(1, now.minus(LOGIN_WINDOW).atOffset(ZoneOffset.UTC));
                old.setObject(2, now.atOffset(ZoneOffset.UTC));
                old.executeUpdate();
            }
            Instant windowStart = now;
            int failures = 0;
            boolean exists;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT window_start, failures FROM arena_login_failures WHERE email = ? FOR UPDATE")) {
                select.setString(1, key);
                try (ResultSet rows = select.executeQuery()) {
                    exists = rows.next();
                    if (exists && !now.isAfter(rows.getObject(1, OffsetDateTime.class).toInstant().plus(LOGIN_WINDOW))) {
                        windowStart = rows.getObject(1, OffsetDateTime.class).toInstant();
                        failures = rows.getInt(2);
                    }
                }
            }
            failures++;
            Instant lockedUntil = failures >= LOGIN_FAILURES ? now.plus(LOGIN_LOCK) : null;
            try (PreparedStatement write = connection.prepareStatement(exists
                    ? "UPDATE arena_login_failures SET window_start = ?, failures = ?, locked_until = ? WHERE email = ?"
                    : "INSERT INTO arena_login_failures (window_start, failures, locked_until, email) VALUES (?, ?, ?, ?)")) {
                write.setObject(1, windowStart.atOffset(ZoneOffset.UTC));
                write.setInt(2, lockedUntil == null ? failures : 0);
                write.setObject(3, lockedUntil == null ? null : lockedUntil.atOffset(ZoneOffset.UTC));
                write.setString(4, key);
                write.executeUpdate();
            }
            return Optional.ofNullable(lockedUntil);
        });
    }

    /**
     * Forgets an email's failed logins, after a login that succeeded.
     *
     * @param email the email, as given
     * @throws SQLException if the database fails
     */
    public void loginSucceeded(String email) throws SQLException {
        connections.with(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM arena_login_failures WHERE email = ?")) {
                delete.setString(1, loginKey(email));
                return delete.executeUpdate();
            }
        });
    }

    private static String loginKey(String email) {
        String key = email.strip().toLowerCase(java.util.Locale.ROOT);
        return key.length() <= 254 ? key : key.substring(0, 254);
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
     * Opens a session for a user. Its id is 256 random bits; the database keeps only its SHA-256.
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
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO arena_sessions (id_hash, user_guid,"
                    + " created_at, last_seen) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, hashed(id));
                insert.setString(2, user.guid());
                insert.setObject(3, now.atOffset(ZoneOffset.UTC));
                insert.setObject(4, now.atOffset(ZoneOffset.UTC));
                return insert.executeUpdate();
            }
        });
        return id;
    }

    /**
     * Ends a session.
     *
     * @param session the session's id
     * @return whether there was such a session
     * @throws SQLException if the database fails
     */
    public boolean closeSession(String session) throws SQLException {
        return connections.with(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM arena_sessions WHERE id_hash = ?")) {
                delete.setString(1, hashed(session));
                return delete.executeUpdate() > 0;
            }
        });
    }

    /**
     * Counts a request against the budget of a session's user (whichever of the user's sessions
     * spends it): a window of {@link #BUDGET_WINDOW} from the window's first request holds
     * {@code perWindow} requests; the next request after it starts a new one. A session unused for
     * {@code idle} has ended (and is removed); one in use is kept alive.
     *
     * @param session the session's id
     * @param now when the request came
     * @param perWindow requests a window holds
     * @param idle how long a session lives unused
     * @return the budget after the request, or empty when there is no such session (or it has ended)
     * @throws SQLException if the database fails
     */
    public Optional<Budget> spend(String session, Instant now, int perWindow, Duration idle) throws SQLException {
        return transaction(connection -> spend(connection, hashed(session), now, perWindow, idle));
    }

    private interface Work<T> {
        T in(Connection connection) throws SQLException;
    }

    private <T> T transaction(Work<T> work) throws SQLException {
        return connections.with(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.in(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    private static Optional<Budget> spend(Connection connection, String hash, Instant now, int perWindow, Duration idle)
            throws SQLException {
        User user;
        try (PreparedStatement select = connection.prepareStatement("SELECT u.guid, u.full_name, u.email, s.last_seen"
                + " FROM arena_sessions s JOIN arena_users u ON u.guid = s.user_guid WHERE s.id_hash = ?")) {
            select.setString(1, hash);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                user = new User(rows.getString(1), rows.getString(2), rows.getString(3));
                if (!now.isBefore(rows.getObject(4, OffsetDateTime.class).toInstant().plus(idle))) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM arena_sessions WHERE id_hash = ?")) {
                        delete.setString(1, hash);
                        delete.executeUpdate();
                    }
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement touch = connection.prepareStatement(
                "UPDATE arena_sessions SET last_seen = ? WHERE id_hash = ?")) {
            touch.setObject(1, now.atOffset(ZoneOffset.UTC));
            touch.setString(2, hash);
            touch.executeUpdate();
        }
        // the user's row is the lock: concurrent requests of one user, on any session and any
        // instance, count one after the other
        try (PreparedStatement lock = connection.prepareStatement("SELECT guid FROM arena_users WHERE guid = ? FOR UPDATE")) {
            lock.setString(1, user.guid());
            lock.executeQuery().close();
        }
        Instant windowStart = now;
        int requests = 0;
        boolean exists;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT window_start, requests FROM arena_budgets WHERE user_guid = ?")) {
            select.setString(1, user.guid());
            try (ResultSet rows = select.executeQuery()) {
                exists = rows.next();
                if (exists) {
                    windowStart = rows.getObject(1, OffsetDateTime.class).toInstant();
                    requests = rows.getInt(2);
                }
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
        try (PreparedStatement write = connection.prepareStatement(exists
                ? "UPDATE arena_budgets SET window_start = ?, requests = ? WHERE user_guid = ?"
                : "INSERT INTO arena_budgets (window_start, requests, user_guid) VALUES (?, ?, ?)")) {
            write.setObject(1, windowStart.atOffset(ZoneOffset.UTC));
            write.setInt(2, requests);
            write.setString(3, user.guid());
            write.executeUpdate();
        }
        return Optional.of(new Budget(user, perWindow - requests, windowStart.plus(BUDGET_WINDOW), allowed));
    }

    private static String hashed(String session) {
        return dev.intake.examples.jdbc.Database.sha256(session);
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
    private final class Items implements RecordRepository<ArenaItem>, ExistingKeys {
        @Override
        public Optional<String> findExistingByKey(ImportRow row, ImportContext context) throws SQLException {
            return byNumber(row.text("number").orElseThrow());
        }

        @Override
        public Optional<String> findExisting(ArenaItem item, WriteContext context) throws SQLException {
            return byNumber(item.number());
        }

        /** A chunk's numbers in one query. */
        @Override
        public List<Optional<Existing>> findExistingAll(List<? extends ArenaItem> items, List<WriteContext> contexts)
                throws SQLException {
            java.util.Set<String> found = new java.util.HashSet<>();
            connections.with(connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT number FROM arena_items WHERE number IN ("
                        + String.join(", ", java.util.Collections.nCopies(items.size(), "?")) + ")")) {
                    for (int i = 0; i < items.size(); i++) {
                        select.setString(i + 1, items.get(i).number());
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            found.add(rows.getString(1));
                        }
                    }
                }
                return null;
            });
            List<Optional<Existing>> existing = new ArrayList<>(items.size());
            for (ArenaItem item : items) {
                existing.add(found.contains(item.number()) ? Optional.of(Existing.of(item.number())) : Optional.empty());
            }
            return existing;
        }

        private Optional<String> byNumber(String number) throws SQLException {
            return connections.with(connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT number FROM arena_items WHERE number = ?")) {
                    select.setString(1, number);
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
