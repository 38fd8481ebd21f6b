package dev.intake.benchmarks;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two hand-made baselines write, as a team would write it without Intake: a run's new
 * inventory, the run, its three attribute values, in JDBC batches per chunk, run batches found or
 * created through a map. The same tables and rows as the Intake commit of a file without failing
 * references.
 */
final class HandWrittenRuns implements AutoCloseable {
    /** A row as the baselines map it: texts for the attributes, ids already resolved. */
    record Run(String title, Long procedureId, Long partInventoryId, String partNumber, String revision,
            String serialNumber, String lotNumber, String assignedTo, String intentOption, LocalDate dueDate,
            long quantity, String description, boolean exportControlled, String batchTitle, List<String> attributes) {
    }

    /** The custom attribute keys, in the order of {@link Run#attributes()}. */
    static final List<String> ATTRIBUTES = List.of("work_order", "line", "shift");

    private final Map<String, Long> batches = new HashMap<>();
    private final PreparedStatement inventory;
    private final PreparedStatement run;
    private final PreparedStatement attribute;
    private final PreparedStatement batch;

    HandWrittenRuns(Connection connection) throws SQLException {
        inventory = connection.prepareStatement("INSERT INTO part_inventory (part_number, revision, serial_number,"
                + " lot_number, quantity) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
        run = connection.prepareStatement("INSERT INTO runs (title, procedure_id, part_inventory_id, assigned_to,"
                + " intent_option, due_date, quantity, description, export_controlled, run_batch_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
        attribute = connection.prepareStatement("INSERT INTO run_attribute_values (run_id, attribute_key,"
                + " attribute_value) VALUES (?, ?, ?)");
        batch = connection.prepareStatement("INSERT INTO run_batches (title) VALUES (?)", Statement.RETURN_GENERATED_KEYS);
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

    /** Writes a chunk: its new inventory, then its runs, then their attribute values, a batch each. */
    long write(List<Run> chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return 0;
        }
        List<Integer> withInventory = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            Run r = chunk.get(i);
            if (r.partNumber() != null) {
                inventory.setString(1, r.partNumber());
                inventory.setString(2, r.revision());
                inventory.setString(3, r.serialNumber());
                inventory.setString(4, r.lotNumber());
                inventory.setLong(5, r.quantity());
                inventory.addBatch();
                withInventory.add(i);
            }
        }
        Long[] inventoryIds = new Long[chunk.size()];
        inventory.executeBatch();
        try (ResultSet keys = inventory.getGeneratedKeys()) {
            for (int i = 0; keys.next(); i++) {
                inventoryIds[withInventory.get(i)] = keys.getLong(1);
            }
        }
        for (int i = 0; i < chunk.size(); i++) {
            Run r = chunk.get(i);
            run.setString(1, r.title());
            setLong(run, 2, r.procedureId());
            setLong(run, 3, inventoryIds[i] != null ? inventoryIds[i] : r.partInventoryId());
            run.setString(4, r.assignedTo());
            run.setString(5, r.intentOption());
            run.setDate(6, Date.valueOf(r.dueDate()));
            run.setLong(7, r.quantity());
            run.setString(8, r.description());
            run.setBoolean(9, r.exportControlled());
            setLong(run, 10, batches.computeIfAbsent(r.batchTitle(), this::createBatch));
            run.addBatch();
        }
        run.executeBatch();
        try (ResultSet keys = run.getGeneratedKeys()) {
            for (int i = 0; keys.next(); i++) {
                for (int a = 0; a < ATTRIBUTES.size(); a++) {
                    attribute.setLong(1, keys.getLong(1));
                    attribute.setString(2, ATTRIBUTES.get(a));
                    attribute.setString(3, chunk.get(i).attributes().get(a));
                    attribute.addBatch();
                }
            }
        }
        attribute.executeBatch();
        return chunk.size();
    }

    private Long createBatch(String title) {
        try {
            batch.setString(1, title);
            batch.executeUpdate();
            try (ResultSet keys = batch.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : List.of(inventory, run, attribute, batch)) {
            statement.close();
        }
    }
}
