package dev.intake.examples.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.ImportContext;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.csv.CsvSource;
import dev.intake.examples.jdbc.DatabaseTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs importer of the first seed, end to end on a real H2 database loaded with the fixtures. */
class IonRunsTest extends DatabaseTest {
    private static final String HEADER = "title,autogenerate_title,procedure_id,procedure_title,procedure_version,"
            + "due_date,quantity,part_number,revision,serial_number,lot_number,autogenerate_serial_number,"
            + "autogenerate_lot_number,part_inventory_id,assigned_to,intent_option,export_controlled,run_batch_title";

    @TempDir
    Path dir;

    /** One row in the full header's columns, by name. */
    private static String row(Map<String, String> cells) {
        List<String> out = new ArrayList<>();
        for (String column : HEADER.split(",")) {
            out.add(cells.getOrDefault(column, ""));
        }
        return String.join(",", out);
    }

    private static Map<String, String> cells(String... pairs) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            cells.put(pairs[i], pairs[i + 1]);
        }
        return cells;
    }

    private ImportReport run(RunMode mode, String header, String... rows) throws IOException, SQLException {
        Path file = dir.resolve("runs-" + UUID.randomUUID() + ".csv");
        Files.writeString(file, header + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return IonRuns.importer(database.connection()).run(CsvSource.of(file), mode, ImportContext.empty());
    }

    private ImportReport commit(String... rows) throws IOException, SQLException {
        return run(RunMode.COMMIT, HEADER, rows);
    }

    private ImportReport dryRun(String... rows) throws IOException, SQLException {
        return run(RunMode.DRY_RUN, HEADER, rows);
    }

    private List<Map<String, Object>> query(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = database.connection().createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Problem> errors(ImportReport report, long rowNumber) {
        return report.failedRows().stream().filter(r -> r.rowNumber() == rowNumber).findFirst()
                .map(FailedRow::errors).orElseThrow(() -> new AssertionError("row " + rowNumber + " did not fail: " + report));
    }

    @Test
    void theFixturesAreLoadedAsTheyAre() throws SQLException {
        assertThat(database.rowCounts()).containsAllEntriesOf(Map.of("procedures", 6L, "parts", 4L, "part_inventory", 3L,
                "users", 3L, "intent_options", 3L, "run_attributes", 3L, "run_batches", 1L, "runs", 0L));
    }

    @Test
    void titleAndAutogenerateTitleAreExactlyOne() throws Exception {
        ImportReport report = commit(
                row(cells("title", "Run 1", "autogenerate_title", "true")),
                row(cells("quantity", "1")),
                row(cells("autogenerate_title", "yes")),
                row(cells("title", "Run 4", "autogenerate_title", "false")));

        assertThat(errors(report, 2)).containsExactly(Problem.at(ProblemCode.CONFLICTING_COLUMNS, "autogenerate_title",
                "Title and Autogenerate Title cannot be given together; give exactly one of Title or Autogenerate Title"));
        assertThat(errors(report, 3)).containsExactly(
                Problem.at(ProblemCode.MISSING_ONE_OF, "title", "one of Title or Autogenerate Title is required"));
        assertThat(report.created()).extracting(WrittenRow::rowNumber, WrittenRow::key)
                .containsExactly(tuple(4L, Optional.of("RUN-0001")), tuple(5L, Optional.of("Run 4")));
        assertThat(query("SELECT id, title FROM runs ORDER BY id")).containsExactly(
                Map.of("id", 1L, "title", "RUN-0001"), Map.of("id", 2L, "title", "Run 4"));
    }

    @Test
    void aDatabaseMadeWithIdentityColumnsGetsIdSequencesStartingAfterTheIdsInUse() throws Exception {
        // As the examples made the runs tables before ids came from sequences.
        try (Statement statement = database.connection().createStatement()) {
            statement.execute("ALTER TABLE runs ALTER COLUMN id SET DEFAULT NULL");
            statement.execute("ALTER TABLE part_inventory ALTER COLUMN id SET DEFAULT NULL");
            statement.execute("DROP SEQUENCE run_ids");
            statement.execute("DROP SEQUENCE part_inventory_ids");
            statement.execute("INSERT INTO runs (id, title) VALUES (41, 'Made before')");
        }
        database.close();
        database = dev.intake.examples.jdbc.Database.open(url());

        ImportReport report = commit(row(cells("autogenerate_title", "true", "part_number", "P-100",
                "revision", "A", "autogenerate_serial_number", "true")));

        assertThat(report.created()).extracting(WrittenRow::key).containsExactly(Optional.of("RUN-0042"));
        assertThat(query("SELECT serial_number FROM part_inventory WHERE id = (SELECT MAX(id) FROM part_inventory)"))
                .containsExactly(Map.of("serial_number", "SN-001000"));
    }

    @Test
    void textIsStoredAsWrittenWhateverItsTabsLineBreaksAndBackslashes() throws Exception {
        // Multi-row inserts, and a COPY had it been one, must carry these as they are.
        String description = "a\tb\\c \\N\nd\r\ne \\.";
        ImportReport report = run(RunMode.COMMIT, "title,description,quantity",
                "\"\\N\",\"" + description + "\",1", "\"Run\\t2\",,2");

        assertThat(report.failedRows()).isEmpty();
        Map<String, Object> withoutDescription = new LinkedHashMap<>();
        withoutDescription.put("title", "Run\\t2");
        withoutDescription.put("description", null);
        assertThat(query("SELECT title, description FROM runs ORDER BY id")).containsExactly(
                Map.of("title", "\\N", "description", description), withoutDescription);
    }

    @Test
    void proceduresResolveByIdOrByTitleAndVersionButNotBoth() throws Exception {
        ImportReport report = commit(
                row(cells("title", "by id", "procedure_id", "5")),
                row(cells("title", "by title", "procedure_title", "Motor Build", "procedure_version", "2")),
                row(cells("title", "both", "procedure_id", "1", "procedure_title", "Motor Build", "procedure_version", "1")),
                row(cells("title", "no version", "procedure_title", "Motor Build")),
                row(cells("title", "bad version", "procedure_title", "Motor Build", "procedure_version", "v2")),
                row(cells("title", "ambiguous", "procedure_title", "Final Inspection", "procedure_version", "1")),
                row(cells("title", "missing", "procedure_id", "99")),
                row(cells("title", "no procedure")));

        assertThat(errors(report, 4)).containsExactly(Problem.at(ProblemCode.CONFLICTING_COLUMNS, "procedure_title",
                "Procedure Title / Procedure Version cannot be combined with Procedure ID; give one form"));
        assertThat(errors(report, 5)).containsExactly(Problem.at(ProblemCode.INCOMPLETE_GROUP, "procedure_version",
                "Procedure Version is required with Procedure Title"));
        assertThat(errors(report, 6)).containsExactly(Problem.at(ProblemCode.INVALID_INTEGER, "procedure_version",
                "Procedure Version must be a whole number, not v2"));
        assertThat(errors(report, 7)).containsExactly(Problem.at(ProblemCode.AMBIGUOUS, "procedure_title",
                "Procedure Title Final Inspection and Procedure Version 1 matches 2 procedures"
                        + " (id 3: Final Inspection v1; id 4: Final Inspection v1); use Procedure ID to choose one"));
        assertThat(errors(report, 8)).containsExactly(
                Problem.at(ProblemCode.NOT_FOUND, "procedure_id", "no procedure has Procedure ID 99"));
        assertThat(query("SELECT title, procedure_id FROM runs ORDER BY id")).containsExactly(
                map("title", "by id", "procedure_id", 5L),
                map("title", "by title", "procedure_id", 2L),
                map("title", "no procedure", "procedure_id", null));
    }

    @Test
    void existingInventoryIsLinkedAndExcludesNewInventoryColumns() throws Exception {
        ImportReport report = commit(
                row(cells("title", "linked", "part_inventory_id", "502")),
                row(cells("title", "linked and new", "part_inventory_id", "501", "part_number", "P-100")),
                row(cells("title", "linked with serial", "part_inventory_id", "501", "serial_number", "SN-9",
                        "autogenerate_lot_number", "true", "revision", "A")),
                row(cells("title", "linked with false flag", "part_inventory_id", "503", "autogenerate_serial_number", "no")),
                row(cells("title", "missing inventory", "part_inventory_id", "999")));

        assertThat(errors(report, 3)).containsExactly(Problem.at(ProblemCode.CONFLICTING_COLUMNS, "part_number",
                "Part Number cannot be combined with Part Inventory ID"));
        assertThat(errors(report, 4)).containsExactly(
                Problem.at(ProblemCode.CONFLICTING_COLUMNS, "revision", "Revision must be empty when Part Inventory ID is given"),
                Problem.at(ProblemCode.CONFLICTING_COLUMNS, "serial_number",
                        "Serial Number must be empty when Part Inventory ID is given"),
                Problem.at(ProblemCode.CONFLICTING_COLUMNS, "autogenerate_lot_number",
                        "Autogenerate Lot Number must be empty when Part Inventory ID is given"));
        assertThat(errors(report, 6)).containsExactly(
                Problem.at(ProblemCode.NOT_FOUND, "part_inventory_id", "no inventory has Part Inventory ID 999"));
        assertThat(query("SELECT title, part_inventory_id FROM runs ORDER BY id")).containsExactly(
                map("title", "linked", "part_inventory_id", 502L),
                map("title", "linked with false flag", "part_inventory_id", 503L));
        assertThat(database.count("part_inventory")).isEqualTo(3);
    }

    @Test
    void newInventoryTakesThePartsOnlyRevisionAndTheQuantity() throws Exception {
        ImportReport report = commit(
                row(cells("title", "only revision", "part_number", "P-100", "quantity", "3", "serial_number", "SN-77")),
                row(cells("title", "several revisions", "part_number", "P-200")),
                row(cells("title", "chosen revision", "part_number", "P-200", "revision", "B", "lot_number", "LOT-9")),
                row(cells("title", "wrong revision", "part_number", "P-100", "revision", "Z")),
                row(cells("title", "unknown part", "part_number", "X-1")),
                row(cells("title", "serial without part", "serial_number", "SN-1")),
                row(cells("title", "generated", "part_number", "HX-9", "revision", "3", "autogenerate_serial_number", "1",
                        "autogenerate_lot_number", "Y")),
                row(cells("title", "serial twice", "part_number", "P-100", "serial_number", "SN-2",
                        "autogenerate_serial_number", "true")));

        assertThat(errors(report, 3)).containsExactly(Problem.at(ProblemCode.AMBIGUOUS, "revision",
                "part P-200 has several revisions (A, B); give Revision"));
        assertThat(errors(report, 5)).containsExactly(Problem.at(ProblemCode.NOT_FOUND, "revision",
                "part P-100 has no revision Z; its revisions are A"));
        assertThat(errors(report, 6)).containsExactly(
                Problem.at(ProblemCode.NOT_FOUND, "part_number", "no part has Part Number X-1"));
        assertThat(errors(report, 7)).containsExactly(Problem.at(ProblemCode.REQUIRED, "part_number",
                "Part Number is required when Serial Number is given"));
        assertThat(errors(report, 9)).containsExactly(Problem.at(ProblemCode.CONFLICTING_COLUMNS,
                "autogenerate_serial_number", "Serial Number and Autogenerate Serial Number cannot be given together;"
                        + " give at most one"));
        List<Map<String, Object>> inventory = query("SELECT i.id, i.part_number, i.revision, i.serial_number,"
                + " i.lot_number, i.quantity, r.title FROM part_inventory i JOIN runs r ON r.part_inventory_id = i.id ORDER BY i.id");
        assertThat(inventory).containsExactly(
                map("id", 1000L, "part_number", "P-100", "revision", "A", "serial_number", "SN-77", "lot_number", null,
                        "quantity", 3L, "title", "only revision"),
                map("id", 1001L, "part_number", "P-200", "revision", "B", "serial_number", null, "lot_number", "LOT-9",
                        "quantity", null, "title", "chosen revision"),
                map("id", 1002L, "part_number", "HX-9", "revision", "3", "serial_number", "SN-001002",
                        "lot_number", "LOT-001002", "quantity", null, "title", "generated"));
        assertThat(query("SELECT quantity FROM runs WHERE title = 'only revision'")).containsExactly(map("quantity", 3L));
    }

    @Test
    void quantityIsANonNegativeInteger() throws Exception {
        ImportReport report = dryRun(
                row(cells("title", "negative", "quantity", "-1")),
                row(cells("title", "fraction", "quantity", "1.5")),
                row(cells("title", "zero", "quantity", "0")));

        assertThat(errors(report, 2)).containsExactly(
                Problem.at(ProblemCode.OUT_OF_RANGE, "quantity", "Quantity must be 0 or more, not -1"));
        assertThat(errors(report, 3)).containsExactly(
                Problem.at(ProblemCode.INVALID_INTEGER, "quantity", "Quantity must be a whole number, not 1.5"));
        assertThat(report.created()).extracting(WrittenRow::rowNumber).containsExactly(4L);
    }

    @Test
    void assigneesResolveByEmailAndInactiveUsersAreRefused() throws Exception {
        ImportReport report = commit(
                row(cells("title", "ada", "assigned_to", "ADA@example.com")),
                row(cells("title", "unknown", "assigned_to", "nobody@example.com")),
                row(cells("title", "inactive", "assigned_to", "linus@example.com")),
                row(cells("title", "not an email", "assigned_to", "grace")),
                row(cells("title", "unassigned")));

        assertThat(errors(report, 3)).containsExactly(
                Problem.at(ProblemCode.NOT_FOUND, "assigned_to", "no assignee has Assigned To nobody@example.com"));
        assertThat(errors(report, 4)).containsExactly(Problem.at(ProblemCode.NOT_ALLOWED, "assigned_to",
                "user linus@example.com is inactive and cannot be assigned"));
        assertThat(errors(report, 5)).containsExactly(Problem.at(ProblemCode.INVALID_EMAIL, "assigned_to",
                "Assigned To must be an email address like name@example.com, not grace"));
        assertThat(query("SELECT title, assigned_to FROM runs ORDER BY id")).containsExactly(
                map("title", "ada", "assigned_to", "ada@example.com"), map("title", "unassigned", "assigned_to", null));
    }

    @Test
    void intentOptionsBooleansAndDatesAreChecked() throws Exception {
        ImportReport report = commit(
                row(cells("title", "good", "intent_option", "engineering", "export_controlled", "Y", "due_date", "2026-06-15")),
                row(cells("title", "bad", "intent_option", "Testing", "export_controlled", "maybe", "due_date", "2026-13-01")),
                row(cells("title", "empty")));

        assertThat(errors(report, 3)).containsExactly(
                Problem.at(ProblemCode.INVALID_DATE, "due_date", "Due Date must be a date like 2026-06-15, not 2026-13-01"),
                Problem.at(ProblemCode.INVALID_OPTION, "intent_option",
                        "Intent Option must be one of Engineering, Production, Rework, not Testing"),
                Problem.at(ProblemCode.INVALID_BOOLEAN, "export_controlled",
                        "Export Controlled must be true/false, yes/no, y/n or 1/0, not maybe"));
        assertThat(query("SELECT title, intent_option, export_controlled, due_date FROM runs ORDER BY id")).containsExactly(
                map("title", "good", "intent_option", "Engineering", "export_controlled", true,
                        "due_date", java.sql.Date.valueOf("2026-06-15")),
                map("title", "empty", "intent_option", null, "export_controlled", null, "due_date", null));
    }

    @Test
    void runBatchesAreFoundOrCreatedOnceAndJoined() throws Exception {
        ImportReport report = commit(
                row(cells("title", "a", "run_batch_title", "Batch-2026-12")),
                row(cells("title", "b", "run_batch_title", "Batch-2026-11")),
                row(cells("title", "c", "run_batch_title", "Batch-2026-12")),
                row(cells("title", "failing", "run_batch_title", "Batch-never", "quantity", "-1")));

        assertThat(report.groups()).containsExactly(
                new GroupOutcome("run_batch_title", "Batch-2026-12", GroupAction.CREATE),
                new GroupOutcome("run_batch_title", "Batch-2026-11", GroupAction.FOUND));
        assertThat(query("SELECT id, title FROM run_batches ORDER BY id")).containsExactly(
                map("id", 900L, "title", "Batch-2026-11"), map("id", 1000L, "title", "Batch-2026-12"));
        assertThat(query("SELECT title, run_batch_id FROM runs ORDER BY id")).containsExactly(
                map("title", "a", "run_batch_id", 1000L), map("title", "b", "run_batch_id", 900L),
                map("title", "c", "run_batch_id", 1000L));
    }

    @Test
    void otherColumnsAreConfiguredCustomAttributes() throws Exception {
        ImportReport report = run(RunMode.COMMIT, "title,Work Order,line,shift",
                "Run 1,WO-1,l2,3", "Run 2,WO-2,L9,x", "Run 3,,,");

        assertThat(errors(report, 3)).containsExactly(
                Problem.at(ProblemCode.INVALID_OPTION, "line", "line must be one of L1, L2, L3, not L9"),
                Problem.at(ProblemCode.INVALID_INTEGER, "shift", "shift must be a whole number, not x"));
        assertThat(query("SELECT r.title, v.attribute_key, v.attribute_value FROM run_attribute_values v"
                + " JOIN runs r ON r.id = v.run_id ORDER BY v.attribute_key")).containsExactly(
                map("title", "Run 1", "attribute_key", "line", "attribute_value", "L2"),
                map("title", "Run 1", "attribute_key", "shift", "attribute_value", "3"),
                map("title", "Run 1", "attribute_key", "work_order", "attribute_value", "WO-1"));
        assertThat(database.count("runs")).isEqualTo(2);
    }

    @Test
    void anUnknownColumnRejectsTheWholeFileBeforeAnyRowIsWritten() throws Exception {
        ImportReport report = run(RunMode.COMMIT, "title,colour,procedure_tittle", "Run 1,red,x");

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.fileErrors()).containsExactly(
                Problem.at(ProblemCode.UNKNOWN_COLUMN, "colour",
                        "column B (colour) is neither a column of ion-runs nor a configured custom attribute"),
                Problem.at(ProblemCode.UNKNOWN_COLUMN, "procedure_tittle", "column C (procedure_tittle) is neither a column"
                        + " of ion-runs nor a configured custom attribute; did you mean Procedure Title?"));
        assertThat(database.count("runs")).isZero();
    }

    @Test
    void titlesLongerThanTheRunAllowsAreCheckedByBeanValidation() throws Exception {
        ImportReport report = dryRun(row(cells("title", "x".repeat(201))));

        assertThat(errors(report, 2)).containsExactly(
                Problem.at(ProblemCode.TOO_LONG, "title", "Title size must be between 0 and 200"));
    }

    @Test
    void everyValueIsBoundedToWhatItsTableHoldsSoADryRunAndACommitAgree() throws Exception {
        String header = "title,part_number,serial_number,lot_number,run_batch_title,work_order";
        String[] rows = {
            "Batch too long,,,," + "B".repeat(250) + ",",
            "Batch of two hundred,,,," + "B".repeat(200) + ",",
            "Serial too long,P-100," + "S".repeat(101) + ",,,",
            "Lot too long,P-100,," + "L".repeat(101) + ",,",
            "Attribute too long,,,,," + "W".repeat(1001),
        };

        ImportReport dry = run(RunMode.DRY_RUN, header, rows);
        ImportReport commit = run(RunMode.COMMIT, header, rows);

        assertThat(errors(dry, 2)).containsExactly(Problem.at(ProblemCode.TOO_LONG, "run_batch_title",
                "Run Batch Title must be at most 200 characters, not 250"));
        assertThat(errors(dry, 4)).containsExactly(Problem.at(ProblemCode.TOO_LONG, "serial_number",
                "Serial Number must be at most 100 characters, not 101"));
        assertThat(errors(dry, 5)).containsExactly(Problem.at(ProblemCode.TOO_LONG, "lot_number",
                "Lot Number must be at most 100 characters, not 101"));
        assertThat(errors(dry, 6)).containsExactly(Problem.at(ProblemCode.TOO_LONG, "work_order",
                "work_order must be at most 1000 characters, not 1001"));
        assertThat(commit.failedRows()).isEqualTo(dry.failedRows());
        assertThat(commit.created()).extracting(WrittenRow::rowNumber).containsExactly(3L);
        assertThat(query("SELECT title FROM run_batches WHERE title LIKE 'BBB%'"))
                .containsExactly(map("title", "B".repeat(200)));
    }

    @Test
    void aDryRunChecksEverythingAndChangesNoTable() throws Exception {
        Map<String, Long> before = database.rowCounts();

        ImportReport report = dryRun(
                row(cells("autogenerate_title", "true", "part_number", "P-100", "run_batch_title", "Batch-new")),
                row(cells("title", "bad", "quantity", "-2")));

        assertThat(report.mode()).isEqualTo(RunMode.DRY_RUN);
        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(report.created()).containsExactly(new WrittenRow(2, Optional.empty(), Optional.empty()));
        assertThat(report.groups()).containsExactly(new GroupOutcome("run_batch_title", "Batch-new", GroupAction.CREATE));
        assertThat(database.rowCounts()).isEqualTo(before);
    }

    @Test
    void aDryRunAndACommitOfOneFileGiveTheSameRowOutcomesAndTheDryRunUsesNoIds() throws Exception {
        String[] rows = {
            row(cells("autogenerate_title", "true", "part_number", "P-100", "run_batch_title", "Batch-new")),
            row(cells("title", "ambiguous", "procedure_title", "Final Inspection", "procedure_version", "1")),
            row(cells("title", "linked", "part_inventory_id", "501", "run_batch_title", "Batch-2026-11")),
            row(cells("title", "inactive", "assigned_to", "linus@example.com")),
            row(cells("autogenerate_title", "yes", "part_number", "HX-9", "revision", "2", "autogenerate_lot_number", "1"))};

        ImportReport dry = dryRun(rows);
        ImportReport commit = commit(rows);

        assertThat(commit.created()).extracting(WrittenRow::rowNumber)
                .isEqualTo(dry.created().stream().map(WrittenRow::rowNumber).toList());
        assertThat(commit.failedRows()).isEqualTo(dry.failedRows());
        assertThat(commit.groups()).isEqualTo(dry.groups());
        // The dry run consumed no identity values: the commit's first run and inventory get the first ids.
        assertThat(commit.created()).extracting(WrittenRow::id, WrittenRow::key).containsExactly(
                tuple(Optional.of("1"), Optional.of("RUN-0001")), tuple(Optional.of("2"), Optional.of("linked")),
                tuple(Optional.of("3"), Optional.of("RUN-0003")));
        assertThat(query("SELECT id, lot_number FROM part_inventory WHERE id >= 1000 ORDER BY id")).containsExactly(
                map("id", 1000L, "lot_number", null), map("id", 1001L, "lot_number", "LOT-001001"));
    }

    @Test
    void rowNumbersCountBlankLinesAndQuotedLineBreaksAsASpreadsheetDoes() throws Exception {
        ImportReport report = run(RunMode.DRY_RUN, "title,description,quantity",
                "Run 1,\"two\nlines\",1", "", "Run 3,,-5");

        assertThat(report.totalRows()).isEqualTo(2);
        assertThat(report.failedRows()).extracting(FailedRow::rowNumber).containsExactly(4L);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
