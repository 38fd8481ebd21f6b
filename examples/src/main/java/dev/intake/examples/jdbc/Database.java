package dev.intake.examples.jdbc;

import dev.intake.jdbc.JdbcImportJournal;
import dev.intake.jdbc.JdbcRunStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The examples' database: H2 (embedded) or PostgreSQL. On first use an empty database gets the
 * examples' schema and the reference data of {@code fixtures/}, loaded as the files are, and the
 * tables of the import journal.
 */
public final class Database implements AutoCloseable {
    /** Where the demo database lives when no URL is given. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./intake-demo/intake";

    /** Reference tables of the runs example, in an order that satisfies foreign keys. */
    private static final List<String> ION_TABLES = List.of(
            "procedures", "parts", "part_inventory", "users", "intent_options", "run_attributes", "run_batches");

    /** Tables of the Import API example loaded from its fixture files of the same name, in that order. */
    private static final List<String> CASCADIA_FIXTURES = List.of("designs", "branches", "programs", "design_access");

    /** Every table of the Import API example, for counting. */
    private static final List<String> CASCADIA_TABLES = List.of("cascadia_users", "cascadia_designs", "cascadia_branches",
            "cascadia_design_access", "cascadia_programs", "cascadia_items", "cascadia_item_attributes",
            "cascadia_bom_links", "cascadia_number_counters");

    /** Numbers as the Import API generates them: a prefix, a dash and six digits. */
    private static final java.util.regex.Pattern GENERATED_NUMBER = java.util.regex.Pattern.compile("(PN|DOC|ISS)-(\\d{6})");

    private final Connection connection;
    private final String url;

    private Database(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
    }

    /**
     * Opens a database, creating the schema and loading the reference data when it is empty.
     *
     * @param url a JDBC URL of H2 or PostgreSQL
     * @return the database
     * @throws SQLException if the database cannot be opened or prepared
     */
    public static Database open(String url) throws SQLException {
        if (url.startsWith("jdbc:h2:file:./intake-demo/")) {
            try {
                Files.createDirectories(Path.of("intake-demo"));
            } catch (IOException e) {
                throw new SQLException("cannot create ./intake-demo: " + e.getMessage(), e);
            }
        }
        Connection connection = connect(url);
        try {
            if (url.startsWith("jdbc:h2:file:")) {
                try (Statement statement = connection.createStatement()) {
                    // Each commit reaches the file before it returns. With H2's default delay, a
                    // process killed mid-import could come back with rows of a transaction that
                    // never committed (2 kills in 40, H2 2.5.252), which no journal can account for.
                    statement.execute("SET WRITE_DELAY 0");
                }
            }
            Database database = new Database(connection, url);
            database.prepare();
            return database;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Opens another connection to this database, with the session settings the examples' SQL needs:
     * for the writers of an import, each on a connection of its own. The caller closes it.
     *
     * @return the connection
     * @throws SQLException if it cannot be opened
     */
    public Connection openConnection() throws SQLException {
        return connect(url);
    }

    private static Connection connect(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try {
            if (isH2(connection)) {
                try (Statement statement = connection.createStatement()) {
                    // The fixtures have a column named "key"; H2 reads it as a keyword otherwise.
                    statement.execute("SET NON_KEYWORDS KEY, VALUE");
                }
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static boolean isH2(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
    }

    /**
     * Whether a connection is to PostgreSQL: where the examples' stores write SQL that H2 words
     * otherwise ({@code ON CONFLICT}, row locks).
     *
     * @param connection the connection
     * @return whether it is to PostgreSQL
     * @throws SQLException if the connection cannot say
     */
    public static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** @return the connection, owned by this database */
    public Connection connection() {
        return connection;
    }

    /**
     * Counts the rows of a table.
     *
     * @param table the table
     * @return its row count
     * @throws SQLException if the table cannot be read
     */
    public long count(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void prepare() throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            if (!tableExists("procedures")) {
                runScript("/db/ion.sql");
            }
            if (count("procedures") == 0) {
                for (String table : ION_TABLES) {
                    load("ion", table, table);
                }
            }
            idSequences();
            if (!tableExists("cascadia_items")) {
                runScript("/db/cascadia.sql");
            }
            if (count("cascadia_designs") == 0) {
                loadCascadia();
            }
            if (!tableExists("arena_items")) {
                runScript("/db/arena.sql");
            }
            if (count("arena_users") == 0) {
                loadArena();
            }
            if (!tableExists("arena_budgets")) {
                runScript("/db/arena-sessions.sql");
            }
            if (!tableExists("employees")) {
                runScript("/db/employees.sql");
            }
            if (!tableExists("intake_scheduled_tasks")) {
                runScript("/db/scheduler.sql");
            }
            connection.commit();
            // Where import runs are kept, for the Arena example's runs.
            JdbcRunStore.createTables(connection);
            // Where commits record the rows they wrote, to resume exactly once after a crash.
            JdbcImportJournal.createTables(connection);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * A database made before inventory and run ids came from sequences has identity columns and no
     * sequence: it gets the sequences, starting after the ids in use (the importer gives every id).
     */
    private void idSequences() throws SQLException {
        for (String[] sequence : new String[][] {{"part_inventory_ids", "part_inventory", "1000"}, {"run_ids", "runs", "1"}}) {
            long start;
            try (Statement statement = connection.createStatement();
                    ResultSet highest = statement.executeQuery("SELECT MAX(id) FROM " + sequence[1])) {
                highest.next();
                start = Math.max(highest.getLong(1) + 1, Long.parseLong(sequence[2]));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence[0] + " START WITH " + start);
            }
        }
    }

    private boolean tableExists(String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void runScript(String resource) throws SQLException {
        String script = new String(read(resource), StandardCharsets.UTF_8)
                .replace("${TEXT}", isH2(connection) ? "CHARACTER VARYING" : "TEXT")
                .replace("${BYTES}", isH2(connection) ? "BINARY VARYING(100000)" : "BYTEA");
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String command : sql.toString().split(";")) {
                if (!command.isBlank()) {
                    statement.execute(command);
                }
            }
        }
    }

    /**
     * Loads the Import API's reference data: most files as they are, the users with their API tokens
     * hashed (SHA-256, as the API compares them), the items with their numbering scope, and the
     * counters from which item numbers are generated.
     */
    private void loadCascadia() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO cascadia_users (id, email, role, token_sha256) VALUES (?, ?, ?, ?)")) {
            for (Map<String, String> user : fixture("/fixtures/cascadia/users.csv")) {
                insert.setObject(1, java.util.UUID.fromString(user.get("id")));
                insert.setString(2, user.get("email"));
                insert.setString(3, user.get("role"));
                insert.setString(4, sha256(user.get("api_token")));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        for (String table : CASCADIA_FIXTURES) {
            load("cascadia", table, "cascadia_" + table);
        }
        Map<List<String>, Long> highest = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cascadia_items (id, number_scope, design_id,"
                + " type, item_number, name, revision) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Map<String, String> item : fixture("/fixtures/cascadia/items.csv")) {
                String design = item.get("design_id");
                String scope = item.get("type").equals("ISSUE") ? "ISSUE" : design;
                insert.setObject(1, java.util.UUID.fromString(item.get("id")));
                insert.setString(2, scope);
                insert.setObject(3, design.isEmpty() ? null : java.util.UUID.fromString(design));
                insert.setString(4, item.get("type"));
                insert.setString(5, item.get("item_number"));
                insert.setString(6, item.get("name"));
                insert.setString(7, item.get("revision"));
                insert.addBatch();
                java.util.regex.Matcher number = GENERATED_NUMBER.matcher(item.get("item_number"));
                if (number.matches()) {
                    highest.merge(List.of(scope, number.group(1)), Long.parseLong(number.group(2)), Math::max);
                }
            }
            insert.executeBatch();
        }
        List<List<String>> counters = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet designs = statement.executeQuery("SELECT id FROM cascadia_designs ORDER BY id")) {
            while (designs.next()) {
                counters.add(List.of(designs.getString(1), "PN"));
                counters.add(List.of(designs.getString(1), "DOC"));
            }
        }
        counters.add(List.of("ISSUE", "ISS"));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO cascadia_number_counters (number_scope, prefix, last_value) VALUES (?, ?, ?)")) {
            for (List<String> counter : counters) {
                insert.setString(1, counter.get(0));
                insert.setString(2, counter.get(1));
                insert.setLong(3, highest.getOrDefault(counter, 0L));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Loads the import runs example's reference data: the lists as they are, the users with their
     * passwords hashed, the items with their attributes (the columns after the item's own), and the
     * saved import definitions, each as its JSON document.
     */
    private void loadArena() throws SQLException {
        load("arena", "categories", "arena_categories");
        load("arena", "lifecycle_phases", "arena_lifecycle_phases");
        load("arena", "attributes", "arena_attributes");
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO arena_users (guid, full_name, email, password_hash) VALUES (?, ?, ?, ?)")) {
            for (Map<String, String> user : fixture("/fixtures/arena/users.csv")) {
                insert.setString(1, user.get("guid"));
                insert.setString(2, user.get("full_name"));
                insert.setString(3, user.get("email"));
                insert.setString(4, Passwords.hash(user.get("password")));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<String> itemColumns = List.of("number", "name", "category", "revision", "lifecycle_phase");
        try (PreparedStatement item = connection.prepareStatement("INSERT INTO arena_items (number, name, category,"
                + " revision, lifecycle_phase) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement attribute = connection.prepareStatement(
                        "INSERT INTO arena_item_attributes (number, name, attribute_value) VALUES (?, ?, ?)")) {
            for (Map<String, String> row : fixture("/fixtures/arena/items.csv")) {
                for (int i = 0; i < itemColumns.size(); i++) {
                    String value = row.get(itemColumns.get(i));
                    item.setString(i + 1, value == null || value.isEmpty() ? null : value);
                }
                item.executeUpdate();
                for (Map.Entry<String, String> cell : row.entrySet()) {
                    if (!itemColumns.contains(cell.getKey()) && !cell.getValue().isEmpty()) {
                        attribute.setString(1, row.get("number"));
                        attribute.setString(2, cell.getKey());
                        attribute.setString(3, cell.getValue());
                        attribute.addBatch();
                    }
                }
            }
            attribute.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO arena_import_definitions (guid, name, document) VALUES (?, ?, ?)")) {
            com.fasterxml.jackson.databind.JsonNode definitions = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(read("/fixtures/arena/import_definitions.json"));
            for (com.fasterxml.jackson.databind.JsonNode definition : definitions) {
                insert.setString(1, definition.get("guid").asText());
                insert.setString(2, definition.get("name").asText());
                insert.setString(3, definition.toString());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (IOException e) {
            throw new SQLException("cannot read the saved import definitions: " + e.getMessage(), e);
        }
    }

    private static List<Map<String, String>> fixture(String resource) throws SQLException {
        try (Reader reader = new InputStreamReader(stream(resource), StandardCharsets.UTF_8);
                CSVParser csv = CSVParser.builder().setReader(reader)
                        .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : csv) {
                rows.add(record.toMap());
            }
            return rows;
        } catch (IOException e) {
            throw new SQLException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SHA-256 of a text, as 64 lower-case hex digits: how the Import API stores API tokens.
     *
     * @param text the text
     * @return its digest
     */
    public static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Loads one fixture file into a table, converting cells to the column types. */
    private void load(String app, String file, String table) throws SQLException {
        String resource = "/fixtures/" + app + "/" + file + ".csv";
        Map<String, Integer> types = new HashMap<>();
        Map<String, String> typeNames = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet empty = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
                typeNames.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnTypeName(i));
            }
        }
        try (Reader reader = new InputStreamReader(stream(resource), StandardCharsets.UTF_8);
                CSVParser csv = CSVParser.builder().setReader(reader)
                        .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            List<String> columns = csv.getHeaderNames();
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (CSVRecord record : csv) {
                    for (int i = 0; i < columns.size(); i++) {
                        Integer type = types.get(columns.get(i).toLowerCase(Locale.ROOT));
                        if (type == null) {
                            throw new SQLException(resource + " has column " + columns.get(i) + ", which table "
                                    + table + " does not have");
                        }
                        if ("uuid".equalsIgnoreCase(typeNames.get(columns.get(i).toLowerCase(Locale.ROOT)))) {
                            insert.setObject(i + 1, java.util.UUID.fromString(record.get(i)));
                        } else {
                            bind(insert, i + 1, record.get(i), type);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (IOException e) {
            throw new SQLException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement insert, int index, String value, int type) throws SQLException {
        if (value.isEmpty()) {
            insert.setNull(index, type);
            return;
        }
        switch (type) {
            case Types.BIGINT: case Types.INTEGER: case Types.SMALLINT:
                insert.setLong(index, Long.parseLong(value));
                break;
            case Types.BOOLEAN: case Types.BIT:
                insert.setBoolean(index, Boolean.parseBoolean(value));
                break;
            default:
                insert.setString(index, value);
        }
    }

    private static byte[] read(String resource) throws SQLException {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static InputStream stream(String resource) throws SQLException {
        InputStream in = Database.class.getResourceAsStream(resource);
        if (in == null) {
            throw new SQLException("missing resource " + resource);
        }
        return in;
    }

    /**
     * Lists the tables' row counts, for checks that a dry run changed nothing.
     *
     * @return row counts by table
     * @throws SQLException if a table cannot be read
     */
    public Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        List<String> tables = new ArrayList<>(ION_TABLES);
        tables.add("runs");
        tables.add("run_attribute_values");
        tables.addAll(CASCADIA_TABLES);
        tables.addAll(List.of("arena_items", "arena_item_attributes", "intake_runs"));
        for (String table : tables) {
            counts.put(table, count(table));
        }
        return counts;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
