package dev.intake.spring;

import dev.intake.core.ImportContext;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.ReportSink;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import dev.intake.core.source.EditedSource;
import dev.intake.core.source.ImportSource;
import dev.intake.json.ReportJson;
import dev.intake.spi.ImportProgress;
import dev.intake.spi.Importer;
import dev.intake.spi.RowSpool;
import dev.intake.spi.RunOptions;
import dev.intake.spi.run.Run;
import dev.intake.spi.run.RunFiles;
import dev.intake.spi.run.RunWork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Executes a run with the importer its definition names: the submitted file, in the format it was
 * submitted as, dry run or commit, with the submitter and their roles as the caller. Its results ({@link RunResults})
 * are the whole report JSON, every row of it (from a {@link RowSpool}, so memory stays flat), with
 * the submitted file; the endpoints make pages of failed rows and the error reports from them. A commit is journaled
 * under the run's id: executed again after a crash, it writes each row once.
 */
final class ImporterRunWork implements RunWork {
    private final ImporterRegistry importers;
    private final RunFiles files;
    private final Path scratch;
    private final RunObserver observer;

    ImporterRunWork(ImporterRegistry importers, RunFiles files, Path scratch, RunObserver observer) {
        this.importers = importers;
        this.files = files;
        this.scratch = scratch;
        this.observer = observer;
    }

    @Override
    public Result execute(Run run, ImportProgress progress, UnaryOperator<ReportSink> counting) throws Exception {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "run-", ".upload");
        RowSpool rows = null;
        try {
            RunRequest request;
            try (InputStream in = files.open(run.file())) {
                request = RunRequest.readFrom(in);
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            RunMode mode = run.commit() ? RunMode.COMMIT : RunMode.DRY_RUN;
            ImporterProvider provider = importers.find(run.definition()).orElse(null);
            ImportReport report;
            Duration took = null;
            String refused = null;
            long[] written = new long[2];
            Map<ProblemCode, Long> problems = new EnumMap<>(ProblemCode.class);
            rows = RowSpool.create();
            if (provider == null) {
                report = ImportReport.builder(run.definition(), mode).fileError(Problem.of(ProblemCode.INVALID_REQUEST,
                        "the application has no importer " + run.definition() + " any more")).build();
            } else {
                ImportContext context = ImportContext.builder().caller(run.creator())
                        .attribute(ImportContextResolver.ROLES, request.roles()).build();
                ImporterProvider.Opened opened = provider.open(context);
                try {
                    Importer<?> importer = opened.importer();
                    ImportSource source;
                    try {
                        source = EditedSource.of(FileType.valueOf(run.fileType()).source(file, importer.definition(),
                                run.worksheet()), importer.definition(), request.headerMapping(), request.edits());
                    } catch (IllegalArgumentException e) {
                        // the edits were checked when submitted: the definition changed since
                        source = null;
                        refused = e.getMessage();
                    }
                    if (source == null) {
                        report = ImportReport.builder(run.definition(), mode).fileError(Problem.of(
                                ProblemCode.INVALID_REQUEST, refused)).build();
                    } else {
                        RunOptions.Builder options = RunOptions.of(mode).context(context).progress(progress)
                                .sink(counting.apply(counted(rows, problems, written))).keepRows(0)
                                .journalKey("run-" + run.id()).headerMapping(request.headerMapping());
                        request.mode().ifPresent(options::mode);
                        long started = System.nanoTime();
                        report = importer.run(source, options.build());
                        took = Duration.ofNanos(System.nanoTime() - started);
                    }
                } finally {
                    opened.release();
                }
            }
            boolean done = report.fileErrors().stream().anyMatch(problem -> problem.code() == ProblemCode.ALREADY_IMPORTED);
            boolean passed = done || report.outcome() == dev.intake.core.result.Outcome.SUCCESS;
            report.fileErrors().forEach(problem -> problems.merge(problem.code(), 1L, Long::sum));
            if (observer != null && took != null) {
                try {
                    observer.ended(report, took, Map.copyOf(problems), passed);
                } catch (RuntimeException e) {
                    System.getLogger(ImporterRunWork.class.getName()).log(System.Logger.Level.WARNING,
                            "intake: the run observer failed", e);
                }
            }
            Path results = Files.createTempFile(scratch, "run-", ".json");
            try (OutputStream out = Files.newOutputStream(results)) {
                ReportJson.write(report, rows, out);
            }
            Path submitted = file;
            file = null;
            RunRequest asked = request;
            RunResults.Counts counts = new RunResults.Counts(written[0], written[1], report.skippedCount(),
                    report.fileErrors());
            return new Result(passed, report.totalRows(),
                    report.successCount(), report.errorCount(), out -> {
                        try {
                            RunResults.write(asked, counts, results, submitted, out);
                        } finally {
                            Files.deleteIfExists(results);
                            Files.deleteIfExists(submitted);
                        }
                    });
        } finally {
            if (rows != null) {
                rows.close();
            }
            if (file != null) {
                deleteQuietly(file);
            }
        }
    }

    /**
     * The results of a run that could not be executed (it failed on its last attempt, or its worker
     * stopped each time): results like any run's, whose report has the reason as its file problem
     * ({@code INTERRUPTED}), so the endpoints and a screen show why and the file can be checked again.
     */
    @Override
    public RunFiles.Content failure(Run run, String reason) {
        return out -> {
            Files.createDirectories(scratch);
            Path submitted = Files.createTempFile(scratch, "failed-", ".upload");
            Path report = Files.createTempFile(scratch, "failed-", ".json");
            try {
                RunRequest request;
                try (InputStream in = files.open(run.file())) {
                    request = RunRequest.readFrom(in);
                    Files.copy(in, submitted, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Problem problem = Problem.of(ProblemCode.INTERRUPTED, "the import could not be executed: " + reason);
                ImportReport failed = ImportReport.builder(run.definition(), run.commit() ? RunMode.COMMIT
                        : RunMode.DRY_RUN).fileError(problem).build();
                try (OutputStream json = Files.newOutputStream(report); RowSpool none = RowSpool.create()) {
                    ReportJson.write(failed, none, json);
                }
                RunResults.write(request, new RunResults.Counts(0, 0, 0, java.util.List.of(problem)), report,
                        submitted, out);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("the results of failed run " + run.id() + " could not be written", e);
            } finally {
                Files.deleteIfExists(submitted);
                Files.deleteIfExists(report);
            }
        };
    }

    /**
     * The spool, counting each failed row's problems by code for the observer, and the rows created
     * ({@code written[0]}) and updated ({@code written[1]}) for the results.
     */
    private static ReportSink counted(ReportSink spool, Map<ProblemCode, Long> problems, long[] written) {
        return new ReportSink() {
            @Override
            public void created(WrittenRow row) {
                written[0]++;
                spool.created(row);
            }

            @Override
            public void updated(WrittenRow row) {
                written[1]++;
                spool.updated(row);
            }

            @Override
            public void failed(FailedRow row) {
                for (Problem problem : row.errors()) {
                    problems.merge(problem.code(), 1L, Long::sum);
                }
                spool.failed(row);
            }
        };
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the scratch directory is swept at start-up
        }
    }
}
