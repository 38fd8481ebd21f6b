package dev.intake.benchmarks;

import dev.intake.examples.jdbc.MultiRowInsert;
import dev.intake.examples.jdbc.RowInsert;
import dev.intake.examples.jdbc.Sequences;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the hand-written baselines write, as a careful team would write it without Intake, the way the
 * database takes it fastest: a chunk's inventory and run ids taken from their sequences in one query
 * each, generated titles and lot and serial numbers computed from them in Java, and the new
 * inventory, the runs and their three attribute values in one multi-row insert each (the examples'
 * {@link MultiRowInsert}, as Intake's runs writer does), or, to compare, one {@link CopyInsert} each on
 * PostgreSQL. Run batches are found or created through a
 * map shared by every thread, each created and committed on a connection of its own. The same tables
 * and rows as the Intake commit of a file without failing references.
 */
final class HandWrittenRuns implements AutoCloseable {
    /** A row as the baselines map it: texts for the attributes, ids already resolved. */
    record Run(String title, boolean autogenerateTitle, Long procedureId, Long partInventoryId, String partNumber,
            String revision, String serialNumber, boolean autogenerateSerial, String lotNumber, boolean autogenerateLot,
            String assignedTo, String intentOption, LocalDate dueDate, long quantity, String description,
            boolean exportControlled, String batchTitle, List<String> attributes) {
    }

    /** The custom attribute keys, in the order of {@link Run#attributes()}. */
    static final List<String> ATTRIBUTES = List.of("work_order", "line", "shift");

    /** Run batches by title, created once whichever thread asks first, each committed at once. */
    static final class Batches implements AutoCloseable {
        private final Map<String, Long> ids = new ConcurrentHashMap<>();
        private final Connection own;
        private final PreparedStatement find;
        private final PreparedStatement create;

        Batches(String url) throws SQLException {
            own = DriverManager.getConnection(url);
            find = own.prepareStatement("SELECT id FROM run_batches WHERE title = ?");
            create = own.prepareStatement("INSERT INTO run_batches (title) VALUES (?)", Statement.RETURN_GENERATED_KEYS);
        }

        Long id(String title) {
            return title == null || title.isEmpty() ? null : ids.computeIfAbsent(title, this::findOrCreate);
        }

        private synchronized Long findOrCreate(String title) {
            try {
                find.setString(1, title);
                try (ResultSet found = find.executeQuery()) {
                    if (found.next()) {
                        return found.getLong(1);
                    }
                }
                create.setString(1, title);
                create.executeUpdate();
                try (ResultSet keys = create.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws SQLException {
            own.close();
        }
    }

    private final Batches batches;
    private final Sequences inventoryIds;
    private final Sequences runIds;
    private final RowInsert inventory;
    private final RowInsert runs;
    private final RowInsert attributes;

    HandWrittenRuns(Connection connection, Batches batches) throws SQLException {
        this(connection, batches, false);
    }

    /**
     * @param copy whether to send rows with {@code COPY} on PostgreSQL, or multi-row inserts everywhere
     */
    HandWrittenRuns(Connection connection, Batches batches, boolean copy) throws SQLException {
        this.batches = batches;
        inventoryIds = new Sequences(connection, "part_inventory_ids");
        runIds = new Sequences(connection, "run_ids");
        inventory = insert(copy, connection, "part_inventory",
                List.of("id", "part_number", "revision", "serial_number", "lot_number", "quantity"),
                Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT);
        runs = insert(copy, connection, "runs", List.of("id", "title", "procedure_id", "part_inventory_id",
                "assigned_to", "intent_option", "due_date", "quantity", "description", "export_controlled", "run_batch_id"),
                Types.BIGINT, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.DATE,
                Types.BIGINT, Types.VARCHAR, Types.BOOLEAN, Types.BIGINT);
        attributes = insert(copy, connection, "run_attribute_values",
                List.of("run_id", "attribute_key", "attribute_value"), Types.BIGINT, Types.VARCHAR, Types.VARCHAR);
    }

    private static RowInsert insert(boolean copy, Connection connection, String table, List<String> columns,
            int... types) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                .contains("postgresql");
        return copy && postgres ? new CopyInsert(connection, table, columns)
                : new MultiRowInsert(connection, table, columns, types);
    }

    /**
     * The procedures by title and version, the first of several alike (the hand-written baselines
     * do not report ambiguity).
     */
    static Map<String, Long> procedures(Connection connection) throws SQLException {
        Map<String, Long> procedures = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("SELECT id, title, version FROM procedures ORDER BY id")) {
            while (found.next()) {
                procedures.putIfAbsent(procedureKey(found.getString(2), found.getString(3)), found.getLong(1));
            }
        }
        return procedures;
    }

    static String procedureKey(String title, String version) {
        return title + "\u0000" + version;
    }

    static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    /** Writes a chunk: ids first, then its new inventory, its runs, their attribute values, a statement each. */
    long write(List<Run> chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return 0;
        }
        int withInventory = 0;
        for (Run r : chunk) {
            withInventory += r.partNumber() == null ? 0 : 1;
        }
        long[] newInventory = inventoryIds.next(withInventory);
        long[] ids = runIds.next(chunk.size());
        int k = 0;
        for (int i = 0; i < chunk.size(); i++) {
            Run r = chunk.get(i);
            Long inventoryId = r.partInventoryId();
            if (r.partNumber() != null) {
                inventoryId = newInventory[k++];
                inventory.add(inventoryId, r.partNumber(), r.revision(),
                        r.autogenerateSerial() ? Sequences.numbered("SN-", inventoryId, 6) : r.serialNumber(),
                        r.autogenerateLot() ? Sequences.numbered("LOT-", inventoryId, 6) : r.lotNumber(), r.quantity());
            }
            runs.add(ids[i], r.autogenerateTitle() ? Sequences.numbered("RUN-", ids[i], 4) : r.title(), r.procedureId(),
                    inventoryId, r.assignedTo(), r.intentOption(), Date.valueOf(r.dueDate()), r.quantity(),
                    r.description(), r.exportControlled(), batches.id(r.batchTitle()));
            for (int a = 0; a < ATTRIBUTES.size(); a++) {
                attributes.add(ids[i], ATTRIBUTES.get(a), r.attributes().get(a));
            }
        }
        inventory.execute();
        runs.execute();
        attributes.execute();
        return chunk.size();
    }

    @Override
    public void close() throws SQLException {
        inventoryIds.close();
        runIds.close();
        inventory.close();
        runs.close();
        attributes.close();
    }
}
