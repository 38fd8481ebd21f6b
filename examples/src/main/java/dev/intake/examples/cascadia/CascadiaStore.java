package dev.intake.examples.cascadia;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportRow;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.examples.jdbc.Connections;
import dev.intake.examples.jdbc.Database;
import dev.intake.spi.ExistingKeys;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.RowRefusedException;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Import API's data in the host's JDBC database (tables {@code cascadia_*}): who calls, what
 * designs, branches and programs exist, the items the rows create, their BOM links, and the
 * counters item numbers are generated from. Every method works on the connection of the current
 * transaction, as {@link Connections} gives it. Thread-safe.
 */
public final class CascadiaStore {
    /** Unique violation, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String INSERT_ITEM = "INSERT INTO cascadia_items (id, number_scope, design_id, branch_id, type,"
            + " item_number, name, revision, description, part_type, material, weight, weight_unit, cost, cost_currency,"
            + " lead_time_days, doc_type, file_name, mime_type, severity, priority, category, reported_date, resolution,"
            + " root_cause, state, program_id, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ATTRIBUTE =
            "INSERT INTO cascadia_item_attributes (item_id, name, attribute_value) VALUES (?, ?, ?)";

    /** Numbers in the generated style: a prefix, a dash and six digits. */
    private static final Pattern OWN_NUMBER = Pattern.compile("(PN|DOC|ISS)-(\\d{6})");

    private final Connections connections;

    /**
     * A store on the host's connections.
     *
     * @param connections where connections come from
     */
    public CascadiaStore(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections must not be null");
    }

    /**
     * The user an API token belongs to; tokens are stored as their SHA-256.
     *
     * @param token the token as the request gave it
     * @return the user, if the token is known
     * @throws SQLException if the database fails
     */
    public Optional<Caller> callerByToken(String token) throws SQLException {
        return caller("token_sha256", Database.sha256(token));
    }

    /**
     * The user with an email (the command line's {@code --as}).
     *
     * @param email the email
     * @return the user, if known
     * @throws SQLException if the database fails
     */
    public Optional<Caller> callerByEmail(String email) throws SQLException {
        return caller("email", email);
    }

    private Optional<Caller> caller(String column, String value) throws SQLException {
        return connections.with(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, email, role FROM cascadia_users WHERE " + column + " = ?")) {
                select.setString(1, value);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new Caller(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /**
     * A design's lifecycle phase.
     *
     * @param design the design's id
     * @return {@code PRE_RELEASE} or {@code POST_RELEASE}, or empty when there is no such design
     * @throws SQLException if the database fails
     */
    public Optional<String> designPhase(UUID design) throws SQLException {
        return one("SELECT phase FROM cascadia_designs WHERE id = ?", design);
    }

    /**
     * The design a branch belongs to.
     *
     * @param branch the branch's id
     * @return the design's id, or empty when there is no such branch
     * @throws SQLException if the database fails
     */
    public Optional<UUID> branchDesign(UUID branch) throws SQLException {
        return one("SELECT design_id FROM cascadia_branches WHERE id = ?", branch).map(UUID::fromString);
    }

    /**
     * Whether a program exists.
     *
     * @param program the program's id
     * @return true when it does
     * @throws SQLException if the database fails
     */
    public boolean programExists(UUID program) throws SQLException {
        return one("SELECT name FROM cascadia_programs WHERE id = ?", program).isPresent();
    }

    /**
     * Whether a user has access to a design.
     *
     * @param user the user's id
     * @param design the design's id
     * @return true when the user has
     * @throws SQLException if the database fails
     */
    public boolean hasAccess(UUID user, UUID design) throws SQLException {
        return connections.with(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM cascadia_design_access WHERE user_id = ? AND design_id = ?")) {
                select.setObject(1, user);
                select.setObject(2, design);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private Optional<String> one(String sql, UUID id) throws SQLException {
        return connections.with(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The scope in which an item number is unique: the design for parts and documents, all issues
     * for issues.
     *
     * @param kind the kind
     * @param design the design, for parts and documents
     * @return the scope
     */
    static String scope(CascadiaKind kind, Optional<UUID> design) {
        return kind.inDesign() ? design.orElseThrow().toString() : "ISSUE";
    }

    /**
     * The id of the item with a number in a scope.
     *
     * @param scope the scope (see {@link #scope})
     * @param itemNumber the number
     * @return the item's id, if there is one
     * @throws SQLException if the database fails
     */
    public Optional<UUID> itemId(String scope, String itemNumber) throws SQLException {
        return connections.with(connection -> itemId(connection, scope, itemNumber));
    }

    private static Optional<UUID> itemId(Connection connection, String scope, String itemNumber) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM cascadia_items WHERE number_scope = ? AND item_number = ?")) {
            select.setString(1, scope);
            select.setString(2, itemNumber);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /**
     * The items imports create: a repository that creates each on its request's branch (or main),
     * the request travelling in the import's context, and generates missing item numbers.
     *
     * @return the repository
     */
    public RecordRepository<NewItem> items() {
        return new Items();
    }

    /** Writes items, each for the request in its import's context. */
    private final class Items implements RecordRepository<NewItem>, ExistingKeys {

        @Override
        public Optional<String> findExistingByKey(ImportRow row, ImportContext context) throws SQLException {
            CascadiaRequest request = CascadiaDefinitions.request(context);
            return itemId(scope(request.kind(), request.design()), row.text("itemNumber").orElseThrow().strip())
                    .map(UUID::toString);
        }

        @Override
        public Optional<String> findExisting(NewItem record, WriteContext context) throws SQLException {
            if (record.itemNumber() == null) {
                return Optional.empty();
            }
            CascadiaRequest request = CascadiaDefinitions.request(context.context());
            return itemId(scope(request.kind(), request.design()), record.itemNumber()).map(UUID::toString);
        }

        @Override
        public Optional<String> keyOf(NewItem record) {
            return Optional.ofNullable(record.itemNumber());
        }

        @Override
        public Written create(NewItem record, WriteContext context) throws SQLException {
            return createAll(List.of(record), List.of(context)).get(0);
        }

        @Override
        public List<Written> createAll(List<? extends NewItem> records, List<WriteContext> contexts) throws SQLException {
            if (records.isEmpty()) {
                return List.of();
            }
            CascadiaRequest request = CascadiaDefinitions.request(contexts.get(0).context());
            if (records.size() == 1) {
                return connections.with(connection -> List.of(insert(connection, request, records.get(0))));
            }
            return connections.with(connection -> insertAll(connection, request, records));
        }

        /**
         * A chunk's items the way the database wants them: the counter raised once for the numbers
         * given in its style, the missing numbers taken as one block, the items in one batch and their
         * attributes in another. A failure (a number taken by another import meanwhile) fails the
         * call; the importer then creates the items one by one, each refused on its own.
         */
        private List<Written> insertAll(Connection connection, CascadiaRequest request, List<? extends NewItem> items)
                throws SQLException {
            String scope = scope(request.kind(), request.design());
            long highest = 0;
            int missing = 0;
            for (NewItem item : items) {
                if (item.itemNumber() == null) {
                    missing++;
                    continue;
                }
                Matcher own = OWN_NUMBER.matcher(item.itemNumber());
                if (own.matches() && own.group(1).equals(request.kind().prefix())) {
                    highest = Math.max(highest, Long.parseLong(own.group(2)));
                }
            }
            if (highest > 0) {
                raiseCounter(connection, request.kind(), scope, highest);
            }
            java.util.Iterator<String> generated = missing == 0 ? java.util.Collections.emptyIterator()
                    : nextNumbers(connection, request.kind(), scope, missing).iterator();
            List<Written> written = new ArrayList<>(items.size());
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ITEM);
                    PreparedStatement attributes = connection.prepareStatement(INSERT_ATTRIBUTE)) {
                boolean anyAttribute = false;
                for (NewItem item : items) {
                    String number = item.itemNumber() == null ? generated.next() : item.itemNumber();
                    UUID id = UUID.randomUUID();
                    bind(insert, request, scope, id, number, item);
                    insert.addBatch();
                    for (Map.Entry<String, String> attribute : item.attributes().entrySet()) {
                        attributes.setObject(1, id);
                        attributes.setString(2, attribute.getKey());
                        attributes.setString(3, attribute.getValue());
                        attributes.addBatch();
                        anyAttribute = true;
                    }
                    written.add(Written.of(id.toString(), number));
                }
                insert.executeBatch();
                if (anyAttribute) {
                    attributes.executeBatch();
                }
            }
            return written;
        }

        private Written insert(Connection connection, CascadiaRequest request, NewItem item) throws SQLException {
            String scope = scope(request.kind(), request.design());
            String number = item.itemNumber();
            if (number == null) {
                number = nextNumbers(connection, request.kind(), scope, 1).get(0);
            } else {
                Matcher own = OWN_NUMBER.matcher(number);
                if (own.matches() && own.group(1).equals(request.kind().prefix())) {
                    raiseCounter(connection, request.kind(), scope, Long.parseLong(own.group(2)));
                }
            }
            UUID id = UUID.randomUUID();
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ITEM)) {
                bind(insert, request, scope, id, number, item);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // another import took the number between the check and the write
                    throw new RowRefusedException(Problem.at(ProblemCode.DUPLICATE_KEY, "itemNumber",
                            "Duplicate item number"));
                }
                throw e;
            }
            if (!item.attributes().isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_ATTRIBUTE)) {
                    for (Map.Entry<String, String> attribute : item.attributes().entrySet()) {
                        insert.setObject(1, id);
                        insert.setString(2, attribute.getKey());
                        insert.setString(3, attribute.getValue());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            return Written.of(id.toString(), number);
        }

        /** Sets an item's values on the insert. */
        private static void bind(PreparedStatement insert, CascadiaRequest request, String scope, UUID id, String number,
                NewItem item) throws SQLException {
            Object[] values = new Object[28];
            values[0] = id;
            values[1] = scope;
            values[2] = request.design().orElse(null);
            values[3] = request.kind().inDesign() ? request.branch().orElse(null) : null;
            values[4] = request.kind().itemType();
            values[5] = number;
            values[6] = item.name();
            values[7] = item.revision();
            values[8] = item.description();
            if (item instanceof NewItem.NewPart part) {
                values[9] = part.partType();
                values[10] = part.material();
                values[11] = part.weight();
                values[12] = part.weightUnit();
                values[13] = part.cost();
                values[14] = part.costCurrency();
                values[15] = part.leadTimeDays();
            } else if (item instanceof NewItem.NewDocument document) {
                values[16] = document.docType();
                values[17] = document.fileName();
                values[18] = document.mimeType();
            } else if (item instanceof NewItem.NewIssue issue) {
                values[19] = issue.severity();
                values[20] = issue.priority();
                values[21] = issue.category();
                values[22] = issue.reportedDate() == null ? null : Date.valueOf(issue.reportedDate());
                values[23] = issue.resolution();
                values[24] = issue.rootCause();
                values[25] = "Open";
                values[26] = request.program().orElse(null);
            }
            values[27] = request.caller().id();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    insert.setNull(i + 1, nullType(i));
                } else {
                    insert.setObject(i + 1, values[i]);
                }
            }
        }

        /** The SQL type of a null in the insert's column: UUIDs are OTHER on PostgreSQL. */
        private static int nullType(int index) {
            return switch (index) {
                case 2, 3, 26 -> Types.OTHER;
                case 15 -> Types.BIGINT;
                case 22 -> Types.DATE;
                default -> Types.VARCHAR;
            };
        }

        /**
         * The next {@code count} generated numbers: one more than the highest of this prefix in use,
         * and so on, skipping any taken by hand since (one query per block). The counter's row stays
         * locked until the transaction ends, so that imports running at once never hand out the same
         * number.
         */
        private List<String> nextNumbers(Connection connection, CascadiaKind kind, String scope, int count)
                throws SQLException {
            long last;
            try (PreparedStatement select = connection.prepareStatement("SELECT last_value FROM cascadia_number_counters"
                    + " WHERE number_scope = ? AND prefix = ? FOR UPDATE")) {
                select.setString(1, scope);
                select.setString(2, kind.prefix());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("no number counter for " + scope + " " + kind.prefix());
                    }
                    last = rows.getLong(1);
                }
            }
            List<String> numbers = new ArrayList<>(count);
            long next = last + 1;
            while (numbers.size() < count) {
                List<String> block = new ArrayList<>();
                for (int i = 0; i < count - numbers.size(); i++) {
                    block.add(format(kind, next + i));
                }
                java.util.Set<String> taken = taken(connection, scope, block);
                for (String number : block) {
                    if (!taken.contains(number)) {
                        numbers.add(number);
                    }
                }
                next += block.size();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE cascadia_number_counters SET last_value = ?"
                    + " WHERE number_scope = ? AND prefix = ?")) {
                update.setLong(1, next - 1);
                update.setString(2, scope);
                update.setString(3, kind.prefix());
                update.executeUpdate();
            }
            return numbers;
        }

        private java.util.Set<String> taken(Connection connection, String scope, List<String> numbers)
                throws SQLException {
            java.util.Set<String> taken = new java.util.HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT item_number FROM cascadia_items"
                    + " WHERE number_scope = ? AND item_number IN ("
                    + String.join(", ", java.util.Collections.nCopies(numbers.size(), "?")) + ")")) {
                select.setString(1, scope);
                for (int i = 0; i < numbers.size(); i++) {
                    select.setString(i + 2, numbers.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        taken.add(rows.getString(1));
                    }
                }
            }
            return taken;
        }

        private void raiseCounter(Connection connection, CascadiaKind kind, String scope, long value) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement("UPDATE cascadia_number_counters SET last_value = ?"
                    + " WHERE number_scope = ? AND prefix = ? AND last_value < ?")) {
                update.setLong(1, value);
                update.setString(2, scope);
                update.setString(3, kind.prefix());
                update.setLong(4, value);
                update.executeUpdate();
            }
        }

        private static String format(CascadiaKind kind, long value) {
            return String.format(Locale.ROOT, "%s-%06d", kind.prefix(), value);
        }
    }

    /**
     * Takes the design's row lock for the current transaction: the BOM links of one design are
     * checked for cycles and written one request at a time, across every process on the database
     * (two requests linking A to B and B to A at once would each see no cycle otherwise).
     *
     * <p>On PostgreSQL the lock is {@code FOR NO KEY UPDATE}: it excludes the same lock of another
     * request but not the key-share lock that inserting an item of the design takes for its foreign
     * key, so other requests go on creating their items while one writes its links. ({@code FOR
     * UPDATE} would make every other request's item inserts wait for this transaction's end.)
     *
     * @param design the design
     * @throws SQLException if the database fails
     */
    public void lockDesign(UUID design) throws SQLException {
        connections.with(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM cascadia_designs WHERE id = ?"
                    + (Database.isPostgres(connection) ? " FOR NO KEY UPDATE" : " FOR UPDATE"))) {
                lock.setObject(1, design);
                lock.executeQuery().close();
                return null;
            }
        });
    }

    /** Items or links asked for in one statement. */
    private static final int AT_ONCE = 500;

    /**
     * A BOM link as stored.
     *
     * @param parent the parent's id
     * @param child the child's id
     * @param quantity the quantity
     * @param findNumber the find number, or null
     * @param referenceDesignator the reference designators, or null
     */
    public record Link(UUID parent, UUID child, BigDecimal quantity, Long findNumber, String referenceDesignator) {
    }

    /**
     * The ids of some item numbers in a scope, in one statement per {@value #AT_ONCE} numbers.
     *
     * @param scope the number scope
     * @param itemNumbers the numbers
     * @return the id of each number that has an item; the others are absent
     * @throws SQLException if the database fails
     */
    public Map<String, UUID> itemIds(String scope, java.util.Collection<String> itemNumbers) throws SQLException {
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(itemNumbers));
        Map<String, UUID> found = new java.util.HashMap<>();
        for (int from = 0; from < all.size(); from += AT_ONCE) {
            List<String> some = all.subList(from, Math.min(all.size(), from + AT_ONCE));
            connections.with(connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT item_number, id FROM cascadia_items"
                        + " WHERE number_scope = ? AND item_number IN (" + String.join(", ", java.util.Collections.nCopies(
                                some.size(), "?")) + ")")) {
                    select.setString(1, scope);
                    for (int i = 0; i < some.size(); i++) {
                        select.setString(i + 2, some.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getString(1), rows.getObject(2, UUID.class));
                        }
                    }
                }
                return null;
            });
        }
        return found;
    }

    /**
     * Every link below some items: theirs, their children's, and so on down, a level at a time, in
     * one statement per level and {@value #AT_ONCE} items of it. With the design's lock held
     * ({@link #lockDesign}), what a request's links are checked against for cycles, in memory.
     *
     * <p>Not one recursive statement: PostgreSQL estimates a recursive query at thousands of times
     * the rows it meets, and past {@code jit_above_cost} compiles it before running it, which took
     * 30 to 300 ms for what reads a few index pages. Each level's statement is a plain index scan.
     *
     * @param items where to start
     * @return the links reached, each once
     * @throws SQLException if the database fails
     */
    public List<Link> linksBelow(java.util.Collection<UUID> items) throws SQLException {
        Map<UUID, Link> found = new LinkedHashMap<>();
        Set<UUID> reached = new HashSet<>(items);
        List<UUID> level = new ArrayList<>(new java.util.LinkedHashSet<>(items));
        while (!level.isEmpty()) {
            List<UUID> next = new ArrayList<>();
            for (int from = 0; from < level.size(); from += AT_ONCE) {
                List<UUID> some = level.subList(from, Math.min(level.size(), from + AT_ONCE));
                connections.with(connection -> {
                    try (PreparedStatement select = connection.prepareStatement("SELECT id, parent_id, child_id,"
                            + " quantity, find_number, reference_designator FROM cascadia_bom_links WHERE parent_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(some.size(), "?")) + ")")) {
                        for (int i = 0; i < some.size(); i++) {
                            select.setObject(i + 1, some.get(i));
                        }
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                long number = rows.getLong(5);
                                Long find = rows.wasNull() ? null : number;
                                Link link = new Link(rows.getObject(2, UUID.class), rows.getObject(3, UUID.class),
                                        rows.getBigDecimal(4), find, rows.getString(6));
                                if (found.putIfAbsent(rows.getObject(1, UUID.class), link) == null
                                        && reached.add(link.child())) {
                                    next.add(link.child());
                                }
                            }
                        }
                    }
                    return null;
                });
            }
            level = next;
        }
        return new ArrayList<>(found.values());
    }

    /**
     * The links from some items to some others, in one statement per {@value #AT_ONCE} of each.
     *
     * @param parents the parents
     * @param children the children
     * @return the links from one of the parents to one of the children
     * @throws SQLException if the database fails
     */
    public List<Link> linksBetween(java.util.Collection<UUID> parents, java.util.Collection<UUID> children)
            throws SQLException {
        List<UUID> from = new ArrayList<>(new java.util.LinkedHashSet<>(parents));
        List<UUID> to = new ArrayList<>(new java.util.LinkedHashSet<>(children));
        List<Link> found = new ArrayList<>();
        for (int p = 0; p < from.size(); p += AT_ONCE) {
            List<UUID> someParents = from.subList(p, Math.min(from.size(), p + AT_ONCE));
            for (int c = 0; c < to.size(); c += AT_ONCE) {
                List<UUID> someChildren = to.subList(c, Math.min(to.size(), c + AT_ONCE));
                connections.with(connection -> {
                    try (PreparedStatement select = connection.prepareStatement("SELECT parent_id, child_id, quantity,"
                            + " find_number, reference_designator FROM cascadia_bom_links WHERE parent_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(someParents.size(), "?"))
                            + ") AND child_id IN (" + String.join(", ", java.util.Collections.nCopies(someChildren.size(),
                                    "?")) + ")")) {
                        int at = 1;
                        for (UUID parent : someParents) {
                            select.setObject(at++, parent);
                        }
                        for (UUID child : someChildren) {
                            select.setObject(at++, child);
                        }
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                long number = rows.getLong(4);
                                Long find = rows.wasNull() ? null : number;
                                found.add(new Link(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                                        rows.getBigDecimal(3), find, rows.getString(5)));
                            }
                        }
                    }
                    return null;
                });
            }
        }
        return found;
    }

    /**
     * Creates links checked already (with the design's lock held, against {@link #linksBelow}), as
     * one batch.
     *
     * @param links the links
     * @return their ids, in order
     * @throws SQLException if the database fails
     */
    public List<UUID> insertLinks(List<Link> links) throws SQLException {
        List<UUID> ids = new ArrayList<>(links.size());
        if (links.isEmpty()) {
            return ids;
        }
        connections.with(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cascadia_bom_links (id, parent_id,"
                    + " child_id, quantity, find_number, reference_designator) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Link link : links) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    insert.setObject(1, id);
                    insert.setObject(2, link.parent());
                    insert.setObject(3, link.child());
                    insert.setBigDecimal(4, link.quantity());
                    if (link.findNumber() == null) {
                        insert.setNull(5, Types.BIGINT);
                    } else {
                        insert.setLong(5, link.findNumber());
                    }
                    insert.setString(6, link.referenceDesignator());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        return ids;
    }

    /**
     * An item as the API shows it: its fields, attributes and (parts) BOM children.
     *
     * @param id the item's id
     * @return the item's fields, if it exists
     * @throws SQLException if the database fails
     */
    public Optional<Map<String, Object>> item(UUID id) throws SQLException {
        return connections.with(connection -> {
            Map<String, Object> item = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, design_id, branch_id, type,"
                    + " item_number, name, revision, description, part_type, material, weight, weight_unit, cost,"
                    + " cost_currency, lead_time_days, doc_type, file_name, mime_type, severity, priority, category,"
                    + " reported_date, resolution, root_cause, state, program_id FROM cascadia_items WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    item.put("itemId", rows.getString("id"));
                    item.put("designId", rows.getString("design_id"));
                    item.put("branchId", rows.getString("branch_id"));
                    String type = rows.getString("type");
                    item.put("type", type);
                    item.put("itemNumber", rows.getString("item_number"));
                    item.put("name", rows.getString("name"));
                    item.put("revision", rows.getString("revision"));
                    item.put("description", rows.getString("description"));
                    switch (type) {
                        case "PART" -> {
                            item.put("partType", rows.getString("part_type"));
                            item.put("material", rows.getString("material"));
                            item.put("weight", rows.getString("weight"));
                            item.put("weightUnit", rows.getString("weight_unit"));
                            item.put("cost", rows.getString("cost"));
                            item.put("costCurrency", rows.getString("cost_currency"));
                            long lead = rows.getLong("lead_time_days");
                            item.put("leadTimeDays", rows.wasNull() ? null : lead);
                        }
                        case "DOCUMENT" -> {
                            item.put("docType", rows.getString("doc_type"));
                            item.put("fileName", rows.getString("file_name"));
                            item.put("mimeType", rows.getString("mime_type"));
                        }
                        default -> {
                            item.put("severity", rows.getString("severity"));
                            item.put("priority", rows.getString("priority"));
                            item.put("category", rows.getString("category"));
                            Date reported = rows.getDate("reported_date");
                            item.put("reportedDate", reported == null ? null : reported.toLocalDate().toString());
                            item.put("resolution", rows.getString("resolution"));
                            item.put("rootCause", rows.getString("root_cause"));
                            item.put("state", rows.getString("state"));
                            item.put("programId", rows.getString("program_id"));
                        }
                    }
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, attribute_value FROM cascadia_item_attributes WHERE item_id = ? ORDER BY name")) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        attributes.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            item.put("attributes", attributes);
            if ("PART".equals(item.get("type"))) {
                List<Map<String, Object>> bom = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT c.item_number, l.quantity,"
                        + " l.find_number, l.reference_designator FROM cascadia_bom_links l"
                        + " JOIN cascadia_items c ON c.id = l.child_id WHERE l.parent_id = ?"
                        + " ORDER BY l.find_number NULLS LAST, c.item_number")) {
                    select.setObject(1, id);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            Map<String, Object> link = new LinkedHashMap<>();
                            link.put("childItemNumber", rows.getString(1));
                            link.put("quantity", rows.getBigDecimal(2).stripTrailingZeros());
                            long find = rows.getLong(3);
                            link.put("findNumber", rows.wasNull() ? null : find);
                            link.put("referenceDesignator", rows.getString(4));
                            bom.add(link);
                        }
                    }
                }
                item.put("bom", bom);
            }
            return Optional.of(item);
        });
    }
}
