package dev.intake.examples.ion;

import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run: its new inventory record first (with generated serial and lot numbers), then the run
 * (with a generated title), then its custom attributes. Runs inside the importer's transaction.
 * Runs created together go in JDBC batches: one for their new inventory, one for the runs, one for
 * the attributes, and one each for the generated numbers and titles when rows ask for them.
 */
final class RunWriter implements RecordRepository<NewRun> {
    private final PreparedStatement insertInventory;
    private final PreparedStatement numberInventory;
    private final PreparedStatement insertRun;
    private final PreparedStatement titleRun;
    private final PreparedStatement insertAttribute;

    RunWriter(Connection connection) throws SQLException {
        insertInventory = connection.prepareStatement("INSERT INTO part_inventory"
                + " (part_number, revision, serial_number, lot_number, quantity) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS);
        numberInventory = connection.prepareStatement(
                "UPDATE part_inventory SET serial_number = COALESCE(?, serial_number), lot_number = COALESCE(?, lot_number)"
                        + " WHERE id = ?");
        insertRun = connection.prepareStatement("INSERT INTO runs (title, procedure_id, part_inventory_id, assigned_to,"
                + " intent_option, due_date, quantity, description, export_controlled, run_batch_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
        titleRun = connection.prepareStatement("UPDATE runs SET title = ? WHERE id = ?");
        insertAttribute = connection.prepareStatement(
                "INSERT INTO run_attribute_values (run_id, attribute_key, attribute_value) VALUES (?, ?, ?)");
    }

    @Override
    public Written create(NewRun run, WriteContext context) throws SQLException {
        Long inventoryId = run.partInventoryId();
        if (run.newInventory() != null) {
            inventoryId = createInventory(run.newInventory());
        }
        setRun(run, inventoryId, context);
        insertRun.executeUpdate();
        long id = generatedId(insertRun);
        String title = run.title();
        if (run.autogenerateTitle()) {
            title = String.format("RUN-%04d", id);
            titleRun.setString(1, title);
            titleRun.setLong(2, id);
            titleRun.executeUpdate();
        }
        if (addAttributes(run, id)) {
            insertAttribute.executeBatch();
        }
        return Written.of(Long.toString(id), title);
    }

    private void setRun(NewRun run, Long inventoryId, WriteContext context) throws SQLException {
        insertRun.setString(1, run.title());
        setLong(insertRun, 2, run.procedure() == null ? null : run.procedure().id());
        setLong(insertRun, 3, inventoryId);
        insertRun.setString(4, run.assignedTo());
        insertRun.setString(5, run.intentOption());
        insertRun.setDate(6, run.dueDate() == null ? null : Date.valueOf(run.dueDate()));
        setLong(insertRun, 7, run.quantity());
        insertRun.setString(8, run.description());
        if (run.exportControlled() == null) {
            insertRun.setNull(9, Types.BOOLEAN);
        } else {
            insertRun.setBoolean(9, run.exportControlled());
        }
        setLong(insertRun, 10, context.groupId("run_batch_title").map(Long::valueOf).orElse(null));
    }

    /** Adds the run's attribute values to the attribute batch; tells whether there were any. */
    private boolean addAttributes(NewRun run, long id) throws SQLException {
        for (Map.Entry<String, Object> attribute : run.attributes().entrySet()) {
            insertAttribute.setLong(1, id);
            insertAttribute.setString(2, attribute.getKey());
            insertAttribute.setString(3, String.valueOf(attribute.getValue()));
            insertAttribute.addBatch();
        }
        return !run.attributes().isEmpty();
    }

    @Override
    public List<Written> createAll(List<? extends NewRun> runs, List<WriteContext> contexts) throws SQLException {
        try {
            return createTogether(runs, contexts);
        } catch (SQLException | RuntimeException e) {
            // The engine writes these rows again one by one: nothing queued may be sent with them.
            for (PreparedStatement statement : List.of(insertInventory, numberInventory, insertRun, titleRun,
                    insertAttribute)) {
                try {
                    statement.clearBatch();
                } catch (SQLException cleared) {
                    e.addSuppressed(cleared);
                }
            }
            throw e;
        }
    }

    private List<Written> createTogether(List<? extends NewRun> runs, List<WriteContext> contexts) throws SQLException {
        Long[] inventoryIds = new Long[runs.size()];
        List<Integer> withNewInventory = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            NewRun.NewInventory inventory = runs.get(i).newInventory();
            inventoryIds[i] = runs.get(i).partInventoryId();
            if (inventory != null) {
                setInventory(inventory);
                insertInventory.addBatch();
                withNewInventory.add(i);
            }
        }
        if (!withNewInventory.isEmpty()) {
            long[] ids = executeWithIds(insertInventory, withNewInventory.size());
            boolean numbered = false;
            for (int k = 0; k < ids.length; k++) {
                int i = withNewInventory.get(k);
                inventoryIds[i] = ids[k];
                numbered |= setNumbers(runs.get(i).newInventory(), ids[k]);
            }
            if (numbered) {
                numberInventory.executeBatch();
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            setRun(runs.get(i), inventoryIds[i], contexts.get(i));
            insertRun.addBatch();
        }
        long[] runIds = executeWithIds(insertRun, runs.size());
        List<Written> written = new ArrayList<>(runs.size());
        boolean titled = false;
        boolean attributes = false;
        for (int i = 0; i < runs.size(); i++) {
            NewRun run = runs.get(i);
            String title = run.title();
            if (run.autogenerateTitle()) {
                title = String.format("RUN-%04d", runIds[i]);
                titleRun.setString(1, title);
                titleRun.setLong(2, runIds[i]);
                titleRun.addBatch();
                titled = true;
            }
            attributes |= addAttributes(run, runIds[i]);
            written.add(Written.of(Long.toString(runIds[i]), title));
        }
        if (titled) {
            titleRun.executeBatch();
        }
        if (attributes) {
            insertAttribute.executeBatch();
        }
        return written;
    }

    /** Runs a batch of inserts and reads the ids they generated, one per row, in order. */
    private static long[] executeWithIds(PreparedStatement statement, int rows) throws SQLException {
        statement.executeBatch();
        long[] ids = new long[rows];
        int n = 0;
        try (ResultSet keys = statement.getGeneratedKeys()) {
            while (keys.next()) {
                if (n == rows) {
                    throw new SQLException("the database returned more generated ids than the " + rows + " rows inserted");
                }
                ids[n++] = keys.getLong(1);
            }
        }
        if (n != rows) {
            throw new SQLException("the database returned " + n + " generated ids for " + rows + " rows inserted");
        }
        return ids;
    }

    @Override
    public Optional<String> keyOf(NewRun run) {
        return Optional.ofNullable(run.title());
    }

    private long createInventory(NewRun.NewInventory inventory) throws SQLException {
        setInventory(inventory);
        insertInventory.executeUpdate();
        long id = generatedId(insertInventory);
        if (setNumbers(inventory, id)) {
            numberInventory.executeBatch();
        }
        return id;
    }

    private void setInventory(NewRun.NewInventory inventory) throws SQLException {
        insertInventory.setString(1, inventory.partNumber());
        insertInventory.setString(2, inventory.revision());
        insertInventory.setString(3, inventory.serialNumber());
        insertInventory.setString(4, inventory.lotNumber());
        setLong(insertInventory, 5, inventory.quantity());
    }

    /** Adds the generated serial and lot numbers the inventory asks for to their batch; tells whether it asks. */
    private boolean setNumbers(NewRun.NewInventory inventory, long id) throws SQLException {
        if (!inventory.autogenerateSerialNumber() && !inventory.autogenerateLotNumber()) {
            return false;
        }
        numberInventory.setString(1, inventory.autogenerateSerialNumber() ? String.format("SN-%06d", id) : null);
        numberInventory.setString(2, inventory.autogenerateLotNumber() ? String.format("LOT-%06d", id) : null);
        numberInventory.setLong(3, id);
        numberInventory.addBatch();
        return true;
    }

    private static long generatedId(PreparedStatement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
