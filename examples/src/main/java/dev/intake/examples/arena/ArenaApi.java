package dev.intake.examples.arena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import dev.intake.examples.web.Bodies;
import dev.intake.examples.web.Envelopes;
import dev.intake.examples.web.FileNames;
import dev.intake.json.DefinitionJson;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.Run;
import dev.intake.spi.run.RunStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import runs API over HTTP (SERVE.md, Arena half): login, saved definitions, runs submitted as
 * multipart uploads and executed in the background, their results, and the items they write.
 * Sessions and the request budget are {@link ArenaSessions}'s.
 */
@RestController
public class ArenaApi {
    private static final System.Logger LOG = System.getLogger(ArenaApi.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest login body read: an email and a password with room to spare. */
    public static final int MAX_LOGIN_BODY = 4096;
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ArenaStore store;
    private final ImportRuns runs;
    private final Clock clock;
    private final Path scratch;

    /**
     * The API.
     *
     * @param store the host's data
     * @param runs the import runs
     * @param clock the host's clock
     * @param scratch where uploads wait while their header is checked
     */
    public ArenaApi(ArenaStore store, ImportRuns runs, Clock clock, Path scratch) {
        this.store = store;
        this.runs = runs;
        this.clock = clock;
        this.scratch = scratch;
    }

    /**
     * An error body: {@code {"status": 400, "errors": [{"code": 3001, "message": "..."}]}}.
     *
     * @param status the HTTP status, repeated in the body
     * @param code the seed's numeric code
     * @param message what is wrong
     * @return the answer
     */
    public static ResponseEntity<Object> error(int status, int code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Envelopes.arena(status, code, message));
    }

    /** One error of a body: its code, then its message. */
    private static Map<String, Object> entry(int code, String message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", code);
        entry.put("message", message);
        return entry;
    }

    private static ResponseEntity<Object> errors(int status, List<Map<String, Object>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("errors", errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /**
     * Opens a session. The body is read within {@link #MAX_LOGIN_BODY} bytes ({@code 413}, and no
     * further, over it); an email with too many failed logins is refused for a while ({@code 429}
     * with {@code Retry-After}), whether or not such a user exists.
     *
     * @param http the request, whose body is {@code {"email", "password"}}
     * @param response the answer, closed after a body over the limit
     * @return {@code {"arenaSessionId"}}, or an error
     * @throws SQLException if the database fails
     * @throws IOException if the body cannot be read
     */
    @PostMapping("/v1/login")
    public ResponseEntity<Object> login(HttpServletRequest http, HttpServletResponse response)
            throws SQLException, IOException {
        Optional<byte[]> body = Bodies.read(http, MAX_LOGIN_BODY);
        if (body.isEmpty()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            return error(413, 3001, "A login is at most " + MAX_LOGIN_BODY + " bytes of JSON");
        }
        JsonNode credentials;
        try {
            credentials = body.get().length == 0 ? null : JSON.readTree(body.get());
        } catch (IOException e) {
            credentials = null;
        }
        if (credentials == null || !credentials.path("email").isTextual() || !credentials.path("password").isTextual()) {
            return error(400, 3001, "Send {\"email\": ..., \"password\": ...} as JSON");
        }
        String email = credentials.get("email").asText();
        Instant now = clock.instant();
        Optional<Instant> locked = store.loginLockedUntil(email, now);
        if (locked.isPresent()) {
            return tooManyLogins(now, locked.get());
        }
        Optional<ArenaStore.User> user = store.login(email, credentials.get("password").asText());
        if (user.isEmpty()) {
            Optional<Instant> lockedNow = store.loginFailed(email, now);
            if (lockedNow.isPresent()) {
                return tooManyLogins(now, lockedNow.get());
            }
            return error(401, 1000, "The email or password is not valid");
        }
        store.loginSucceeded(email);
        return ResponseEntity.ok(Map.of("arenaSessionId", store.openSession(user.get(), now)));
    }

    private static ResponseEntity<Object> tooManyLogins(Instant now, Instant until) {
        long seconds = Math.max(1, java.time.Duration.between(now, until).toSeconds());
        return ResponseEntity.status(429).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_JSON).body(Envelopes.arena(429, 1021,
                        "Too many failed logins for this email; try again in " + seconds + " seconds"));
    }

    /**
     * Ends the session of the request.
     *
     * @param http the request
     * @return {@code {"loggedOut": true}}
     * @throws SQLException if the database fails
     */
    @PutMapping("/v1/logout")
    public ResponseEntity<Object> logout(HttpServletRequest http) throws SQLException {
        if (ArenaSessions.user(http).isEmpty()) {
            return unauthorized();
        }
        store.closeSession(http.getHeader(ArenaSessions.SESSION_HEADER).strip());
        return ResponseEntity.ok(Map.of("loggedOut", true));
    }

    private static ResponseEntity<Object> unauthorized() {
        return error(401, 1000, ArenaSessions.NO_SESSION);
    }

    /**
     * The saved definitions.
     *
     * @return {@code {"count", "results"}}
     * @throws SQLException if the database fails
     */
    @GetMapping("/v1/imports")
    public ResponseEntity<Object> definitions() throws SQLException {
        List<Object> results = new ArrayList<>();
        for (ArenaStore.SavedDefinition definition : store.definitions()) {
            results.add(document(definition));
        }
        return ResponseEntity.ok(Map.of("count", results.size(), "results", results));
    }

    /**
     * One saved definition.
     *
     * @param guid its id
     * @return the definition, or 404
     * @throws SQLException if the database fails
     */
    @GetMapping("/v1/imports/{guid}")
    public ResponseEntity<Object> definition(@PathVariable("guid") String guid) throws SQLException {
        Optional<ArenaStore.SavedDefinition> definition = store.definition(guid);
        return definition.isEmpty() ? notFound("import definition", guid) : ResponseEntity.ok(document(definition.get()));
    }

    private static JsonNode document(ArenaStore.SavedDefinition definition) {
        try {
            return JSON.readTree(definition.document());
        } catch (IOException e) {
            throw new IllegalStateException("the saved definition " + definition.guid() + " is not JSON", e);
        }
    }

    /**
     * Submits a run: checks the request and the file's header (and a workbook's structure), stores
     * the file and creates the run, which a worker executes later.
     *
     * @param guid the definition's id
     * @param content {@code submitContent}
     * @param fileType {@code submitFileType}
     * @param worksheet {@code submitWorksheetName}
     * @param misspelled {@code submitWorsheetName}, as the seed spells it
     * @param commit {@code commit}: {@code true} or {@code false}
     * @param http the request, whose session's user is the run's creator
     * @return 201 with the run, or an error
     * @throws Exception if the database or the file store fails
     */
    @PostMapping("/v1/imports/{guid}/runs")
    public ResponseEntity<Object> submit(@PathVariable("guid") String guid,
            @RequestParam(value = "submitContent", required = false) MultipartFile content,
            @RequestParam(value = "submitFileType", required = false) String fileType,
            @RequestParam(value = "submitWorksheetName", required = false) String worksheet,
            @RequestParam(value = "submitWorsheetName", required = false) String misspelled,
            @RequestParam(value = "commit", required = false) String commit,
            HttpServletRequest http) throws Exception {
        Optional<ArenaStore.User> user = ArenaSessions.user(http);
        if (user.isEmpty()) {
            return unauthorized();
        }
        Optional<ArenaStore.SavedDefinition> saved = store.definition(guid);
        if (saved.isEmpty()) {
            return notFound("import definition", guid);
        }
        List<String> missing = new ArrayList<>();
        if (content == null || content.isEmpty()) {
            missing.add("submitContent is required");
        }
        if (fileType == null || fileType.isBlank()) {
            missing.add("submitFileType is required");
        }
        if (commit != null && !commit.equals("true") && !commit.equals("false")) {
            missing.add("commit must be true or false");
        }
        if (!missing.isEmpty()) {
            return error(400, 3001, String.join("; ", missing));
        }
        String type = fileType;
        if (!type.equals(ArenaRunWork.CSV) && !type.equals(ArenaRunWork.EXCEL_WORKSHEET)) {
            return error(400, 3002, "submitFileType must be CSV or EXCEL_WORKSHEET, not " + shown(fileType));
        }
        String sheet = worksheet != null && !worksheet.isBlank() ? worksheet : misspelled;
        if (type.equals(ArenaRunWork.EXCEL_WORKSHEET) && (sheet == null || sheet.isBlank())) {
            return error(400, 3003, "An EXCEL_WORKSHEET import needs submitWorksheetName");
        }
        DefinitionJson.Definition definition;
        try {
            definition = DefinitionJson.read(saved.get().document().getBytes(StandardCharsets.UTF_8), store.targets());
        } catch (DefinitionJson.InvalidDefinitionException e) {
            return invalidDefinition(saved.get(), e);
        }
        Files.createDirectories(scratch);
        Path upload = Files.createTempFile(scratch, "upload-", ".part");
        try {
            content.transferTo(upload);
            ResponseEntity<Object> refused = checkFile(type, content.getOriginalFilename(), upload, sheet,
                    definition.definition());
            if (refused != null) {
                return refused;
            }
            ArenaStore.User creator = user.get();
            String fileName = FileNames.stored(content.getOriginalFilename(),
                    type.equals(ArenaRunWork.CSV) ? "upload.csv" : "upload.xlsx");
            Run run = runs.submit(guid, creator.guid(), "true".equals(commit), fileName, type,
                    type.equals(ArenaRunWork.EXCEL_WORKSHEET) ? Optional.of(sheet) : Optional.empty(),
                    out -> Files.copy(upload, out));
            return ResponseEntity.status(201).body(shown(run));
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** 3011 for a fixed value that is not an option, worded as the seed; 3000 for any other problem. */
    private static ResponseEntity<Object> invalidDefinition(ArenaStore.SavedDefinition saved,
            DefinitionJson.InvalidDefinitionException e) {
        return errors(400, definitionErrors(saved, e));
    }

    /**
     * A saved definition's problems as error entries: the seed's 3011 words for a fixed value that is
     * not an option, 3000 and the JSON path for any other.
     */
    private static List<Map<String, Object>> definitionErrors(ArenaStore.SavedDefinition saved,
            DefinitionJson.InvalidDefinitionException e) {
        JsonNode fixed = document(saved).path("fixedValues");
        List<Map<String, Object>> errors = new ArrayList<>();
        for (DefinitionJson.Problem problem : e.problems()) {
            if (problem.code() == ProblemCode.INVALID_OPTION && problem.path().startsWith("$.fixedValues.")) {
                String attribute = problem.path().substring("$.fixedValues.".length());
                errors.add(entry(3011, "The specified value \"" + fixed.path(attribute).asText()
                        + "\" is not a valid option for the attribute \"" + attribute + "\"."));
            } else {
                errors.add(entry(3000, "The import definition is not valid: " + problem));
            }
        }
        return errors;
    }

    /**
     * A saved definition's problems in one line, as {@link #definitionErrors} words them.
     *
     * @param saved the definition as stored
     * @param e its problems
     * @return the line
     */
    static String describe(ArenaStore.SavedDefinition saved, DefinitionJson.InvalidDefinitionException e) {
        return String.join("; ", definitionErrors(saved, e).stream().map(error -> (String) error.get("message"))
                .toList());
    }

    /** The file's header (and a workbook's structure), not its rows: 3003, 3004, 3005, or null when it passes. */
    private static ResponseEntity<Object> checkFile(String type, String name, Path upload, String sheet,
            ImportDefinition definition) {
        Optional<SourceRow> header;
        try (RowSource rows = ArenaRunWork.source(type, name == null ? "upload" : name, upload, sheet)
                .open(definition.limits())) {
            header = rows.header();
        } catch (SourceException e) {
            if (e.problem().code() == ProblemCode.WORKSHEET_NOT_FOUND) {
                return error(400, 3003, "The workbook has no worksheet named " + shown(sheet));
            }
            return error(400, 3004, "The file cannot be read: " + e.problem().message());
        } catch (IOException e) {
            return error(400, 3004, "The file cannot be read");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        Set<String> given = new HashSet<>();
        for (String cell : header.map(SourceRow::cells).orElse(List.of())) {
            String text = cell.replace("\uFEFF", "").strip();
            if (text.isEmpty() || text.equalsIgnoreCase("Intake problems")) {
                continue;
            }
            Optional<Column<?>> column = definition.columnForHeader(text);
            if (column.isEmpty()) {
                errors.add(entry(3005, "The file's header has a column \"" + shown(text)
                        + "\" that the import definition does not know"));
            } else {
                given.add(column.get().key());
            }
        }
        for (Column<?> column : definition.columns()) {
            if (column.required() && !given.contains(column.key())) {
                errors.add(entry(3005, "The file's header lacks the column \"" + column.label()
                        + "\" that the import definition requires"));
            }
        }
        return errors.isEmpty() ? null : errors(400, errors);
    }

    /**
     * A definition's runs, newest first.
     *
     * @param guid the definition's id
     * @return {@code {"count", "results"}}, or 404
     * @throws Exception if the database fails
     */
    @GetMapping("/v1/imports/{guid}/runs")
    public ResponseEntity<Object> list(@PathVariable("guid") String guid) throws Exception {
        if (store.definition(guid).isEmpty()) {
            return notFound("import definition", guid);
        }
        List<Object> results = new ArrayList<>();
        for (Run run : runs.list(guid)) {
            results.add(shown(run));
        }
        return ResponseEntity.ok(Map.of("count", results.size(), "results", results));
    }

    /**
     * One run.
     *
     * @param guid the definition's id
     * @param runGuid the run's id
     * @return the run, or 404
     * @throws Exception if the database fails
     */
    @GetMapping("/v1/imports/{guid}/runs/{runGuid}")
    public ResponseEntity<Object> run(@PathVariable("guid") String guid, @PathVariable("runGuid") String runGuid)
            throws Exception {
        Optional<Run> run = find(guid, runGuid);
        return run.isEmpty() ? notFound("run", runGuid) : ResponseEntity.ok(shown(run.get()));
    }

    /**
     * A run's results: every submitted row with its problems, in the submitted format.
     *
     * @param guid the definition's id
     * @param runGuid the run's id
     * @return the file; 404, 409 before the run ends, 410 once its results expired
     * @throws Exception if the database or the file store fails
     */
    @GetMapping("/v1/imports/{guid}/runs/{runGuid}/results")
    public ResponseEntity<Object> results(@PathVariable("guid") String guid, @PathVariable("runGuid") String runGuid)
            throws Exception {
        Optional<Run> run = find(guid, runGuid);
        if (run.isEmpty()) {
            return notFound("run", runGuid);
        }
        if (run.get().status() == RunStatus.EXPIRED) {
            return error(410, 1011, "The results of run " + runGuid + " expired "
                    + run.get().resultsExpiredAt().map(Object::toString).orElse("") + "; results are kept "
                    + runs.retention().toDays() + " days");
        }
        Optional<InputStream> results = runs.results(run.get());
        if (results.isEmpty()) {
            return error(409, 3020, "Run " + runGuid + " is " + run.get().status() + "; it has no results");
        }
        // streamed from a scratch copy, so that the answer has its length and no file is held in memory
        Files.createDirectories(scratch);
        Path copy = Files.createTempFile(scratch, "download-", ".results");
        try (InputStream in = results.get()) {
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        boolean workbook = run.get().fileType().equals(ArenaRunWork.EXCEL_WORKSHEET);
        String name = run.get().fileName().replaceAll("(\\.[^.]*)?$", "") + "-results" + (workbook ? ".xlsx" : ".csv");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.attachment(name))
                .contentType(workbook ? XLSX : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .contentLength(Files.size(copy))
                .body(new InputStreamResource(Files.newInputStream(copy, java.nio.file.StandardOpenOption.DELETE_ON_CLOSE)));
    }

    /**
     * Cancels a run that has not started.
     *
     * @param guid the definition's id
     * @param runGuid the run's id
     * @return the cancelled run; 404; 409 when it has started
     * @throws Exception if the database fails
     */
    @DeleteMapping("/v1/imports/{guid}/runs/{runGuid}")
    public ResponseEntity<Object> cancel(@PathVariable("guid") String guid, @PathVariable("runGuid") String runGuid)
            throws Exception {
        Optional<Run> run = find(guid, runGuid);
        if (run.isEmpty()) {
            return notFound("run", runGuid);
        }
        if (!runs.cancel(runGuid)) {
            return error(409, 3021, "Run " + runGuid + " is " + runs.find(runGuid).orElseThrow().status()
                    + "; only a run that has not started can be deleted");
        }
        return ResponseEntity.ok(shown(runs.find(runGuid).orElseThrow()));
    }

    /**
     * Items by number: how a run's writes are seen.
     *
     * @param number the item number
     * @return {@code {"count", "results"}}
     * @throws SQLException if the database fails
     */
    @GetMapping("/v1/items")
    public ResponseEntity<Object> items(@RequestParam(value = "number", required = false) String number)
            throws SQLException {
        if (number == null || number.isBlank()) {
            return error(400, 3001, "number is required");
        }
        List<Object> results = new ArrayList<>();
        store.item(number).ifPresent(results::add);
        return ResponseEntity.ok(Map.of("count", results.size(), "results", results));
    }

    /**
     * A failure nobody planned for: logged whole, answered without its details.
     *
     * @param e the failure
     * @return a 500 error body
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> failed(Exception e) {
        LOG.log(System.Logger.Level.ERROR, "an import runs request failed", e);
        return error(500, 1500, "The request could not be completed");
    }

    private Optional<Run> find(String guid, String runGuid) throws Exception {
        return runs.find(runGuid).filter(run -> run.definition().equals(guid));
    }

    private static ResponseEntity<Object> notFound(String what, String guid) {
        return error(404, 1010, "No " + what + " has the GUID " + shown(guid));
    }

    /** A run as the seed shows it. */
    private Map<String, Object> shown(Run run) throws SQLException {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("number", run.number());
        Optional<ArenaStore.User> creator = store.user(run.creator());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("fullName", creator.map(ArenaStore.User::fullName).orElse(null));
        user.put("email", creator.map(ArenaStore.User::email).orElse(null));
        user.put("guid", run.creator());
        shown.put("creator", user);
        shown.put("submitFileType", run.fileType());
        run.worksheet().ifPresent(sheet -> shown.put("submitWorksheetName", sheet));
        shown.put("status", run.status().name());
        shown.put("commit", run.commit());
        shown.put("totalCount", run.totalCount());
        shown.put("successCount", run.successCount());
        shown.put("errorCount", run.errorCount());
        shown.put("guid", run.id());
        shown.put("fileName", run.fileName());
        shown.put("createdAt", run.createdAt().toString());
        run.startedAt().ifPresent(at -> shown.put("startedAt", at.toString()));
        run.endedAt().ifPresent(at -> shown.put("endedAt", at.toString()));
        run.resultsExpiredAt().ifPresent(at -> shown.put("resultsExpiredAt", at.toString()));
        return shown;
    }

    private static String shown(String text) {
        return text == null ? "" : text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
