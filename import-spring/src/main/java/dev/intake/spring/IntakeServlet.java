package dev.intake.spring;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.source.ErrorReportRows;
import dev.intake.core.source.ImportSource;
import dev.intake.csv.CsvErrorReport;
import dev.intake.csv.CsvTemplate;
import dev.intake.json.ReportJson;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.Run;
import dev.intake.spi.run.RunFiles;
import dev.intake.spi.run.RunStatus;
import dev.intake.xlsx.XlsxErrorReport;
import dev.intake.xlsx.XlsxTemplate;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Intake's HTTP endpoints under {@code {base-path}/api}: the importers and their columns, templates,
 * runs submitted as multipart uploads and executed in the background, their status, report, pages
 * of failed rows, error reports, and cancelling. A servlet of its own, so that its uploads have their
 * own size limit and go to disk as they arrive, and its JSON is written by Intake's Jackson whatever
 * the application's MVC uses. It sits behind the application's filters (Spring Security's chain) as
 * any other servlet: it opens nothing the application did not open. A run is visible to the caller
 * who submitted it only. Every error is {@code {"error": {"code", "message"}}}.
 */
public class IntakeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(IntakeServlet.class.getName());

    private final transient ImporterRegistry importers;
    private final transient ImportRuns runs;
    private final transient RunFiles files;
    private final transient ImportContextResolver contexts;
    private final transient IntakeProperties.Web settings;
    private final transient Path scratch;

    /**
     * The endpoints; the auto-configuration registers them.
     *
     * @param importers the application's importers
     * @param runs the runs of the application's importers
     * @param contexts who imports
     * @param settings the endpoints' settings
     * @param scratch where pages and error reports read files
     */
    public IntakeServlet(ImporterRegistry importers, ImporterRuns runs, ImportContextResolver contexts,
            IntakeProperties.Web settings, Path scratch) {
        this.importers = importers;
        this.runs = runs.runs();
        this.files = runs.files();
        this.contexts = contexts;
        this.settings = settings;
        this.scratch = scratch;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<String> at = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                at.add(segment);
            }
        }
        try {
            route(request, response, request.getMethod(), at);
        } catch (Answer answer) {
            JsonWriter.error(response, answer.status, answer.code, answer.getMessage());
        } catch (Exception e) {
            if (response.isCommitted()) {
                // a body was under way (the client went, or a file failed mid-copy): nothing to answer
                LOG.log(System.Logger.Level.WARNING, "intake: " + request.getMethod() + " " + path + " stopped", e);
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "intake: " + request.getMethod() + " " + path + " failed", e);
            JsonWriter.error(response, 500, "INTERNAL", "the request could not be served; the cause is in the"
                    + " application log");
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, String method, List<String> at)
            throws Exception {
        int n = at.size();
        if (n == 1 && at.get(0).equals("openapi.json")) {
            allow(method, "GET");
            OpenApi.write(request.getContextPath() + request.getServletPath(), response);
        } else if (n == 1 && at.get(0).equals("importers")) {
            allow(method, "GET");
            // every definition made before the answer starts: one that fails answers 500, not half an array
            List<ImportDefinition> definitions = new ArrayList<>();
            List<ImporterProvider> all = new ArrayList<>(importers.all());
            for (ImporterProvider importer : all) {
                definitions.add(importer.definition());
            }
            JsonWriter.send(response, 200, json -> {
                json.writeStartArray();
                for (int i = 0; i < all.size(); i++) {
                    describe(definitions.get(i), all.get(i).policy(), json);
                }
                json.writeEndArray();
            });
        } else if (n == 2 && at.get(0).equals("importers")) {
            allow(method, "GET");
            ImporterProvider importer = importer(at.get(1));
            ImportDefinition definition = importer.definition();
            JsonWriter.send(response, 200, json -> describe(definition, importer.policy(), json));
        } else if (n == 3 && at.get(0).equals("importers") && at.get(2).equals("template")) {
            allow(method, "GET");
            template(importer(at.get(1)).definition(), request, response);
        } else if (n == 3 && at.get(0).equals("importers") && at.get(2).equals("runs")) {
            allow(method, "POST");
            submit(importer(at.get(1)), request, response);
        } else if (n == 1 && at.get(0).equals("session")) {
            allow(method, "GET");
            session(request, response);
        } else if (n == 2 && at.get(0).equals("runs")) {
            allow(method, "GET");
            Run run = run(at.get(1), request);
            RunResults.Head asked = requestOf(run);
            JsonWriter.send(response, 200, json -> describe(run, asked, json));
        } else if (n == 3 && at.get(0).equals("runs") && at.get(2).equals("again")) {
            allow(method, "POST");
            again(run(at.get(1), request), request, response);
        } else if (n == 3 && at.get(0).equals("runs") && at.get(2).equals("header")) {
            allow(method, "GET");
            header(run(at.get(1), request), response);
        } else if (n == 3 && at.get(0).equals("runs") && at.get(2).equals("cancel")) {
            allow(method, "POST");
            Run run = run(at.get(1), request);
            if (!runs.cancel(run.id())) {
                throw new Answer(409, "NOT_CANCELLABLE", "run " + run.id() + " has started or ended; only a run"
                        + " that has not started can be cancelled");
            }
            Run cancelled = runs.find(run.id()).orElseThrow();
            JsonWriter.send(response, 200, json -> describe(cancelled, null, json));
        } else if (n == 3 && at.get(0).equals("runs") && at.get(2).equals("report")) {
            allow(method, "GET");
            Run run = run(at.get(1), request);
            response.setStatus(200);
            response.setContentType("application/json");
            try (InputStream results = results(run)) {
                RunResults.report(results, response.getOutputStream());
            }
        } else if (n == 3 && at.get(0).equals("runs") && at.get(2).equals("failed-rows")) {
            allow(method, "GET");
            failedRows(run(at.get(1), request), request, response);
        } else if (n == 3 && at.get(0).equals("runs") && at.get(2).equals("error-report")) {
            allow(method, "GET");
            errorReport(run(at.get(1), request), request, response);
        } else {
            throw new Answer(404, "NOT_FOUND", "no endpoint " + request.getMethod() + " "
                    + request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse(""));
        }
    }

    private static void allow(String method, String allowed) throws Answer {
        if (!method.equals(allowed)) {
            throw new Answer(405, "METHOD_NOT_ALLOWED", "this endpoint answers " + allowed + ", not " + method);
        }
    }

    private ImporterProvider importer(String name) throws Answer {
        return importers.find(name).orElseThrow(() -> new Answer(404, "NOT_FOUND", "no importer " + shown(name)));
    }

    /** A run the caller submitted; another caller's run does not exist for them. */
    private Run run(String id, HttpServletRequest request) throws Exception {
        Optional<Run> run = runs.find(id);
        String caller = caller(request);
        if (run.isEmpty() || importers.find(run.get().definition()).isEmpty() || !run.get().creator().equals(caller)) {
            throw new Answer(404, "NOT_FOUND", "no run " + shown(id));
        }
        return run.get();
    }

    private String caller(HttpServletRequest request) {
        return contexts.resolve(request).caller().orElse("");
    }

    private static String shown(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "\u2026";
    }

    // ---- importers

    private static void describe(ImportDefinition definition, dev.intake.spi.CommitPolicy policy, JsonGenerator json)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("name", definition.name());
        json.writeStringField("label", definition.label());
        json.writeStringField("policy", policy.name());
        json.writeStringField("description", definition.description());
        json.writeStringField("mode", definition.mode().name());
        json.writeArrayFieldStart("modes");
        for (Mode mode : definition.modes()) {
            json.writeString(mode.name());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("key");
        for (String column : definition.key()) {
            json.writeString(column);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("columns");
        for (Column<?> column : definition.columns()) {
            json.writeStartObject();
            json.writeStringField("key", column.key());
            json.writeStringField("label", column.label());
            json.writeStringField("type", column.type().name());
            json.writeBooleanField("required", column.required());
            if (!column.type().allowedValues().isEmpty()) {
                json.writeArrayFieldStart("options");
                for (String option : column.type().allowedValues()) {
                    json.writeString(option);
                }
                json.writeEndArray();
            }
            if (!column.description().isEmpty()) {
                json.writeStringField("description", column.description());
            }
            if (column.example().isPresent()) {
                json.writeStringField("example", column.example().get());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeBooleanField("customAttributes", definition.attributeCatalog().isPresent());
        json.writeEndObject();
    }

    private void template(ImportDefinition definition, HttpServletRequest request, HttpServletResponse response)
            throws IOException, Answer {
        String format = Optional.ofNullable(request.getParameter("format")).orElse("csv").toLowerCase(Locale.ROOT);
        ImportContext context = contexts.resolve(request);
        if (format.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            attachment(response, definition.name() + "-template.csv");
            Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
            CsvTemplate.write(definition, context, out);
            out.flush();
        } else if (format.equals("xlsx")) {
            response.setContentType(FileType.XLSX.contentType());
            attachment(response, definition.name() + "-template.xlsx");
            XlsxTemplate.write(definition, context, response.getOutputStream());
        } else {
            throw new Answer(400, "INVALID_REQUEST", "format must be csv or xlsx, not " + shown(format));
        }
    }

    private static void attachment(HttpServletResponse response, String name) {
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
    }

    // ---- runs

    private void submit(ImporterProvider importer, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        ImportDefinition definition = importer.definition();
        if (request.getContentType() == null || !request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new Answer(415, "UNSUPPORTED_MEDIA_TYPE", "a run is submitted as multipart/form-data with the file in"
                    + " the part named file");
        }
        Part part;
        try {
            part = request.getPart("file");
        } catch (IllegalStateException tooLarge) {
            throw new Answer(413, "FILE_TOO_LARGE", "the file is larger than the " + settings.getMaxFileSize().toMegabytes()
                    + " MB a run takes");
        } catch (ServletException e) {
            throw new Answer(400, "INVALID_REQUEST", "the body is not a readable multipart form");
        }
        if (part == null || part.getSubmittedFileName() == null) {
            throw new Answer(400, "INVALID_REQUEST", "the file is missing: send it in the part named file");
        }
        // a browser may send a path; the run keeps the name alone
        String submitted = part.getSubmittedFileName().replace('\\', '/');
        String fileName = submitted.substring(submitted.lastIndexOf('/') + 1);
        if (fileName.isBlank() || fileName.length() > 255) {
            throw new Answer(400, "INVALID_REQUEST", "the file's name must be 1 to 255 characters");
        }
        FileType type = FileType.of(part.getContentType(), fileName).orElseThrow(() -> new Answer(415,
                "UNSUPPORTED_MEDIA_TYPE", "the file must be CSV, XLSX, JSON or JSON Lines (by its content type or its"
                        + " name's extension)"));
        String commit = Optional.ofNullable(request.getParameter("commit")).orElse("false");
        if (!commit.equals("true") && !commit.equals("false")) {
            throw new Answer(400, "INVALID_REQUEST", "commit must be true or false, not " + shown(commit));
        }
        Optional<String> worksheet = Optional.ofNullable(request.getParameter("worksheet")).filter(s -> !s.isBlank());
        Optional<Mode> mode = mode(definition, request.getParameter("mode"));
        java.util.Map<String, String> mapping = headerMapping(definition, request.getParameter("headerMapping"));
        // the rows are counted for the run's progress: a CSV's or JSON Lines file's from the part's bytes
        // as they are; a workbook or JSON array is read through from a copy, which a workbook's check reads too
        Path upload = null;
        try {
            long expected;
            if (RowCounts.readThrough(type)) {
                java.nio.file.Files.createDirectories(scratch);
                upload = java.nio.file.Files.createTempFile(scratch, "submitted-", ".upload");
                try (InputStream in = part.getInputStream()) {
                    java.nio.file.Files.copy(in, upload, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                if (type == FileType.XLSX) {
                    refuseUnreadableWorkbook(upload, definition, worksheet);
                }
                expected = RowCounts.expected(type, upload, definition, worksheet);
            } else {
                try (InputStream in = part.getInputStream()) {
                    expected = RowCounts.expected(type, in);
                }
            }
            RunRequest asked = new RunRequest(mode, mapping, roles(request), expected);
            Path copy = upload;
            Run run = submit(importer.name(), request, commit.equals("true"), fileName, type.name(), worksheet, asked,
                    out -> {
                        if (copy != null) {
                            java.nio.file.Files.copy(copy, out);
                        } else {
                            try (InputStream in = part.getInputStream()) {
                                in.transferTo(out);
                            }
                        }
                    });
            response.setHeader("Location", request.getContextPath() + request.getServletPath() + "/runs/" + run.id());
            JsonWriter.send(response, 202, json -> describe(run, new RunResults.Head(asked, null), json));
        } finally {
            part.delete();
            if (upload != null) {
                java.nio.file.Files.deleteIfExists(upload);
            }
        }
    }

    private java.util.Set<String> roles(HttpServletRequest request) {
        java.util.Set<String> roles = new java.util.TreeSet<>();
        contexts.resolve(request).attribute(ImportContextResolver.ROLES, java.util.Set.class).ifPresent(set -> {
            for (Object role : set) {
                roles.add(String.valueOf(role));
            }
        });
        return roles;
    }

    /** Creates a run of a file, its request in front of the file's bytes. */
    private Run submit(String importer, HttpServletRequest request, boolean commit, String fileName, String fileType,
            Optional<String> worksheet, RunRequest asked, RunFiles.Content file) throws Exception {
        return runs.submit(importer, caller(request), commit, fileName, fileType, worksheet, out -> {
            asked.writeTo(out);
            file.writeTo(out);
        });
    }

    /**
     * Reads a workbook's header and first row before the run is created: a file that is no workbook,
     * or one whose sheet expands like a zip bomb, is answered now ({@code 422} with the problem's
     * code) instead of becoming a run that fails. The guards stop reading at once, so this costs a
     * normal workbook one row.
     */
    private static void refuseUnreadableWorkbook(Path file, ImportDefinition definition, Optional<String> worksheet)
            throws Answer {
        try (dev.intake.core.source.RowSource rows = FileType.XLSX.source(file, definition, worksheet)
                .open(definition.limits())) {
            rows.header();
            rows.next();
        } catch (dev.intake.core.source.SourceException e) {
            throw new Answer(422, e.problem().code().name(), e.problem().message());
        } catch (IOException e) {
            throw new Answer(422, "UNREADABLE_FILE", "the workbook cannot be read");
        }
    }

    private static Optional<Mode> mode(ImportDefinition definition, String given) throws Answer {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        for (Mode mode : definition.modes()) {
            if (mode.name().equalsIgnoreCase(given.strip())) {
                return Optional.of(mode);
            }
        }
        throw new Answer(400, "INVALID_REQUEST", "mode must be one of " + definition.modes() + " for importer "
                + definition.name() + ", not " + shown(given));
    }

    /** A header mapping sent as a JSON object of the file's headers to columns' keys. */
    private static java.util.Map<String, String> headerMapping(ImportDefinition definition, String given) throws Answer {
        if (given == null || given.isBlank()) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> mapping = new java.util.LinkedHashMap<>();
        try (com.fasterxml.jackson.core.JsonParser parser = com.fasterxml.jackson.core.JsonFactory.builder().build()
                .createParser(given)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String header = parser.currentName();
                if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING || header.isBlank()) {
                    throw new IOException("not a header to a column");
                }
                mapping.put(header, parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new IOException("more after the object");
            }
        } catch (IOException e) {
            throw new Answer(400, "INVALID_REQUEST", "headerMapping must be a JSON object of the file's headers to"
                    + " columns' keys, like {\"E-mail\": \"email\"}");
        }
        checkMapping(definition, mapping);
        return mapping;
    }

    /** A mapping names the definition's columns, or {@code ""} for a header not read. */
    private static void checkMapping(ImportDefinition definition, java.util.Map<String, String> mapping) throws Answer {
        for (java.util.Map.Entry<String, String> entry : mapping.entrySet()) {
            String column = entry.getValue();
            if (entry.getKey().isBlank()) {
                throw new Answer(400, "INVALID_REQUEST", "headerMapping maps a blank header");
            }
            if (!column.isEmpty() && definition.column(column).isEmpty()) {
                throw new Answer(400, "INVALID_REQUEST", "headerMapping names column " + shown(column) + ", which"
                        + " importer " + definition.name() + " does not have");
            }
        }
    }

    private static void describe(Run run, RunResults.Head head, JsonGenerator json) throws IOException {
        RunRequest asked = head == null ? null : head.request();
        json.writeStartObject();
        json.writeStringField("id", run.id());
        json.writeStringField("importer", run.definition());
        json.writeNumberField("number", run.number());
        json.writeStringField("status", run.status().name());
        json.writeBooleanField("commit", run.commit());
        json.writeStringField("fileName", run.fileName());
        json.writeStringField("fileType", run.fileType());
        json.writeStringField("createdAt", run.createdAt().toString());
        if (run.startedAt().isPresent()) {
            json.writeStringField("startedAt", run.startedAt().get().toString());
        }
        if (run.endedAt().isPresent()) {
            json.writeStringField("endedAt", run.endedAt().get().toString());
        }
        json.writeObjectFieldStart("progress");
        json.writeNumberField("rowsDone", run.totalCount());
        if (asked != null && asked.expectedRows() >= 0) {
            // counted when the file was submitted; the rows read may end a little below it (blank lines)
            json.writeNumberField("rowsExpected", Math.max(asked.expectedRows(), run.totalCount()));
        }
        json.writeEndObject();
        json.writeNumberField("totalCount", run.totalCount());
        json.writeNumberField("successCount", run.successCount());
        json.writeNumberField("errorCount", run.errorCount());
        json.writeBooleanField("resultsAvailable", run.results().isPresent());
        if (head != null && head.counts() != null) {
            json.writeNumberField("createdCount", head.counts().created());
            json.writeNumberField("updatedCount", head.counts().updated());
            json.writeNumberField("skippedCount", head.counts().skipped());
            ReportJson.writeProblems(json, "fileErrors", head.counts().fileErrors());
        }
        if (asked != null) {
            json.writeObjectFieldStart("request");
            if (asked.mode().isPresent()) {
                json.writeStringField("mode", asked.mode().get().name());
            }
            json.writeObjectFieldStart("headerMapping");
            for (java.util.Map.Entry<String, String> entry : asked.headerMapping().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            asked.writeEdits(json);
            if (asked.basedOn().isPresent()) {
                json.writeStringField("basedOn", asked.basedOn().get());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /**
     * What a run was asked: from its stored upload while it has not ended, from its results after;
     * null once they are gone.
     */
    private RunResults.Head requestOf(Run run) throws Exception {
        if (run.status() == RunStatus.EXPIRED) {
            return null;
        }
        if (run.results().isPresent()) {
            Optional<InputStream> results = runs.results(run);
            if (results.isEmpty()) {
                return null;
            }
            try (InputStream in = results.get()) {
                return RunResults.head(in);
            } catch (IOException e) {
                // results of a run that could not be executed: no request in them
                return null;
            }
        }
        try (InputStream in = files.open(run.file())) {
            return new RunResults.Head(RunRequest.readFrom(in), null);
        } catch (IOException e) {
            // ended between the two reads: its file is gone
            return null;
        }
    }

    // ---- the console's calls

    /**
     * Who is signed in, and the CSRF token the application's security expects on a request that
     * changes something (Spring Security's request attribute, when there is one): what a page of the
     * application sends back as the token's header.
     */
    private void session(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String caller = caller(request);
        Optional<CsrfTokens.Token> csrf = CsrfTokens.of(request);
        JsonWriter.send(response, 200, json -> {
            json.writeStartObject();
            json.writeStringField("user", caller);
            if (csrf.isPresent()) {
                json.writeObjectFieldStart("csrf");
                json.writeStringField("header", csrf.get().header());
                json.writeStringField("token", csrf.get().value());
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /**
     * Runs an ended run's file again, as a dry run or a commit, with more cells edited, another
     * header mapping or mode: what {@code Check again} and {@code Import} of the console do. The file
     * is the one the first run of the chain was given, taken from the results; the edits are the
     * earlier run's with the new ones laid over them. Body: {@code {"commit": false, "mode": ...,
     * "headerMapping": {...}, "edits": {"3": {"title": "..."}}}}, every field optional.
     */
    private void again(Run previous, HttpServletRequest request, HttpServletResponse response) throws Exception {
        ImporterProvider importer = importer(previous.definition());
        ImportDefinition definition = importer.definition();
        if (request.getContentLengthLong() > RunRequest.MAX_REQUEST) {
            throw new Answer(413, "FILE_TOO_LARGE", "the request is larger than the "
                    + (RunRequest.MAX_REQUEST >> 20) + " MB it may be");
        }
        boolean commit = false;
        Optional<Mode> mode = Optional.empty();
        java.util.Map<String, String> mapping = null;
        java.util.Map<Long, java.util.Map<String, String>> edits = java.util.Map.of();
        byte[] body = request.getInputStream().readNBytes(RunRequest.MAX_REQUEST + 1);
        if (body.length > RunRequest.MAX_REQUEST) {
            throw new Answer(413, "FILE_TOO_LARGE", "the request is larger than the "
                    + (RunRequest.MAX_REQUEST >> 20) + " MB it may be");
        }
        try (com.fasterxml.jackson.core.JsonParser parser = com.fasterxml.jackson.core.JsonFactory.builder().build()
                .createParser(body)) {
            if (body.length > 0 && parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (body.length > 0 && parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
                switch (field) {
                    case "commit" -> {
                        if (!value.isBoolean()) {
                            throw new Answer(400, "INVALID_REQUEST", "commit must be true or false");
                        }
                        commit = parser.getBooleanValue();
                    }
                    case "mode" -> mode = mode(definition, parser.getValueAsString());
                    case "headerMapping" -> {
                        if (value != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                            throw new IOException("headerMapping is not an object");
                        }
                        mapping = new java.util.LinkedHashMap<>();
                        while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                            String header = parser.currentName();
                            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                                throw new IOException("a header mapped to no text");
                            }
                            mapping.put(header, parser.getText());
                        }
                    }
                    case "edits" -> {
                        try {
                            edits = RunRequest.readEdits(parser);
                        } catch (IOException e) {
                            throw new Answer(400, "INVALID_REQUEST", e.getMessage());
                        }
                    }
                    default -> throw new Answer(400, "INVALID_REQUEST", "the request has no field " + shown(field)
                            + "; it takes commit, mode, headerMapping and edits");
                }
            }
        } catch (IOException e) {
            throw new Answer(400, "INVALID_REQUEST", "the body must be a JSON object of commit, mode, headerMapping"
                    + " and edits, like {\"edits\": {\"3\": {\"email\": \"ada@example.com\"}}}");
        }
        if (mapping != null) {
            checkMapping(definition, mapping);
        }
        try (RunResults.Extracted extracted = RunResults.extract(results(previous), scratch)) {
            RunRequest before = extracted.request();
            java.util.Map<Long, java.util.Map<String, String>> merged = new java.util.TreeMap<>();
            before.edits().forEach((row, cells) -> merged.put(row, new java.util.TreeMap<>(cells)));
            edits.forEach((row, cells) -> merged.computeIfAbsent(row, r -> new java.util.TreeMap<>()).putAll(cells));
            java.util.Map<String, String> usedMapping = mapping != null ? mapping : before.headerMapping();
            try {
                dev.intake.core.source.EditedSource.of(FileType.valueOf(previous.fileType()).source(extracted.submitted(),
                        definition, previous.worksheet()), definition, usedMapping, merged);
            } catch (IllegalArgumentException e) {
                throw new Answer(400, "INVALID_REQUEST", e.getMessage());
            }
            RunRequest asked = new RunRequest(mode.isPresent() ? mode : before.mode(), usedMapping, roles(request), merged,
                    before.expectedRows(), Optional.of(previous.id()));
            Path submitted = extracted.submitted();
            Run run = submit(importer.name(), request, commit, previous.fileName(), previous.fileType(),
                    previous.worksheet(), asked, out -> java.nio.file.Files.copy(submitted, out));
            response.setHeader("Location", request.getContextPath() + request.getServletPath() + "/runs/" + run.id());
            JsonWriter.send(response, 202, json -> describe(run, new RunResults.Head(asked, null), json));
        }
    }

    /**
     * The header of a run's file as the importer reads it: each header cell with the column it is
     * (or the attribute), the column it was probably meant for, and what the run's mapping made of it.
     */
    private void header(Run run, HttpServletResponse response) throws Exception {
        ImportDefinition definition = importer(run.definition()).definition();
        List<String> cells;
        RunRequest asked;
        try (RunResults.Extracted extracted = RunResults.extract(results(run), scratch);
                dev.intake.core.source.RowSource rows = FileType.valueOf(run.fileType()).source(extracted.submitted(),
                        definition, run.worksheet()).open(definition.limits())) {
            asked = extracted.request();
            cells = rows.header().map(dev.intake.core.source.SourceRow::cells).orElse(List.of());
        } catch (dev.intake.core.source.SourceException e) {
            cells = List.of();
            asked = null;
        }
        ImportContext context = ImportContext.builder().caller(run.creator()).build();
        List<dev.intake.core.pipeline.HeaderColumns.Cell> matched = dev.intake.core.pipeline.HeaderColumns.match(
                definition, context, cells);
        java.util.Map<String, String> mapping = asked == null ? java.util.Map.of() : asked.headerMapping();
        JsonWriter.send(response, 200, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("columns");
            for (dev.intake.core.pipeline.HeaderColumns.Cell cell : matched) {
                json.writeStartObject();
                json.writeNumberField("index", cell.index());
                json.writeStringField("header", cell.header());
                json.writeStringField("kind", cell.kind().name());
                if (cell.key().isPresent()) {
                    json.writeStringField("key", cell.key().get());
                }
                if (cell.suggestion().isPresent()) {
                    json.writeStringField("suggestion", cell.suggestion().get());
                }
                Optional<String> mapped = dev.intake.core.pipeline.HeaderColumns.mapped(mapping, cell.header());
                if (mapped.isPresent()) {
                    json.writeStringField("mapped", mapped.get());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }


    private InputStream results(Run run) throws Exception {
        if (run.status() == RunStatus.EXPIRED) {
            throw new Answer(410, "EXPIRED", "the results of run " + run.id() + " were deleted after "
                    + runs.retention().toDays() + " days");
        }
        return runs.results(run).orElseThrow(() -> new Answer(409, "NOT_READY", "run " + run.id() + " is "
                + run.status() + "; its results are there once it ends"));
    }

    private void failedRows(Run run, HttpServletRequest request, HttpServletResponse response) throws Exception {
        long offset = number(request, "offset", 0);
        long limit = number(request, "limit", Math.min(50, settings.getMaxPageSize()));
        if (limit < 1 || limit > settings.getMaxPageSize()) {
            throw new Answer(400, "INVALID_REQUEST", "limit must be 1 to " + settings.getMaxPageSize() + ", not " + limit);
        }
        ImportDefinition definition = importer(run.definition()).definition();
        try (RunResults.Extracted extracted = RunResults.extract(results(run), scratch)) {
            StoredReport report = StoredReport.read(extracted.report());
            List<dev.intake.core.result.FailedRow> page = new ArrayList<>();
            try (Stream<dev.intake.core.result.FailedRow> failed = report.failed()) {
                failed.skip(offset).limit(limit).forEach(page::add);
            }
            ImportSource source = edited(run, extracted, definition);
            List<List<String>> cells = new ArrayList<>();
            List<String> header = List.of();
            if (!page.isEmpty()) {
                try (ErrorReportRows rows = ErrorReportRows.everyRow(report.summary(), report, source,
                        definition)) {
                    header = rows.header();
                    Iterator<dev.intake.core.result.FailedRow> wanted = page.iterator();
                    dev.intake.core.result.FailedRow next = wanted.next();
                    for (Optional<ErrorReportRows.Row> row = rows.next(); row.isPresent() && next != null; row = rows.next()) {
                        if (row.get().source().rowNumber() == next.rowNumber()) {
                            cells.add(row.get().source().cells());
                            next = wanted.hasNext() ? wanted.next() : null;
                        }
                    }
                }
            }
            List<String> columns = header;
            java.util.Map<String, Integer> at = dev.intake.core.source.EditedSource.columnIndexes(definition,
                    extracted.request().headerMapping(), header);
            JsonWriter.send(response, 200, json -> {
                json.writeStartObject();
                json.writeNumberField("offset", offset);
                json.writeNumberField("limit", limit);
                json.writeNumberField("errorCount", run.errorCount());
                json.writeArrayFieldStart("header");
                for (String column : columns) {
                    json.writeString(column);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("rows");
                for (int i = 0; i < page.size(); i++) {
                    json.writeStartObject();
                    json.writeNumberField("rowNumber", page.get(i).rowNumber());
                    List<String> row = i < cells.size() ? cells.get(i) : List.<String>of();
                    json.writeArrayFieldStart("cells");
                    for (String cell : row) {
                        json.writeString(cell);
                    }
                    json.writeEndArray();
                    // the importer's columns by key, as the row was checked (edits applied); "" where the file has none
                    json.writeObjectFieldStart("values");
                    for (Column<?> column : definition.columns()) {
                        Integer index = at.get(column.key());
                        json.writeStringField(column.key(), index != null && index < row.size() ? row.get(index) : "");
                    }
                    json.writeEndObject();
                    ReportJson.writeProblems(json, "problems", page.get(i).errors());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        }
    }

    /** The run's file as it was checked: its edits laid over it. */
    private static ImportSource edited(Run run, RunResults.Extracted extracted, ImportDefinition definition)
            throws Answer {
        ImportSource source = FileType.valueOf(run.fileType()).source(extracted.submitted(), definition, run.worksheet());
        try {
            return dev.intake.core.source.EditedSource.of(source, definition, extracted.request().headerMapping(),
                    extracted.request().edits());
        } catch (IllegalArgumentException e) {
            throw new Answer(409, "INVALID_REQUEST", "the importer changed since run " + run.id() + ": " + e.getMessage());
        }
    }

    private static long number(HttpServletRequest request, String name, long otherwise) throws Answer {
        String value = request.getParameter(name);
        if (value == null) {
            return otherwise;
        }
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new Answer(400, "INVALID_REQUEST", name + " must be a whole number of 0 or more, not " + shown(value));
        }
    }

    private void errorReport(Run run, HttpServletRequest request, HttpServletResponse response) throws Exception {
        String format = Optional.ofNullable(request.getParameter("format")).orElse("csv").toLowerCase(Locale.ROOT);
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw new Answer(400, "INVALID_REQUEST", "format must be csv or xlsx, not " + shown(format));
        }
        ImportDefinition definition = importer(run.definition()).definition();
        try (RunResults.Extracted extracted = RunResults.extract(results(run), scratch)) {
            StoredReport report = StoredReport.read(extracted.report());
            ImportSource source = edited(run, extracted, definition);
            String base = run.fileName().contains(".") ? run.fileName().substring(0, run.fileName().lastIndexOf('.'))
                    : run.fileName();
            if (format.equals("csv")) {
                response.setContentType("text/csv;charset=UTF-8");
                attachment(response, base + "-errors.csv");
                Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
                CsvErrorReport.write(report.summary(), report, source, definition, out);
                out.flush();
            } else {
                response.setContentType(FileType.XLSX.contentType());
                attachment(response, base + "-errors.xlsx");
                XlsxErrorReport.write(report.summary(), report, source, definition, response.getOutputStream());
            }
        }
    }

    /** An answer other than success, in the envelope. */
    static final class Answer extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Answer(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
