package dev.intake.examples.ion;

import dev.intake.examples.jdbc.MultiRowInsert;
import dev.intake.examples.jdbc.Sequences;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes runs the way the database takes them fastest: the ids of a chunk's new inventory records
 * and runs are taken from their sequences in one query each, generated serial and lot numbers and
 * titles are computed from those ids in Java, and the inventory, the runs and their custom
 * attributes go in one multi-row insert each (three statements for a chunk of 500 rows, plus two
 * for the ids; PostgreSQL's {@code COPY} did no better in the benchmarks). Nothing is read back and
 * nothing updated afterwards. Runs inside the importer's transaction; when a chunk fails, the engine
 * writes its rows again one by one, each through the same path.
 */
final class RunWriter implements RecordRepository<NewRun> {
    private final Sequences inventoryIds;
    private final Sequences runIds;
    private final MultiRowInsert inventory;
    private final MultiRowInsert runs;
    private final MultiRowInsert attributes;

    RunWriter(Connection connection) throws SQLException {
        inventoryIds = new Sequences(connection, "part_inventory_ids");
        runIds = new Sequences(connection, "run_ids");
        inventory = new MultiRowInsert(connection, "part_inventory",
                List.of("id", "part_number", "revision", "serial_number", "lot_number", "quantity"),
                Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT);
        runs = new MultiRowInsert(connection, "runs", List.of("id", "title", "procedure_id", "part_inventory_id",
                "assigned_to", "intent_option", "due_date", "quantity", "description", "export_controlled", "run_batch_id"),
                Types.BIGINT, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.DATE,
                Types.BIGINT, Types.VARCHAR, Types.BOOLEAN, Types.BIGINT);
        attributes = new MultiRowInsert(connection, "run_attribute_values",
                List.of("run_id", "attribute_key", "attribute_value"), Types.BIGINT, Types.VARCHAR, Types.VARCHAR);
    }

    @Override
    public Written create(NewRun run, WriteContext context) throws SQLException {
        return createAll(List.of(run), List.of(context)).get(0);
    }

    @Override
    public List<Written> createAll(List<? extends NewRun> newRuns, List<WriteContext> contexts) throws SQLException {
        try {
            return createTogether(newRuns, contexts);
        } catch (SQLException | RuntimeException e) {
            // The engine writes these rows again one by one: nothing queued may be sent with them.
            inventory.clear();
            runs.clear();
            attributes.clear();
            throw e;
        }
    }

    private List<Written> createTogether(List<? extends NewRun> newRuns, List<WriteContext> contexts)
            throws SQLException {
        int withInventory = 0;
        for (NewRun run : newRuns) {
            withInventory += run.newInventory() == null ? 0 : 1;
        }
        long[] newInventoryIds = inventoryIds.next(withInventory);
        long[] ids = runIds.next(newRuns.size());
        List<Written> written = new ArrayList<>(newRuns.size());
        int k = 0;
        for (int i = 0; i < newRuns.size(); i++) {
            NewRun run = newRuns.get(i);
            Long inventoryId = run.partInventoryId();
            NewRun.NewInventory created = run.newInventory();
            if (created != null) {
                inventoryId = newInventoryIds[k++];
                String serial = created.autogenerateSerialNumber() ? Sequences.numbered("SN-", inventoryId, 6)
                        : created.serialNumber();
                String lot = created.autogenerateLotNumber() ? Sequences.numbered("LOT-", inventoryId, 6)
                        : created.lotNumber();
                inventory.add(inventoryId, created.partNumber(), created.revision(), serial, lot, created.quantity());
            }
            long id = ids[i];
            String title = run.autogenerateTitle() ? Sequences.numbered("RUN-", id, 4) : run.title();
            runs.add(id, title, run.procedure() == null ? null : run.procedure().id(), inventoryId, run.assignedTo(),
                    run.intentOption(), run.dueDate() == null ? null : Date.valueOf(run.dueDate()), run.quantity(),
                    run.description(), run.exportControlled(),
                    contexts.get(i).groupId("run_batch_title").map(Long::valueOf).orElse(null));
            for (Map.Entry<String, Object> attribute : run.attributes().entrySet()) {
                attributes.add(id, attribute.getKey(), String.valueOf(attribute.getValue()));
            }
            written.add(Written.of(Long.toString(id), title));
        }
        inventory.execute();
        runs.execute();
        attributes.execute();
        return written;
    }

    @Override
    public Optional<String> keyOf(NewRun run) {
        return Optional.ofNullable(run.title());
    }
}
