package dev.intake.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.RelationshipFailure;
import dev.intake.core.result.ReportRows;
import dev.intake.core.result.WrittenRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes an {@link ImportReport} as the report JSON of Intake's contract: fields in contract order,
 * ids absent in a dry run, a problem's column absent when it has none, and {@code ignoredColumns}
 * (the header cells of unknown columns a definition ignores) only when there are some. A report that
 * kept only some of its rows says how many it omitted ({@code rowsOmitted}); the report of any size
 * is written whole from what the import streamed to ({@link #write(ImportReport, ReportRows,
 * OutputStream)}), a row at a time. Thread-safe.
 */
public final class ReportJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final Separators SEPARATORS = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");

    private ReportJson() {
    }

    /**
     * The report as indented JSON.
     *
     * @param report the report
     * @return the JSON text, ending without a line break
     */
    public static String toJson(ImportReport report) {
        StringWriter out = new StringWriter();
        write(report, out);
        return out.toString();
    }

    /**
     * Writes the report as indented UTF-8 JSON; the stream stays open.
     *
     * @param report the report
     * @param out the stream
     * @throws UncheckedIOException if writing fails
     */
    public static void write(ImportReport report, OutputStream out) {
        generate(() -> FACTORY.createGenerator(out), report, null);
    }

    /**
     * Writes the report as indented JSON; the writer stays open.
     *
     * @param report the report
     * @param out the writer
     * @throws UncheckedIOException if writing fails
     */
    public static void write(ImportReport report, Writer out) {
        generate(() -> FACTORY.createGenerator(out), report, null);
    }

    /**
     * Writes the whole report as indented UTF-8 JSON, its rows read from what the import streamed
     * to, as they are written: the same text as {@link #toJson} gives for a report that kept all its
     * rows, for a report of any size. The stream stays open.
     *
     * @param report the import's report (counts, file problems, groups, relationships)
     * @param rows every row's outcome
     * @param out the stream
     * @throws UncheckedIOException if writing fails
     */
    public static void write(ImportReport report, ReportRows rows, OutputStream out) {
        Objects.requireNonNull(rows, "rows must not be null");
        generate(() -> FACTORY.createGenerator(out), report, rows);
    }

    /**
     * Writes the whole report as indented JSON, its rows read from what the import streamed to, as
     * {@link #write(ImportReport, ReportRows, OutputStream)} does; the writer stays open.
     *
     * @param report the import's report
     * @param rows every row's outcome
     * @param out the writer
     * @throws UncheckedIOException if writing fails
     */
    public static void write(ImportReport report, ReportRows rows, Writer out) {
        Objects.requireNonNull(rows, "rows must not be null");
        generate(() -> FACTORY.createGenerator(out), report, rows);
    }

    /** Opens a generator on the caller's stream or writer. */
    @FunctionalInterface
    private interface Generator {
        JsonGenerator open() throws IOException;
    }

    /** Writes the report (its rows from {@code rows} when not null), leaving the target open. */
    private static void generate(Generator generator, ImportReport report, ReportRows rows) {
        try (JsonGenerator json = generator.open().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            write(report, rows, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ImportReport report, ReportRows rows, JsonGenerator json) throws IOException {
        Objects.requireNonNull(report, "report must not be null");
        json.setPrettyPrinter(new DefaultPrettyPrinter(SEPARATORS)
                .withObjectIndenter(new DefaultIndenter("  ", "\n")));
        json.writeStartObject();
        json.writeStringField("importer", report.importer());
        json.writeStringField("mode", report.mode().name());
        json.writeStringField("outcome", report.outcome().name());
        json.writeBooleanField("committed", report.committed());
        json.writeNumberField("totalRows", report.totalRows());
        json.writeNumberField("successCount", report.successCount());
        json.writeNumberField("errorCount", report.errorCount());
        json.writeNumberField("skippedCount", report.skippedCount());
        if (rows == null) {
            writeRows(json, "created", report.created().iterator());
            writeRows(json, "updated", report.updated().iterator());
            writeFailed(json, report.failedRows().iterator());
        } else {
            try (Stream<WrittenRow> created = rows.created()) {
                writeRows(json, "created", created.iterator());
            }
            try (Stream<WrittenRow> updated = rows.updated()) {
                writeRows(json, "updated", updated.iterator());
            }
            try (Stream<FailedRow> failed = rows.failed()) {
                writeFailed(json, failed.iterator());
            }
        }
        writeProblems(json, "fileErrors", report.fileErrors());
        json.writeArrayFieldStart("groups");
        for (GroupOutcome group : report.groups()) {
            json.writeStartObject();
            json.writeStringField("name", group.name());
            json.writeStringField("key", group.key());
            json.writeStringField("action", group.action().name());
            if (group.matched().isPresent()) {
                json.writeStringField("matched", group.matched().get());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("relationships");
        json.writeNumberField("created", report.relationships().created());
        json.writeNumberField("failed", report.relationships().failed());
        json.writeArrayFieldStart("failures");
        for (RelationshipFailure failure : report.relationships().failures()) {
            json.writeStartObject();
            json.writeNumberField("index", failure.index());
            writeProblems(json, "errors", failure.errors());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        if (rows == null && report.rowsOmitted() > 0) {
            json.writeNumberField("rowsOmitted", report.rowsOmitted());
        }
        if (!report.ignoredColumns().isEmpty()) {
            json.writeArrayFieldStart("ignoredColumns");
            for (String column : report.ignoredColumns()) {
                json.writeString(column);
            }
            json.writeEndArray();
        }
        if (!report.skippedRows().isEmpty()) {
            json.writeArrayFieldStart("skippedRows");
            for (dev.intake.core.result.SkippedRow row : report.skippedRows()) {
                json.writeStartObject();
                json.writeNumberField("rowNumber", row.rowNumber());
                json.writeStringField("reason", row.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (!report.attributeColumns().isEmpty()) {
            json.writeArrayFieldStart("attributeColumns");
            for (String column : report.attributeColumns()) {
                json.writeString(column);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void writeFailed(JsonGenerator json, Iterator<FailedRow> rows) throws IOException {
        json.writeArrayFieldStart("failedRows");
        while (rows.hasNext()) {
            FailedRow row = rows.next();
            json.writeStartObject();
            json.writeNumberField("rowNumber", row.rowNumber());
            writeProblems(json, "errors", row.errors());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeRows(JsonGenerator json, String name, Iterator<WrittenRow> rows) throws IOException {
        json.writeArrayFieldStart(name);
        while (rows.hasNext()) {
            WrittenRow row = rows.next();
            json.writeStartObject();
            json.writeNumberField("rowNumber", row.rowNumber());
            if (row.id().isPresent()) {
                json.writeStringField("id", row.id().get());
            }
            if (row.key().isPresent()) {
                json.writeStringField("key", row.key().get());
            }
            if (row.matched().isPresent()) {
                json.writeStringField("matched", row.matched().get());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * Writes problems as the report JSON writes them: an array field of {@code {"code", "column",
     * "message"}} objects, {@code column} only for a problem that has one. For a host's own answers
     * that carry problems in the report's shape.
     *
     * @param json where to write, inside an object
     * @param name the array field's name
     * @param problems the problems
     * @throws IOException if writing fails
     */
    public static void writeProblems(JsonGenerator json, String name, List<Problem> problems) throws IOException {
        json.writeArrayFieldStart(name);
        for (Problem problem : problems) {
            json.writeStartObject();
            json.writeStringField("code", problem.code().name());
            if (problem.column().isPresent()) {
                json.writeStringField("column", problem.column().get());
            }
            json.writeStringField("message", problem.message());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
