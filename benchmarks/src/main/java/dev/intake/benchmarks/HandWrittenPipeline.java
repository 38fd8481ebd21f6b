package dev.intake.benchmarks;

import dev.intake.examples.ion.Inventory;
import dev.intake.examples.ion.NewRun;
import dev.intake.examples.ion.Part;
import dev.intake.examples.ion.Procedure;
import dev.intake.examples.ion.User;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The dry run of the runs file as a careful team would hand-write it without Intake: commons-csv,
 * the same checks as the {@code ion-runs} definition (types, lengths, the columns that exclude or
 * need each other, procedures by id or by title and version with ambiguity, inventory ids looked up a
 * chunk of 500 at a time in the database, parts, active assignees, intent options, the only revision
 * of a part as default, the custom attributes, run batches gathered), the same records
 * ({@link NewRun}) validated by the same hibernate-validator, and a problem per cell with its row
 * and column, the first 1,000 failed rows kept. What it does not do that Intake does: header
 * matching (columns are taken by their exact names), control characters, hostile-input limits,
 * template rows, a report a user can read.
 *
 * <p>{@link #run(Path, Connection, int)} with one thread checks on the caller's; with more, one thread
 * parses chunks of 500 records ahead into a bounded queue and a pool of that many threads checks
 * them, results taken in file order: the threads a careful engineer would add.
 */
final class HandWrittenPipeline {
    private static final int CHUNK = 500;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final List<String> NEW_INVENTORY = List.of("revision", "serial_number", "lot_number",
            "autogenerate_serial_number", "autogenerate_lot_number");
    private static final Validator VALIDATOR;

    static {
        try (ValidatorFactory factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory()) {
            VALIDATOR = factory.getValidator();
        }
    }

    private final Connection connection;
    private final Map<Long, Procedure> proceduresById = new HashMap<>();
    private final Map<String, List<Procedure>> proceduresByTitle = new HashMap<>();
    private final Map<String, Part> parts = new HashMap<>();
    private final Map<String, User> users = new HashMap<>();
    private final Set<String> intentOptions = new HashSet<>();

    /** What a run found: rows, rows failed, problems, run batches, the first failed rows. */
    record Result(long rows, long failed, long problems, Set<String> batches, List<String> firstFailures) {
    }

    private HandWrittenPipeline(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT id, title, version FROM procedures ORDER BY id")) {
                while (rows.next()) {
                    Procedure procedure = new Procedure(rows.getLong(1), rows.getString(2), rows.getInt(3));
                    proceduresById.put(procedure.id(), procedure);
                    proceduresByTitle.computeIfAbsent(procedure.title().toLowerCase(Locale.ROOT) + "|" + procedure.version(),
                            k -> new ArrayList<>()).add(procedure);
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT part_number, revisions FROM parts")) {
                while (rows.next()) {
                    parts.put(rows.getString(1), new Part(rows.getString(1), List.of(rows.getString(2).split("\\|"))));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT email, name, active FROM users")) {
                while (rows.next()) {
                    users.put(rows.getString(1).toLowerCase(Locale.ROOT),
                            new User(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT name FROM intent_options")) {
                while (rows.next()) {
                    intentOptions.add(rows.getString(1));
                }
            }
        }
    }

    /**
     * Checks a file against the examples' database (loaded with the fixtures).
     *
     * @param threads 1 to check on the caller's thread; more for a parsing thread and that many checkers
     */
    static Result run(Path file, Connection connection, int threads) throws Exception {
        HandWrittenPipeline pipeline = new HandWrittenPipeline(connection);
        return threads == 1 ? pipeline.alone(file) : pipeline.together(file, threads);
    }

    private Result alone(Path file) throws Exception {
        Tally tally = new Tally();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<CSVRecord> chunk = new ArrayList<>(CHUNK);
            for (CSVRecord record : parser) {
                chunk.add(record);
                if (chunk.size() == CHUNK) {
                    tally.add(check(chunk));
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            tally.add(check(chunk));
        }
        return tally.result();
    }

    private Result together(Path file, int threads) throws Exception {
        Tally tally = new Tally();
        ExecutorService checkers = Executors.newFixedThreadPool(threads);
        BlockingQueue<List<CSVRecord>> parsed = new ArrayBlockingQueue<>(threads * 2);
        List<CSVRecord> end = List.of();
        Thread parser = new Thread(() -> {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                List<CSVRecord> chunk = new ArrayList<>(CHUNK);
                for (CSVRecord record : csv) {
                    chunk.add(record);
                    if (chunk.size() == CHUNK) {
                        parsed.put(chunk);
                        chunk = new ArrayList<>(CHUNK);
                    }
                }
                parsed.put(chunk);
                parsed.put(end);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "hand-written-parser");
        parser.start();
        try {
            java.util.ArrayDeque<Future<ChunkResult>> inFlight = new java.util.ArrayDeque<>();
            for (List<CSVRecord> chunk = parsed.take(); chunk != end; chunk = parsed.take()) {
                List<CSVRecord> rows = chunk;
                inFlight.add(checkers.submit(() -> check(rows)));
                while (inFlight.size() > threads * 2) {
                    tally.add(inFlight.poll().get());
                }
            }
            while (!inFlight.isEmpty()) {
                tally.add(inFlight.poll().get());
            }
        } finally {
            checkers.shutdownNow();
            parser.join();
        }
        return tally.result();
    }

    /** The results of a chunk, in file order. */
    record ChunkResult(long rows, List<List<String>> problems, Set<String> batches) {
    }

    private static final class Tally {
        long rows;
        long failed;
        long problems;
        final Set<String> batches = new HashSet<>();
        final List<String> first = new ArrayList<>();

        void add(ChunkResult chunk) {
            rows += chunk.rows();
            batches.addAll(chunk.batches());
            for (List<String> row : chunk.problems()) {
                failed++;
                problems += row.size();
                if (first.size() < 1000) {
                    first.add(String.join("; ", row));
                }
            }
        }

        Result result() {
            return new Result(rows, failed, problems, batches, first);
        }
    }

    /** A row being checked: its cells by column, its problems. */
    private static final class Row {
        final CSVRecord record;
        final List<String> problems = new ArrayList<>();

        Row(CSVRecord record) {
            this.record = record;
        }

        String text(String column) {
            String text = record.get(column).strip();
            return text.isEmpty() ? null : text;
        }

        void problem(String column, String message) {
            problems.add("row " + (record.getRecordNumber() + 1) + " " + column + ": " + message);
        }

        String text(String column, int max) {
            String text = text(column);
            if (text != null && text.length() > max) {
                problem(column, column + " must be at most " + max + " characters, not " + text.length());
                return null;
            }
            return text;
        }

        Long integer(String column) {
            String text = text(column);
            if (text == null) {
                return null;
            }
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                problem(column, column + " must be a whole number, not " + text);
                return null;
            }
        }

        Boolean bool(String column) {
            String text = text(column);
            if (text == null) {
                return null;
            }
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1":
                    return true;
                case "false", "no", "0":
                    return false;
                default:
                    problem(column, column + " must be true or false, not " + text);
                    return null;
            }
        }

        LocalDate date(String column) {
            String text = text(column);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problem(column, column + " must be a date like 2026-06-15, not " + text);
                return null;
            }
        }

        boolean given(String column) {
            return text(column) != null;
        }
    }

    private ChunkResult check(List<CSVRecord> chunk) throws SQLException {
        Set<Long> inventoryIds = new HashSet<>();
        for (CSVRecord record : chunk) {
            String id = record.get("part_inventory_id").strip();
            if (!id.isEmpty()) {
                try {
                    inventoryIds.add(Long.valueOf(id));
                } catch (NumberFormatException e) {
                    // reported by the row's check
                }
            }
        }
        Map<Long, Inventory> inventories = inventories(inventoryIds);
        List<List<String>> failed = new ArrayList<>();
        Set<String> batches = new HashSet<>();
        for (CSVRecord record : chunk) {
            Row row = new Row(record);
            NewRun run = check(row, inventories);
            if (run != null) {
                for (ConstraintViolation<NewRun> violation : VALIDATOR.validate(run)) {
                    row.problem(violation.getPropertyPath().toString(), violation.getMessage());
                }
            }
            if (row.problems.isEmpty()) {
                String batch = row.text("run_batch_title");
                if (batch != null) {
                    batches.add(batch);
                }
            } else {
                failed.add(row.problems);
            }
        }
        return new ChunkResult(chunk.size(), failed, batches);
    }

    private Map<Long, Inventory> inventories(Set<Long> ids) throws SQLException {
        Map<Long, Inventory> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        synchronized (connection) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, part_number FROM part_inventory"
                    + " WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
                int i = 1;
                for (Long id : ids) {
                    statement.setLong(i++, id);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getLong(1), new Inventory(rows.getLong(1), rows.getString(2)));
                    }
                }
            }
        }
        return found;
    }

    /** The row's checks; its run when it has no problems so far, else null. */
    private NewRun check(Row row, Map<Long, Inventory> inventories) {
        String title = row.text("title", 200);
        Boolean autogenerateTitle = row.bool("autogenerate_title");
        Long procedureId = row.integer("procedure_id");
        String procedureTitle = row.text("procedure_title", 200);
        Long procedureVersion = row.integer("procedure_version");
        String description = row.text("description");
        LocalDate dueDate = row.date("due_date");
        Long quantity = row.integer("quantity");
        if (quantity != null && quantity < 0) {
            row.problem("quantity", "quantity must be at least 0, not " + quantity);
        }
        String partNumber = row.text("part_number", 100);
        String revision = row.text("revision", 20);
        String serial = row.text("serial_number", 100);
        String lot = row.text("lot_number", 100);
        Boolean autoSerial = row.bool("autogenerate_serial_number");
        Boolean autoLot = row.bool("autogenerate_lot_number");
        Long inventoryId = row.integer("part_inventory_id");
        String assignedTo = row.text("assigned_to");
        if (assignedTo != null && !EMAIL.matcher(assignedTo).matches()) {
            row.problem("assigned_to", "assigned_to must be an email address, not " + assignedTo);
            assignedTo = null;
        }
        String intent = row.text("intent_option");
        if (intent != null && !intentOptions.contains(intent)) {
            row.problem("intent_option", "intent_option must be one of " + intentOptions + ", not " + intent);
        }
        Boolean exportControlled = row.bool("export_controlled");
        row.text("run_batch_title", 200);
        // the columns that exclude or need each other
        if (row.given("title") == row.given("autogenerate_title")) {
            row.problem("title", "give exactly one of title or autogenerate_title");
        }
        boolean byTitle = row.given("procedure_title") || row.given("procedure_version");
        if (row.given("procedure_id") && byTitle) {
            row.problem("procedure_id", "give procedure_id or procedure_title and procedure_version, not both");
        }
        if (row.given("procedure_title") != row.given("procedure_version")) {
            row.problem("procedure_title", "give procedure_title and procedure_version together");
        }
        if (row.given("part_inventory_id") && row.given("part_number")) {
            row.problem("part_inventory_id", "part_inventory_id and part_number cannot be given together");
        }
        for (String column : NEW_INVENTORY) {
            if (row.given("part_inventory_id") && row.given(column)) {
                row.problem(column, column + " must be empty when part_inventory_id is given");
            }
            if (!row.given("part_inventory_id") && !row.given("part_number") && row.given(column)) {
                row.problem("part_number", "part_number is required when " + column + " is given");
            }
        }
        if (row.given("serial_number") && row.given("autogenerate_serial_number")) {
            row.problem("serial_number", "serial_number and autogenerate_serial_number cannot be given together");
        }
        if (row.given("lot_number") && row.given("autogenerate_lot_number")) {
            row.problem("lot_number", "lot_number and autogenerate_lot_number cannot be given together");
        }
        // references
        Procedure procedure = null;
        if (procedureId != null && !byTitle) {
            procedure = proceduresById.get(procedureId);
            if (procedure == null) {
                row.problem("procedure_id", "no procedure has procedure_id " + procedureId);
            }
        } else if (procedureTitle != null && procedureVersion != null && procedureId == null) {
            List<Procedure> found = proceduresByTitle.getOrDefault(
                    procedureTitle.toLowerCase(Locale.ROOT) + "|" + procedureVersion, List.of());
            if (found.isEmpty()) {
                row.problem("procedure_title", "no procedure has procedure_title " + procedureTitle);
            } else if (found.size() > 1) {
                row.problem("procedure_title", "matches " + found.size() + " procedures; use procedure_id");
            } else {
                procedure = found.get(0);
            }
        }
        if (inventoryId != null && !inventories.containsKey(inventoryId)) {
            row.problem("part_inventory_id", "no inventory has part_inventory_id " + inventoryId);
        }
        NewRun.NewInventory inventory = null;
        if (partNumber != null) {
            Part part = parts.get(partNumber);
            if (part == null) {
                row.problem("part_number", "no part has part_number " + partNumber);
            } else {
                if (revision == null && part.revisions().size() == 1) {
                    revision = part.revisions().get(0);
                } else if (revision == null) {
                    row.problem("revision", "part " + partNumber + " has several revisions; give revision");
                } else if (!part.revisions().contains(revision)) {
                    row.problem("revision", "part " + partNumber + " has no revision " + revision);
                }
                inventory = new NewRun.NewInventory(partNumber, revision, serial, lot, Boolean.TRUE.equals(autoSerial),
                        Boolean.TRUE.equals(autoLot), quantity);
            }
        }
        User user = null;
        if (assignedTo != null) {
            user = users.get(assignedTo.toLowerCase(Locale.ROOT));
            if (user == null) {
                row.problem("assigned_to", "no user has assigned_to " + assignedTo);
            } else if (!user.active()) {
                row.problem("assigned_to", "user " + user.email() + " is inactive and cannot be assigned");
            }
        }
        // the custom attributes
        Map<String, Object> attributes = new LinkedHashMap<>();
        String workOrder = row.text("work_order", 1000);
        if (workOrder != null) {
            attributes.put("work_order", workOrder);
        }
        String line = row.text("line");
        if (line != null) {
            if (line.equals("L1") || line.equals("L2") || line.equals("L3")) {
                attributes.put("line", line);
            } else {
                row.problem("line", "line must be one of L1, L2, L3, not " + line);
            }
        }
        Long shift = row.integer("shift");
        if (shift != null) {
            attributes.put("shift", shift);
        }
        if (!row.problems.isEmpty()) {
            return null;
        }
        return new NewRun(title, Boolean.TRUE.equals(autogenerateTitle), procedure, inventoryId, inventory,
                user == null ? null : user.email(), intent, dueDate, quantity, description,
                exportControlled, attributes);
    }
}
