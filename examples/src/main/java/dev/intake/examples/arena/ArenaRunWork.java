package dev.intake.examples.arena;

import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.ReportSink;
import dev.intake.core.result.RunMode;
import dev.intake.core.source.ImportSource;
import dev.intake.csv.CsvErrorReport;
import dev.intake.csv.CsvSource;
import dev.intake.jdbc.JdbcImportJournal;
import dev.intake.spi.JournalSummary;
import dev.intake.json.DefinitionJson;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.Importer;
import dev.intake.spi.RowSpool;
import dev.intake.spi.RunOptions;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.run.Run;
import dev.intake.spi.run.RunFiles;
import dev.intake.spi.run.RunWork;
import dev.intake.xlsx.XlsxErrorReport;
import dev.intake.xlsx.XlsxSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How the import runs example executes a run: it reads the run's saved definition against the item
 * schema, opens the submitted CSV or worksheet, and runs the definition all or nothing (the seed
 * commits "assuming there are no errors"), validate-only or commit as the run says, journaled under
 * the run's id so that a run taken up again after a crash writes each row once. The results file is
 * every submitted row with its problems, in the submitted format.
 */
public final class ArenaRunWork implements RunWork {
    /** The file types a run accepts. */
    public static final String CSV = "CSV";
    /** A worksheet of an XLSX workbook. */
    public static final String EXCEL_WORKSHEET = "EXCEL_WORKSHEET";

    private final ArenaStore store;
    private final RunFiles files;
    private final TransactionBoundary transactions;
    private final JdbcImportJournal.ConnectionSource journalConnection;
    private final Path scratch;

    /**
     * The work of the host's runs.
     *
     * @param store the host's data
     * @param files where the runs' files are
     * @param transactions the host's transaction boundary
     * @param journalConnection the connection of the current transaction, for the import journal
     * @param scratch a directory for a workbook's temporary copy
     */
    public ArenaRunWork(ArenaStore store, RunFiles files, TransactionBoundary transactions,
            JdbcImportJournal.ConnectionSource journalConnection, Path scratch) {
        this.store = store;
        this.files = files;
        this.transactions = transactions;
        this.journalConnection = journalConnection;
        this.scratch = scratch;
    }

    /**
     * A submitted file as an import source.
     *
     * @param fileType {@link #CSV} or {@link #EXCEL_WORKSHEET}
     * @param fileName the file's name
     * @param file the file (a workbook is read from a file)
     * @param worksheet the worksheet, for a workbook
     * @return the source
     */
    static ImportSource source(String fileType, String fileName, Path file, String worksheet) {
        return EXCEL_WORKSHEET.equals(fileType) ? XlsxSource.of(file).sheet(worksheet)
                : CsvSource.builder(fileName, () -> Files.newInputStream(file)).build();
    }

    @Override
    public Result execute(Run run, ImportProgress progress, UnaryOperator<ReportSink> counting) throws Exception {
        Files.createDirectories(scratch);
        Path copy = Files.createTempFile(scratch, "run-" + run.id() + "-", ".upload");
        Path results = Files.createTempFile(scratch, "run-" + run.id() + "-", ".results");
        try {
            try (InputStream in = files.open(run.file())) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            Result result = execute(run, copy, progress, counting);
            // the results read the submitted file again: written now, while its copy is here
            try (java.io.OutputStream out = Files.newOutputStream(results)) {
                result.results().writeTo(out);
            }
            return new Result(result.passed(), result.total(), result.success(), result.error(), out -> {
                try {
                    Files.copy(results, out);
                } finally {
                    Files.deleteIfExists(results);
                }
            });
        } catch (Exception | Error e) {
            Files.deleteIfExists(results);
            throw e;
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private Result execute(Run run, Path file, ImportProgress progress, UnaryOperator<ReportSink> counting)
            throws Exception {
        ImportSource source = source(run.fileType(), run.fileName(), file, run.worksheet().orElse(null));
        if (run.commit()) {
            // committed before, and the worker stopped before the run was marked ended: the journal
            // says so before any row is checked again (they would all be "already exists" now)
            Optional<JournalSummary> done = transactions.inTransaction(
                    () -> JdbcImportJournal.on(journalConnection).completed(run.id()));
            if (done.isPresent()) {
                ImportReport committed = ImportReport.builder(run.definition(), RunMode.COMMIT).build();
                return new Result(true, done.get().rows(), done.get().created() + done.get().updated(),
                        done.get().failed(), results(run, committed, RowSpool.create(), source, null));
            }
        }
        DefinitionJson.Definition definition;
        try {
            definition = DefinitionJson.read(store.definition(run.definition()).orElseThrow(() ->
                    new IllegalStateException("the definition " + run.definition() + " is gone")).document()
                    .getBytes(StandardCharsets.UTF_8), store.targets());
        } catch (DefinitionJson.InvalidDefinitionException e) {
            // changed since the run was submitted: every row is reported with why nothing ran
            ImportReport refused = ImportReport.builder(run.definition(), run.commit() ? RunMode.COMMIT : RunMode.DRY_RUN)
                    .fileError(Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage())).build();
            return new Result(false, 0, 0, 0, results(run, refused, RowSpool.create(), source, null));
        }
        Importer<ArenaItem> importer = Importer.builder(definition.definition(), row -> ArenaItem.of(row, definition),
                store.items())
                .transactions(transactions)
                .policy(CommitPolicy.ALL_OR_NOTHING)
                .journal(JdbcImportJournal.on(journalConnection))
                .build();
        RowSpool rows = RowSpool.create();
        try {
            ImportReport report = importer.run(source, RunOptions.of(run.commit() ? RunMode.COMMIT : RunMode.DRY_RUN)
                    .progress(progress).sink(counting.apply(rows)).keepRows(0).journalKey(run.id()).build());
            pauseAfterWork();
            boolean alreadyDone = report.fileErrors().stream().anyMatch(p -> p.code() == ProblemCode.ALREADY_IMPORTED);
            boolean passed = alreadyDone || (report.fileErrors().isEmpty() && report.errorCount() == 0);
            return new Result(passed, report.totalRows(), report.successCount(), report.errorCount(),
                    results(run, report, rows, source, definition));
        } catch (RuntimeException | Error e) {
            rows.close();
            throw e;
        }
    }

    /**
     * For the tests of the window between a commit and the run's end: {@code -Dintake.examples.pause-after-work=MS}
     * holds the worker there, so that a test can kill the process in it.
     */
    private static void pauseAfterWork() throws InterruptedException {
        long pause = Long.getLong("intake.examples.pause-after-work", 0);
        if (pause > 0) {
            System.out.println("intake-examples: work done, pausing " + pause + " ms");
            System.out.flush();
            Thread.sleep(pause);
        }
    }

    /**
     * A run that could not be executed: its results are the submitted file's header with the reason
     * in the problems column (CSV), or a workbook saying so, so that the user reads why in the file
     * they expect.
     */
    @Override
    public RunFiles.Content failure(Run run, String reason) {
        return out -> {
            String text = "file: the import could not be executed: " + reason;
            if (EXCEL_WORKSHEET.equals(run.fileType())) {
                try (org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(
                        new java.io.FilterOutputStream(out) {
                            @Override
                            public void close() throws IOException {
                                flush();
                            }
                        }, "Intake", "1.0")) {
                    org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet(XlsxErrorReport.FILE_PROBLEMS_SHEET);
                    sheet.inlineString(0, 0, XlsxErrorReport.PROBLEMS_COLUMN);
                    sheet.inlineString(1, 0, text);
                }
            } else {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                writer.write(XlsxErrorReport.PROBLEMS_COLUMN + "\r\n\"" + text.replace("\"", "\"\"") + "\"\r\n");
                writer.flush();
            }
        };
    }

    /** Every submitted row with its problems, in the submitted format; the spool is closed once written. */
    private static RunFiles.Content results(Run run, ImportReport report, RowSpool rows, ImportSource source,
            DefinitionJson.Definition definition) {
        return out -> {
            try (rows) {
                // a definition that no longer reads (changed since the run was submitted) has no columns to speak of
                dev.intake.core.ImportDefinition written = definition == null
                        ? dev.intake.core.ImportDefinition.builder(run.definition())
                                .column(dev.intake.core.Column.text("unused")).build()
                        : definition.definition();
                if (EXCEL_WORKSHEET.equals(run.fileType())) {
                    XlsxErrorReport.writeResults(report, rows, source, written, out);
                } else {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    CsvErrorReport.writeResults(report, rows, source, written, writer);
                    writer.flush();
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }
}
