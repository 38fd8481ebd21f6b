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
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run: its new inventory record first (with generated serial and lot numbers), then the run
 * (with a generated title), then its custom attributes. Runs inside the importer's transaction.
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
        insertRun.executeUpdate();
        long id = generatedId(insertRun);
        String title = run.title();
        if (run.autogenerateTitle()) {
            title = String.format("RUN-%04d", id);
            titleRun.setString(1, title);
            titleRun.setLong(2, id);
            titleRun.executeUpdate();
        }
        for (Map.Entry<String, Object> attribute : run.attributes().entrySet()) {
            insertAttribute.setLong(1, id);
            insertAttribute.setString(2, attribute.getKey());
            insertAttribute.setString(3, String.valueOf(attribute.getValue()));
            insertAttribute.addBatch();
        }
        if (!run.attributes().isEmpty()) {
            insertAttribute.executeBatch();
        }
        return Written.of(Long.toString(id), title);
    }

    @Override
    public Optional<String> keyOf(NewRun run) {
        return Optional.ofNullable(run.title());
    }

    private long createInventory(NewRun.NewInventory inventory) throws SQLException {
        insertInventory.setString(1, inventory.partNumber());
        insertInventory.setString(2, inventory.revision());
        insertInventory.setString(3, inventory.serialNumber());
        insertInventory.setString(4, inventory.lotNumber());
        setLong(insertInventory, 5, inventory.quantity());
        insertInventory.executeUpdate();
        long id = generatedId(insertInventory);
        if (inventory.autogenerateSerialNumber() || inventory.autogenerateLotNumber()) {
            numberInventory.setString(1, inventory.autogenerateSerialNumber() ? String.format("SN-%06d", id) : null);
            numberInventory.setString(2, inventory.autogenerateLotNumber() ? String.format("LOT-%06d", id) : null);
            numberInventory.setLong(3, id);
            numberInventory.executeUpdate();
        }
        return id;
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
