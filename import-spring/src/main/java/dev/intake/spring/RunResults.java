package dev.intake.spring;

import dev.intake.json.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A run's results as the starter keeps them: one ZIP of the run's request (its mapping and edits),
 * the report JSON (every row) and the submitted file, which the run store deletes once the run ends,
 * so that pages of failed rows and error reports can be made, and the file checked again, for as
 * long as the results are kept. The small request comes first and the report next, so both stream
 * without reading the file.
 */
final class RunResults {
    static final String REQUEST = "request";
    static final String COUNTS = "counts.json";
    static final String REPORT = "report.json";
    static final String SUBMITTED = "submitted";

    private RunResults() {
    }

    /** Writes a run's results. */
    static void write(RunRequest request, Counts counts, Path report, Path submitted, OutputStream out)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry(REQUEST));
        request.writeTo(zip);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(COUNTS));
        com.fasterxml.jackson.core.JsonGenerator json = com.fasterxml.jackson.core.JsonFactory.builder().build()
                .createGenerator(new java.io.FilterOutputStream(zip) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
        json.writeStartObject();
        json.writeNumberField("created", counts.created());
        json.writeNumberField("updated", counts.updated());
        json.writeNumberField("skipped", counts.skipped());
        ReportJson.writeProblems(json, "fileErrors", counts.fileErrors());
        json.writeEndObject();
        json.close();
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(REPORT));
        Files.copy(report, zip);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(SUBMITTED));
        Files.copy(submitted, zip);
        zip.closeEntry();
        zip.finish();
    }

    /** Copies the report JSON of a run's results to a stream. */
    static void report(InputStream results, OutputStream out) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(results)) {
            ZipEntry entry = zip.getNextEntry();
            while (entry != null && (entry.getName().equals(REQUEST) || entry.getName().equals(COUNTS))) {
                entry = zip.getNextEntry();
            }
            if (entry == null || !entry.getName().equals(REPORT)) {
                throw new IOException("a run's results do not start with its report");
            }
            zip.transferTo(out);
        }
    }

    /**
     * What a run wrote: rows created, updated, and skipped (not checked: a cancelled or failed
     * import), and the problems of the whole file, which a screen shows without reading the report.
     */
    record Counts(long created, long updated, long skipped, java.util.List<dev.intake.core.result.Problem> fileErrors) {
        Counts {
            fileErrors = java.util.List.copyOf(fileErrors);
        }
    }

    /** The request and the counts of a run's results, their first entries. */
    record Head(RunRequest request, Counts counts) {
    }

    /** Reads the request and the counts from the front of a run's results. */
    static Head head(InputStream results) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(results)) {
            ZipEntry entry = zip.getNextEntry();
            if (entry == null || !entry.getName().equals(REQUEST)) {
                throw new IOException("a run's results do not start with its request");
            }
            RunRequest request = RunRequest.readFrom(zip);
            entry = zip.getNextEntry();
            if (entry == null || !entry.getName().equals(COUNTS)) {
                throw new IOException("a run's results have no counts after their request");
            }
            com.fasterxml.jackson.databind.JsonNode counts = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(zip.readAllBytes());
            java.util.List<dev.intake.core.result.Problem> problems = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode problem : counts.path("fileErrors")) {
                dev.intake.core.result.ProblemCode code = dev.intake.core.result.ProblemCode.valueOf(
                        problem.path("code").asText());
                problems.add(problem.hasNonNull("column")
                        ? dev.intake.core.result.Problem.at(code, problem.get("column").asText(), problem.path("message").asText())
                        : dev.intake.core.result.Problem.of(code, problem.path("message").asText()));
            }
            return new Head(request, new Counts(counts.path("created").asLong(), counts.path("updated").asLong(),
                    counts.path("skipped").asLong(), problems));
        }
    }

    /** The request, and the report and the submitted file of a run's results as scratch files; delete both. */
    record Extracted(RunRequest request, Path report, Path submitted) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(report);
            Files.deleteIfExists(submitted);
        }
    }

    static Extracted extract(InputStream results, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path report = Files.createTempFile(scratch, "report-", ".json");
        Path submitted = Files.createTempFile(scratch, "submitted-", ".upload");
        RunRequest request = null;
        try (ZipInputStream zip = new ZipInputStream(results)) {
            int found = 0;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(REQUEST)) {
                    request = RunRequest.readFrom(zip);
                } else if (entry.getName().equals(REPORT)) {
                    Files.copy(zip, report, StandardCopyOption.REPLACE_EXISTING);
                    found++;
                } else if (entry.getName().equals(SUBMITTED)) {
                    Files.copy(zip, submitted, StandardCopyOption.REPLACE_EXISTING);
                    found++;
                }
            }
            if (found != 2 || request == null) {
                throw new IOException("a run's results lack their request, report or submitted file");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(report);
            Files.deleteIfExists(submitted);
            throw e;
        }
        return new Extracted(request, report, submitted);
    }
}
