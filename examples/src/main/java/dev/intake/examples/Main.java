package dev.intake.examples;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.ImportSource;
import dev.intake.csv.CsvErrorReport;
import dev.intake.csv.CsvSource;
import dev.intake.csv.CsvTemplate;
import dev.intake.examples.arena.ArenaCommandLine;
import dev.intake.examples.cascadia.CascadiaCommandLine;
import dev.intake.examples.cascadia.CascadiaDefinitions;
import dev.intake.examples.cascadia.CascadiaKind;
import dev.intake.examples.cascadia.CascadiaStore;
import dev.intake.examples.employees.Employees;
import dev.intake.examples.ion.IonRuns;
import dev.intake.examples.jdbc.Connections;
import dev.intake.examples.jdbc.Database;
import dev.intake.examples.web.ServeApplication;
import dev.intake.json.JsonSource;
import dev.intake.json.ReportJson;
import dev.intake.spi.ImportInterruptedException;
import dev.intake.spi.Importer;
import dev.intake.spi.RowSpool;
import dev.intake.spi.RunOptions;
import dev.intake.xlsx.XlsxErrorReport;
import dev.intake.xlsx.XlsxSource;
import dev.intake.xlsx.XlsxTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The examples' command line: {@code import <importer> <file> [--commit] [--db URL] ...}. Prints the
 * report JSON on standard output and exits 0 for SUCCESS, 1 for PARTIAL, 2 for FAILED (and 2 for a
 * command that cannot run at all), 3 for an import that stopped abnormally (its report, printed when
 * it can be, says what was committed). A commit keeps an import journal in the database: the same
 * file committed again after a crash resumes after the rows committed, and after it completed
 * writes nothing unless {@code --again}.
 */
@Command(name = "intake-examples", mixinStandardHelpOptions = true, version = "Intake examples 0.1.0",
        description = "Reference host applications built on Intake.",
        subcommands = {Main.ImportCommand.class, Main.TemplateCommand.class, Main.ServeCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a command that could not run, and of an import whose outcome is FAILED. */
    static final int CANNOT_RUN = 2;

    /**
     * Exit code of an import that stopped abnormally (a host failure, a crash of a part, a report that
     * could not be delivered): the report, when it could be printed, says what was committed.
     */
    static final int STOPPED = 3;

    private static final String OUT_OF_MEMORY = "intake-examples: stopped: out of memory; what was committed is in the"
            + " database and its import journal: run the same command again to resume";

    /** Keeps Hibernate Validator's start-up banner off standard error; held so the setting stays. */
    private static final java.util.logging.Logger VALIDATOR_LOG = java.util.logging.Logger.getLogger("org.hibernate.validator");

    /** The importers this build offers. */
    static final List<String> IMPORTERS = List.of(IonRuns.NAME, CascadiaKind.PARTS.importerName(),
            CascadiaKind.DOCUMENTS.importerName(), CascadiaKind.ISSUES.importerName(), ArenaCommandLine.NAME,
            Employees.NAME);

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * Runs the command line with the given output streams.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        VALIDATOR_LOG.setLevel(java.util.logging.Level.WARNING);
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> STOPPED);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return CANNOT_RUN;
        });
        commandLine.setExecutionExceptionHandler((e, parsed, result) -> {
            err.println("intake-examples: stopped unexpectedly: " + oneLine(e.getMessage()));
            return STOPPED;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(OUT_OF_MEMORY);
            return STOPPED;
        }
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return CANNOT_RUN;
    }

    /** The database option every command takes. */
    static final class DatabaseOption {
        @Option(names = "--db", paramLabel = "JDBC_URL", description = "H2 or PostgreSQL JDBC URL (default: ${DEFAULT-VALUE})")
        String url = Database.DEFAULT_URL;
    }

    /**
     * Whether this build offers an importer; says why not on standard error.
     *
     * @param importer the importer's name
     * @param err standard error
     * @return true when it is offered
     */
    static boolean offered(String importer, PrintWriter err) {
        if (IMPORTERS.contains(importer)) {
            return true;
        }
        err.println("intake-examples: unknown importer " + importer + "; this build offers " + String.join(", ", IMPORTERS));
        return false;
    }

    /** {@code template <importer>}: a file a user fills in and imports. */
    @Command(name = "template", description = "Writes an importer's template: labels in row 1, an example row in row 2.")
    static final class TemplateCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<importer>",
                description = "ion-runs, cascadia-parts, cascadia-documents, cascadia-issues, arena-items or employees")
        String importer;

        @Option(names = "--format", paramLabel = "csv|xlsx", description = "the template's format (default: csv)")
        String format = "csv";

        @Option(names = "--definition", paramLabel = "GUID",
                description = "arena-items: the saved import definition whose template to write")
        String definition;

        @Option(names = "--out", paramLabel = "FILE",
                description = "where to write it (default: standard output; required for xlsx)")
        Path outFile;

        @CommandLine.Mixin
        DatabaseOption db;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (!offered(importer, err)) {
                return CANNOT_RUN;
            }
            if (!format.equals("csv") && !format.equals("xlsx")) {
                err.println("intake-examples: unknown format " + format + "; use csv or xlsx");
                return CANNOT_RUN;
            }
            if (format.equals("xlsx") && outFile == null) {
                err.println("intake-examples: an XLSX template needs --out FILE.xlsx");
                return CANNOT_RUN;
            }
            try (Database database = Database.open(db.url)) {
                Optional<CascadiaKind> cascadia = CascadiaKind.named(importer);
                ImportDefinition definition;
                if (cascadia.isPresent()) {
                    definition = CascadiaDefinitions.of(cascadia.get(),
                            new CascadiaStore(Connections.of(database.connection())), CascadiaCommandLine.validator());
                } else if (importer.equals(ArenaCommandLine.NAME)) {
                    try {
                        definition = ArenaCommandLine.importer(database.connection(), this.definition, null).definition();
                    } catch (IllegalArgumentException e) {
                        err.println("intake-examples: " + oneLine(e.getMessage()));
                        return CANNOT_RUN;
                    }
                } else if (importer.equals(Employees.NAME)) {
                    definition = Employees.definition(database.connection());
                } else {
                    definition = IonRuns.definition(database.connection());
                }
                if (format.equals("xlsx")) {
                    try (OutputStream stream = Files.newOutputStream(outFile)) {
                        XlsxTemplate.write(definition, ImportContext.empty(), stream);
                    }
                } else if (outFile == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    CsvTemplate.write(definition, ImportContext.empty(), out);
                    out.flush();
                } else {
                    try (Writer writer = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                        CsvTemplate.write(definition, ImportContext.empty(), writer);
                    }
                }
            }
            return 0;
        }
    }

    /** {@code import <importer> <file>}: a dry run, or a commit with {@code --commit}. */
    @Command(name = "import", description = "Imports a file: a dry run unless --commit is given.")
    static final class ImportCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<importer>",
                description = "ion-runs, cascadia-parts, cascadia-documents, cascadia-issues, arena-items or employees")
        String importer;

        @Parameters(index = "1", paramLabel = "<file>",
                description = "the CSV or XLSX file to import (Cascadia importers: also .json or .jsonl rows)")
        Path file;

        @Option(names = "--commit", description = "write the accepted rows (default: dry run)")
        boolean commit;

        @CommandLine.Mixin
        DatabaseOption db;

        @Option(names = "--sheet", paramLabel = "NAME", description = "the worksheet of an XLSX file")
        String sheet;

        @Option(names = "--as", paramLabel = "EMAIL", description = "the caller")
        String caller;

        @Option(names = "--design", paramLabel = "ID", description = "the target design (Cascadia importers)")
        String design;

        @Option(names = "--branch", paramLabel = "ID", description = "the target branch (Cascadia importers)")
        String branch;

        @Option(names = "--bypass-branch-protection", description = "create on main for post-release designs")
        boolean bypassBranchProtection;

        @Option(names = "--definition", paramLabel = "GUID",
                description = "arena-items: the saved import definition to run")
        String definition;

        @Option(names = "--bom", paramLabel = "FILE", description = "cascadia-parts: BOM relationships, a CSV with"
                + " Parent Item Number,Child Item Number,Quantity,Find Number,Reference Designator"
                + " (default: a workbook's BOM sheet)")
        Path bom;

        @Option(names = "--error-report", paramLabel = "FILE",
                description = "write the user's rows with their problems to FILE (.csv or .xlsx)")
        Path errorReport;

        @Option(names = "--again", description = "commit a file the journal says was imported already, a second time")
        boolean again;

        @Option(names = "--writers", paramLabel = "N", description = "ion-runs commits: write with N writers, each on"
                + " a connection of its own (default: 1)")
        int writers = 1;

        @Option(names = "--progress", description = "show the import's progress on standard error even when it is not"
                + " a terminal (default: on a terminal only)")
        boolean progress;

        @Option(names = "--quiet", description = "show no progress, even on a terminal")
        boolean quiet;

        @Option(names = "--max-rows", paramLabel = "N", description = "let in a file of up to N data rows (default: the"
                + " importer's limit, 1,000,000 unless it sets another); its bytes and characters may grow alike")
        Long maxRows;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            if (!offered(importer, err)) {
                return CANNOT_RUN;
            }
            if (!Files.isRegularFile(file)) {
                err.println("intake-examples: no such file: " + file);
                return CANNOT_RUN;
            }
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            boolean xlsx = name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls");
            Optional<CascadiaKind> cascadia = CascadiaKind.named(importer);
            boolean json = cascadia.isPresent() && (name.endsWith(".json") || name.endsWith(".jsonl"));
            if (!xlsx && !json && !name.endsWith(".csv") && !name.endsWith(".txt")) {
                err.println("intake-examples: " + file.getFileName() + " is neither CSV (.csv, .txt) nor XLSX (.xlsx)"
                        + (cascadia.isPresent() ? " nor JSON rows (.json, .jsonl)" : ""));
                return CANNOT_RUN;
            }
            if (writers < 1 || writers > 64) {
                err.println("intake-examples: --writers takes 1 to 64, not " + writers);
                return CANNOT_RUN;
            }
            if (writers > 1 && !importer.equals(IonRuns.NAME)) {
                err.println("intake-examples: --writers applies to ion-runs");
                return CANNOT_RUN;
            }
            if (definition != null && !importer.equals(ArenaCommandLine.NAME)) {
                err.println("intake-examples: --definition applies to arena-items");
                return CANNOT_RUN;
            }
            if (cascadia.isEmpty() && (design != null || branch != null || bypassBranchProtection || bom != null)) {
                err.println("intake-examples: --design, --branch, --bypass-branch-protection and --bom apply to the"
                        + " Cascadia importers");
                return CANNOT_RUN;
            }
            if (json && errorReport != null) {
                err.println("intake-examples: --error-report writes CSV or XLSX rows; it needs a CSV or XLSX input");
                return CANNOT_RUN;
            }
            if (sheet != null && !xlsx) {
                err.println("intake-examples: --sheet applies to XLSX files only");
                return CANNOT_RUN;
            }
            if (progress && quiet) {
                err.println("intake-examples: --progress and --quiet exclude each other");
                return CANNOT_RUN;
            }
            if (maxRows != null && maxRows < 1) {
                err.println("intake-examples: --max-rows takes 1 or more, not " + maxRows);
                return CANNOT_RUN;
            }
            String reportName = errorReport == null ? "" : String.valueOf(errorReport.getFileName()).toLowerCase(Locale.ROOT);
            if (errorReport != null && !reportName.endsWith(".csv") && !reportName.endsWith(".xlsx")) {
                err.println("intake-examples: --error-report writes CSV or XLSX; name a .csv or .xlsx file");
                return CANNOT_RUN;
            }
            if (errorReport != null && sameFile(errorReport, file)) {
                err.println("intake-examples: --error-report names the file being imported; name another file");
                return CANNOT_RUN;
            }
            ImportContext.Builder context = ImportContext.builder();
            if (caller != null) {
                context.caller(caller);
            }
            ImportSource source = !xlsx ? CsvSource.of(file)
                    : sheet == null ? XlsxSource.of(file) : XlsxSource.of(file).sheet(sheet);
            Database database;
            try {
                database = Database.open(db.url);
            } catch (SQLException e) {
                err.println("intake-examples: cannot open the database " + db.url + ": " + oneLine(e.getMessage()));
                return CANNOT_RUN;
            }
            try (database; RowSpool rows = RowSpool.create()) {
                Importer<?> runs;
                ImportContext runContext;
                if (cascadia.isPresent()) {
                    CascadiaCommandLine.Prepared prepared;
                    try {
                        prepared = CascadiaCommandLine.prepare(cascadia.get(), database.connection(), caller, design,
                                branch, bypassBranchProtection, bom, xlsx ? file : null);
                    } catch (IllegalArgumentException e) {
                        err.println("intake-examples: " + oneLine(e.getMessage()));
                        return CANNOT_RUN;
                    }
                    runs = prepared.imports().importer(cascadia.get());
                    runContext = prepared.context();
                    if (json) {
                        JsonSource.Builder rowsOf = JsonSource.builder(file).fields(runs.definition())
                                .attributesField("attributes");
                        source = (name.endsWith(".jsonl") ? rowsOf.lines() : rowsOf).build();
                    }
                } else if (importer.equals(ArenaCommandLine.NAME)) {
                    try {
                        runs = ArenaCommandLine.importer(database.connection(), definition, caller);
                    } catch (IllegalArgumentException e) {
                        err.println("intake-examples: " + oneLine(e.getMessage()));
                        return CANNOT_RUN;
                    }
                    runContext = context.build();
                } else if (importer.equals(Employees.NAME)) {
                    runs = Employees.importer(database.connection());
                    runContext = context.build();
                } else {
                    runs = writers == 1 ? IonRuns.importer(database.connection())
                            : IonRuns.importer(database.connection(), true, 1, true, writers, database::openConnection);
                    runContext = context.build();
                }
                RunOptions.Builder options = RunOptions.of(commit ? RunMode.COMMIT : RunMode.DRY_RUN)
                        .context(runContext).sink(rows).keepRows(0);
                if (again) {
                    options.importAgain();
                }
                if (maxRows != null) {
                    options.limits(letIn(runs.definition().limits(), maxRows));
                }
                ProgressLine line = null;
                if (progress || (!quiet && ProgressLine.standardErrorIsTerminal())) {
                    // a CSV's rows are counted from its bytes at once; other files' totals come as the import learns them
                    long expected = xlsx || json ? -1 : CsvSource.countDataRows(file);
                    line = new ProgressLine(err, expected, System::nanoTime);
                    options.progress(line);
                }
                ImportReport report;
                int exit;
                try {
                    try {
                        report = runs.run(source, options.build());
                    } finally {
                        if (line != null) {
                            line.finish();
                        }
                    }
                    exit = switch (report.outcome()) {
                        case SUCCESS -> 0;
                        case PARTIAL -> 1;
                        default -> CANNOT_RUN;
                    };
                } catch (ImportInterruptedException e) {
                    report = e.report();
                    err.println("intake-examples: " + oneLine(report.fileErrors().get(report.fileErrors().size() - 1)
                            .message()));
                    exit = STOPPED;
                }
                ReportJson.write(report, rows, out);
                out.println();
                out.flush();
                if (out.checkError()) {
                    err.println("intake-examples: the report could not be written to standard output"
                            + (report.committed() ? "; rows were committed: run the same command again to see them" : ""));
                    return STOPPED;
                }
                if (errorReport != null) {
                    writeErrorReport(report, rows, source, runs, reportName.endsWith(".xlsx"), err);
                }
                return exit;
            } catch (SQLException | IOException | RuntimeException | OutOfMemoryError e) {
                // An OutOfMemoryError thrown again while resources close comes back as an
                // IllegalArgumentException ("Self-suppression not permitted") caused by it.
                err.println(causedBy(e, OutOfMemoryError.class) ? OUT_OF_MEMORY
                        : "intake-examples: the import stopped unexpectedly: " + oneLine(e.getMessage())
                                + "; what was committed is in the database and its import journal");
                return STOPPED;
            }
        }

        /**
         * The importer's limits with room for {@code rows} data rows, and for their bytes and
         * characters at a kilobyte a row where the importer's own limits hold less.
         */
        private static dev.intake.core.Limits letIn(dev.intake.core.Limits limits, long rows) {
            long room = rows > Long.MAX_VALUE / 1024 ? Long.MAX_VALUE : rows * 1024;
            return limits.withMaxRows(rows).withMaxBytes(Math.max(limits.maxBytes(), room))
                    .withMaxCharacters(Math.max(limits.maxCharacters(), room));
        }

        /** Writes the error report; a failure is a warning, since the import itself is done. */
        private void writeErrorReport(ImportReport report, RowSpool rows, ImportSource source, Importer<?> runs,
                boolean xlsx, PrintWriter err) {
            try {
                if (xlsx) {
                    try (OutputStream stream = Files.newOutputStream(errorReport)) {
                        XlsxErrorReport.write(report, rows, source, runs.definition(), stream);
                    }
                } else {
                    try (Writer writer = Files.newBufferedWriter(errorReport, StandardCharsets.UTF_8)) {
                        CsvErrorReport.write(report, rows, source, runs.definition(), writer);
                    }
                }
                err.println("intake-examples: error report written to " + errorReport);
            } catch (IOException | RuntimeException e) {
                err.println("intake-examples: warning: the error report could not be written to " + errorReport + ": "
                        + oneLine(e.getMessage()) + "; the import's outcome stands");
            }
        }

        private static boolean sameFile(Path report, Path input) {
            try {
                if (Files.exists(report)) {
                    return Files.isSameFile(report, input);
                }
                return report.toAbsolutePath().normalize().equals(input.toRealPath());
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** {@code serve}: the seeds' import APIs over HTTP (SERVE.md), until the process is stopped. */
    @Command(name = "serve", description = "Serves the seeds' import APIs over HTTP until stopped.")
    static final class ServeCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--port", paramLabel = "PORT", description = "the HTTP port; 0 for any free one (default: 8080)")
        int port = 8080;

        @Option(names = "--arena-requests-per-hour", paramLabel = "N",
                description = "the import runs API's requests per user and hour (default: 1000)")
        int requestsPerHour = 1000;

        @Option(names = "--arena-session-idle", paramLabel = "DURATION",
                description = "how long an import runs session lives unused, e.g. PT90M (default: PT90M)")
        java.time.Duration sessionIdle = java.time.Duration.ofMinutes(90);

        @Option(names = "--arena-max-upload-mb", paramLabel = "MB",
                description = "the largest file a run may upload, in megabytes (default: 256)")
        int maxUploadMegabytes = 256;

        @Option(names = "--runs-dir", paramLabel = "DIR",
                description = "where import runs keep their files (default: intake-demo/runs)")
        Path runsDir = Path.of("intake-demo", "runs");

        @Option(names = "--clock-offset", paramLabel = "DURATION",
                description = "runs the host's clock ahead, e.g. P61D, to see results expire (default: PT0S)")
        java.time.Duration clockOffset = java.time.Duration.ZERO;

        @CommandLine.Mixin
        DatabaseOption db;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            ConfigurableApplicationContext application;
            try {
                if (requestsPerHour < 1 || maxUploadMegabytes < 1) {
                    err.println("intake-examples: --arena-requests-per-hour and --arena-max-upload-mb must be 1 or more");
                    return CANNOT_RUN;
                }
                if (sessionIdle.isNegative() || sessionIdle.isZero()) {
                    err.println("intake-examples: --arena-session-idle must be positive, not " + sessionIdle);
                    return CANNOT_RUN;
                }
                application = ServeApplication.start(port, db.url, Map.of(
                        "intake.arena.requests-per-hour", requestsPerHour,
                        "intake.arena.session-idle", sessionIdle.toString(),
                        "intake.runs-dir", runsDir.toAbsolutePath().toString(),
                        "intake.clock-offset", clockOffset.toString(),
                        "spring.servlet.multipart.max-file-size", maxUploadMegabytes + "MB",
                        "spring.servlet.multipart.max-request-size", (maxUploadMegabytes + 1) + "MB"));
            } catch (SQLException e) {
                err.println("intake-examples: cannot open the database " + db.url + ": " + oneLine(e.getMessage()));
                return CANNOT_RUN;
            } catch (RuntimeException e) {
                err.println("intake-examples: the server could not start: " + oneLine(e.getMessage()));
                return CANNOT_RUN;
            }
            CountDownLatch closed = new CountDownLatch(1);
            application.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    closed.countDown();
                }
            });
            PrintWriter out = spec.commandLine().getOut();
            out.println("intake-examples: serving on http://localhost:"
                    + application.getEnvironment().getProperty("local.server.port") + "/");
            out.flush();
            closed.await();
            return 0;
        }
    }

    /** Whether a throwable, or one of its causes, is of a kind. */
    static boolean causedBy(Throwable thrown, Class<? extends Throwable> kind) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A message on one line, without the Java class names that exceptions put in their messages.
     *
     * @param message the message, or null
     * @return one line
     */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "").strip();
    }
}
