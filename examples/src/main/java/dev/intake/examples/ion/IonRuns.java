package dev.intake.examples.ion;

import dev.intake.core.Column;
import dev.intake.core.Defaulted;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.Reference;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Constraints;
import dev.intake.core.rule.Rules;
import dev.intake.core.type.Types;
import dev.intake.core.pipeline.BeanValidation;
import dev.intake.jdbc.JdbcImportJournal;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriterSession;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The runs importer of the first seed ("Runs importer"): create-only, one CSV row per run, with
 * procedures by id or by title and version, inventory linked or created, assignees by email,
 * configured intent options, find-or-create run batches and configured custom attributes.
 */
public final class IonRuns {
    /** The importer's name on the command line and in reports. */
    public static final String NAME = "ion-runs";

    private static final List<String> NEW_INVENTORY_COLUMNS = List.of("revision", "serial_number", "lot_number",
            "autogenerate_serial_number", "autogenerate_lot_number");

    /** The longest custom attribute value the schema holds. */
    private static final int ATTRIBUTE_VALUE_LENGTH = 1000;

    private static final Validator VALIDATOR;

    static {
        // Messages without Expression Language: the runs importer needs none, and it keeps start-up small.
        try (ValidatorFactory factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory()) {
            VALIDATOR = factory.getValidator();
        }
    }

    private IonRuns() {
    }

    /**
     * The definition, with lookups into one import's reference data.
     *
     * @param data the reference data
     * @return the definition
     */
    static ImportDefinition definition(IonData data) {
        return ImportDefinition.builder(NAME)
                .label("Runs")
                .description("Bulk-creates runs, one row per run.")
                .column(Column.text("title").label("Title").example("Motor build 42")
                        .description("Run title. Give a title or set autogenerate_title, not both."))
                .column(Column.bool("autogenerate_title").label("Autogenerate Title").example("false")
                        .description("When true, ION generates the run title."))
                .column(Column.integer("procedure_id").label("Procedure ID").example("1")
                        .description("ID of the procedure to create the run from."))
                .column(Column.text("procedure_title").rule(Rules.maxLength(200)).label("Procedure Title")
                        .description("Procedure title; pair it with procedure_version."))
                .column(Column.integer("procedure_version").label("Procedure Version")
                        .description("Procedure version (integer); pair it with procedure_title."))
                .column(Column.text("description").label("Description")
                        .description("Free-text description."))
                .column(Column.date("due_date").label("Due Date").example("2026-06-15").description("Due date."))
                .column(Column.integer("quantity").label("Quantity").rule(Rules.min(0)).example("1")
                        .description("Non-negative; applies to the new inventory when part_number is given."))
                .column(Column.text("part_number").rule(Rules.maxLength(100)).label("Part Number")
                        .description("Creates a new inventory record of this part for the run."))
                .column(Column.text("revision").rule(Rules.maxLength(20)).label("Revision")
                        .description("Revision of the new inventory; the part's only revision when omitted.")
                        .defaultFrom((row, context) -> onlyRevision(row.reference("part", Part.class))))
                .column(Column.text("serial_number").rule(Rules.maxLength(100)).label("Serial Number"))
                .column(Column.text("lot_number").rule(Rules.maxLength(100)).label("Lot Number"))
                .column(Column.bool("autogenerate_serial_number").label("Autogenerate Serial Number"))
                .column(Column.bool("autogenerate_lot_number").label("Autogenerate Lot Number"))
                .column(Column.integer("part_inventory_id").label("Part Inventory ID")
                        .description("Links an existing inventory record; the new-inventory columns must be empty."))
                .column(Column.email("assigned_to").label("Assigned To").description("Email of the assignee."))
                .column(Column.of("intent_option", Types.option(data.intentOptions())).label("Intent Option")
                        .description("One of the configured intent options."))
                .column(Column.bool("export_controlled").label("Export Controlled"))
                .column(Column.text("run_batch_title").rule(Rules.maxLength(200)).label("Run Batch Title")
                        .description("Rows with one title join one batch, created when it does not exist."))
                .constraint(Constraints.exactlyOne("title", "autogenerate_title"))
                .constraint(Constraints.atMostOneForm(List.of("procedure_id"),
                        List.of("procedure_title", "procedure_version")))
                .constraint(Constraints.allOrNone("procedure_title", "procedure_version"))
                .constraint(Constraints.excludes("part_inventory_id", "part_number"))
                .constraint(Constraints.emptyWhen("part_inventory_id", NEW_INVENTORY_COLUMNS.toArray(String[]::new)))
                .constraint(Constraints.atMostOne("serial_number", "autogenerate_serial_number"))
                .constraint(Constraints.atMostOne("lot_number", "autogenerate_lot_number"))
                .reference(Reference.builder("procedure", Procedure.class)
                        .form((row, context) -> data.procedure(row.value("procedure_id", Long.class).orElseThrow()),
                                "procedure_id")
                        .form((row, context) -> data.procedures(row.value("procedure_title", String.class).orElseThrow(),
                                row.value("procedure_version", Long.class).orElseThrow()),
                                "procedure_title", "procedure_version")
                        .ambiguityHint("use Procedure ID to choose one"))
                .reference(Reference.builder("inventory", Inventory.class)
                        .batchForm("part_inventory_id", Long.class, (ids, context) -> data.inventories(ids)))
                .reference(Reference.builder("part", Part.class)
                        .form((row, context) -> data.part(row.value("part_number", String.class).orElseThrow()),
                                "part_number"))
                .reference(Reference.builder("assignee", User.class)
                        .form((row, context) -> data.user(row.value("assigned_to", String.class).orElseThrow()),
                                "assigned_to")
                        .refuse(user -> user.active() ? Optional.empty()
                                : Optional.of("user " + user.email() + " is inactive and cannot be assigned")))
                .check((row, context, problems) -> {
                    if (row.isGiven("part_inventory_id") || row.isGiven("part_number")) {
                        return;
                    }
                    for (String column : NEW_INVENTORY_COLUMNS) {
                        if (row.isGiven(column)) {
                            problems.accept(Problem.at(ProblemCode.REQUIRED, "part_number",
                                    row.label("part_number") + " is required when " + row.label(column) + " is given"));
                        }
                    }
                })
                .check((row, context, problems) -> {
                    Optional<Part> part = row.reference("part", Part.class);
                    Optional<String> revision = row.text("revision");
                    if (part.isPresent() && revision.isPresent() && !part.get().revisions().contains(revision.get())) {
                        problems.accept(Problem.at(ProblemCode.NOT_FOUND, "revision", "part " + part.get().partNumber()
                                + " has no revision " + revision.get() + "; its revisions are "
                                + String.join(", ", part.get().revisions())));
                    }
                })
                .check((row, context, problems) -> {
                    // run_attribute_values.attribute_value holds 1000 characters, whatever the type
                    row.attributes().forEach((key, value) -> {
                        String stored = String.valueOf(value);
                        if (stored.length() > ATTRIBUTE_VALUE_LENGTH) {
                            problems.accept(Problem.at(ProblemCode.TOO_LONG, key, key + " must be at most "
                                    + ATTRIBUTE_VALUE_LENGTH + " characters, not " + stored.length()));
                        }
                    });
                })
                .group("run_batch_title")
                .customAttributes(context -> data.attributes())
                .mode(Mode.CREATE_ONLY)
                .build();
    }

    private static Defaulted<String> onlyRevision(Optional<Part> part) {
        if (part.isEmpty()) {
            return Defaulted.none();
        }
        List<String> revisions = part.get().revisions();
        if (revisions.size() == 1) {
            return Defaulted.value(revisions.get(0));
        }
        return Defaulted.problem(ProblemCode.AMBIGUOUS, "part " + part.get().partNumber() + " has "
                + (revisions.isEmpty() ? "no revisions" : "several revisions (" + String.join(", ", revisions) + ")")
                + "; give Revision");
    }

    /**
     * The definition, with lookups into a database's reference data as it is now.
     *
     * @param connection the connection
     * @return the definition
     * @throws SQLException if the reference data cannot be read
     */
    public static ImportDefinition definition(Connection connection) throws SQLException {
        return definition(new IonData(connection));
    }

    /**
     * An importer of runs into a database, committing a chunk of rows at a time and journaling each
     * chunk in its transaction, so that a commit run again after a crash resumes exactly once.
     *
     * @param connection the connection; the importer turns its auto-commit off
     * @return the importer
     * @throws SQLException if the reference data cannot be read
     */
    public static Importer<NewRun> importer(Connection connection) throws SQLException {
        return importer(connection, true);
    }

    /**
     * An importer of runs into a database, committing a chunk of rows at a time, with or without the
     * import journal (the benchmarks measure what it costs).
     *
     * @param connection the connection; the importer turns its auto-commit off
     * @param journal whether each chunk is journaled in its transaction
     * @return the importer
     * @throws SQLException if the reference data cannot be read
     */
    public static Importer<NewRun> importer(Connection connection, boolean journal) throws SQLException {
        return importer(connection, journal, 1, true);
    }

    /**
     * An importer of runs into a database, tuned: with or without the journal, with rows checked on
     * several threads or one, read ahead or not (the benchmarks compare them). Its lookups are
     * thread-safe ({@code IonData}).
     *
     * @param connection the connection; the importer turns its auto-commit off
     * @param journal whether each chunk is journaled in its transaction
     * @param checkThreads threads checking rows, 1 or more ({@link Importer.Builder#checkThreads(int)})
     * @param readAhead whether the file is read on a thread of its own ({@link Importer.Builder#readAhead(boolean)})
     * @return the importer
     * @throws SQLException if the reference data cannot be read
     */
    public static Importer<NewRun> importer(Connection connection, boolean journal, int checkThreads, boolean readAhead)
            throws SQLException {
        return tuned(connection, journal, checkThreads, readAhead).build();
    }

    /**
     * An importer of runs into a database whose commits write with several writers, each on a
     * connection of its own ({@link Importer.Builder#writers}): a writer's session is the runs
     * writer, the batches and the journal on its connection, closed with it. The given connection
     * serves the rest: the reference data the rows are checked against, and the journal's entry.
     *
     * @param connection the import's own connection; the importer turns its auto-commit off
     * @param journal whether each chunk is journaled in its transaction
     * @param checkThreads threads checking rows, 1 or more
     * @param readAhead whether the file is read on a thread of its own
     * @param writers writers, 1 or more
     * @param connections opens a writer's connection (e.g. {@code Database::openConnection})
     * @return the importer
     * @throws SQLException if the reference data cannot be read
     */
    public static Importer<NewRun> importer(Connection connection, boolean journal, int checkThreads, boolean readAhead,
            int writers, Callable<Connection> connections) throws SQLException {
        Importer.Builder<NewRun> builder = tuned(connection, journal, checkThreads, readAhead);
        if (writers > 1) {
            builder.writers(writers, () -> session(connections.call(), journal));
        }
        return builder.build();
    }

    /** A writer's session on its own connection, which closing it closes. */
    static WriterSession<NewRun> session(Connection connection, boolean journal) throws SQLException {
        try {
            JdbcTransactions transactions = new JdbcTransactions(connection);
            return WriterSession.of(new RunWriter(connection), new RunBatches(connection), transactions,
                    journal ? JdbcImportJournal.on(() -> connection) : null, connection::close);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Importer.Builder<NewRun> tuned(Connection connection, boolean journal, int checkThreads,
            boolean readAhead) throws SQLException {
        Importer.Builder<NewRun> builder = builder(connection, UnaryOperator.identity())
                .transactions(new JdbcTransactions(connection))
                .policy(CommitPolicy.PER_ROW)
                .checkThreads(checkThreads)
                .readAhead(readAhead);
        if (journal) {
            builder.journal(JdbcImportJournal.on(() -> connection));
        }
        return builder;
    }

    /**
     * The importer's parts before the transaction boundary and policy are chosen; tests decorate
     * the writer to inject faults.
     */
    static Importer.Builder<NewRun> builder(Connection connection, UnaryOperator<RecordRepository<NewRun>> writer)
            throws SQLException {
        IonData data = new IonData(connection);
        return Importer.builder(definition(data), NewRun::from, writer.apply(new RunWriter(connection)))
                .groups(new RunBatches(connection))
                .validator(BeanValidation.of(VALIDATOR));
    }
}
