package dev.intake.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import dev.intake.xlsx.XlsxSource;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The starter's endpoints over real HTTP, in an application that declares only its definition,
 * mapper, repository and security: importers, templates, dry runs and commits in the background,
 * pages of failed rows, both error reports, cancelling, who imports, and what is refused.
 */
abstract class EndpointsTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "Email,Full name,Salary\n"
            + "ada@example.com,Ada,\"4.250,50\"\n"
            + "bo@example.com,Bo,abc\n"
            + "cy@example.com,A name far longer than twenty,\"1,00\"\n";

    @TempDir
    Path dir;

    private ConfigurableApplicationContext application;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @return the URL of a new, empty database */
    abstract String databaseUrl();

    @BeforeEach
    void start() {
        SpringApplication app = new SpringApplication(DirectoryApplication.class);
        app.setDefaultProperties(Map.of(
                "server.port", "0",
                "spring.main.banner-mode", "off",
                "spring.datasource.url", databaseUrl(),
                "intake.jdbc.initialize-schema", "always",
                "intake.runs.directory", dir.toString(),
                "intake.runs.workers", "1",
                "intake.web.max-file-size", "64KB",
                "management.endpoints.web.exposure.include", "metrics",
                "logging.level.root", "WARN"));
        application = app.run();
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        base = "http://localhost:" + port + "/intake/api";
    }

    @AfterEach
    void stop() {
        CountDownLatch gate = DirectoryApplication.gate;
        if (gate != null) {
            gate.countDown();
        }
        DirectoryApplication.gate = null;
        application.close();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String user) throws Exception {
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String path, String user) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), user);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> submit(String user, String fileName, String contentType, byte[] content, boolean commit)
            throws Exception {
        return submit(user, fileName, contentType, content, Map.of("commit", Boolean.toString(commit)));
    }

    private HttpResponse<byte[]> submit(String user, String fileName, String contentType, byte[] content,
            Map<String, String> fields) throws Exception {
        return submit("employees", user, fileName, contentType, content, fields);
    }

    private HttpResponse<byte[]> submit(String importer, String user, String fileName, String contentType, byte[] content,
            Map<String, String> fields) throws Exception {
        String boundary = "intake-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + "/importers/" + importer + "/runs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), user);
    }

    private JsonNode ended(String id, String user) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = json(get("/runs/" + id, user));
            if (run.get("status").asText().matches("COMPLETE|ERROR|CANCELLED")) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + id + " did not end: " + run);
    }

    private List<String> stored() {
        return application.getBean(JdbcTemplate.class).queryForList(
                "SELECT email || '|' || name || '|' || COALESCE(CAST(salary AS VARCHAR(20)), 'null') FROM employees ORDER BY email", String.class);
    }

    @Test
    void theImportersAreListedWithTheirColumnsTemplatesAndAnOpenApiDocument() throws Exception {
        JsonNode importers = json(get("/importers", "ada"));
        assertThat(importers.findValuesAsText("name")).as("the importer bean, then the provider").containsExactly(
                "employees", "badges");
        assertThat(importers.get(0).get("mode").asText()).isEqualTo("UPSERT");
        assertThat(importers.get(0).get("columns").findValuesAsText("label")).containsExactly("Email", "Full name", "Salary");
        assertThat(importers.get(0).get("columns").get(0).get("required").asBoolean()).isTrue();

        HttpResponse<byte[]> template = get("/importers/employees/template", "ada");
        assertThat(template.headers().firstValue("Content-Type")).contains("text/csv;charset=UTF-8");
        assertThat(new String(template.body(), StandardCharsets.UTF_8)).startsWith("Email,Full name,Salary");
        HttpResponse<byte[]> workbook = get("/importers/employees/template?format=xlsx", "ada");
        assertThat(workbook.statusCode()).isEqualTo(200);
        assertThat(workbook.body()).startsWith('P', 'K');
        HttpResponse<byte[]> filled = submit("ada", "employees-template.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.body(), false);
        assertThat(filled.statusCode()).as("a real workbook passes the check at submission").isEqualTo(202);
        JsonNode run = ended(json(filled).get("id").asText(), "ada");
        assertThat(json(get("/runs/" + run.get("id").asText() + "/report", "ada")).get("fileErrors").findValuesAsText("code"))
                .as("read as a workbook: a template without examples has no data rows").containsExactly("EMPTY_FILE");

        JsonNode openApi = json(get("/openapi.json", "ada"));
        assertThat(openApi.get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(openApi.get("servers").get(0).get("url").asText()).isEqualTo("/intake/api");
        assertThat(openApi.get("paths").has("/importers/{name}/runs")).isTrue();
    }

    @Test
    void anImporterMadeForEachRunSeesTheReferenceDataOfItsStartAndReleasesItsConnection() throws Exception {
        JsonNode badges = json(get("/importers/badges", "ada"));
        assertThat(badges.get("columns").get(1).get("options").toString()).isEqualTo("[\"blue\",\"green\"]");
        application.getBean(JdbcTemplate.class).update("INSERT INTO badge_colours (name) VALUES ('red')");
        assertThat(json(get("/importers/badges", "ada")).get("columns").get(1).get("options").toString())
                .as("the definition as a run started now sees it").isEqualTo("[\"blue\",\"green\",\"red\"]");
        assertThat(new String(get("/importers/badges/template", "ada").body(), StandardCharsets.UTF_8))
                .startsWith("Email,Colour");

        int opened = DirectoryApplication.BADGE_OPENS.get();
        byte[] file = "Email,Colour\nada@example.com,red\nbo@example.com,purple\n".getBytes(StandardCharsets.UTF_8);
        String id = json(submit("badges", "ada", "badges.csv", "text/csv", file, Map.of("commit", "true")))
                .get("id").asText();
        JsonNode run = ended(id, "ada");
        assertThat(run.get("status").asText()).isEqualTo("ERROR");
        assertThat(run.get("successCount").asLong()).isEqualTo(1);
        assertThat(DirectoryApplication.BADGE_OPENS.get() - opened).as("one importer for the run").isEqualTo(1);
        assertThat(DirectoryApplication.BADGE_CONNECTIONS).as("released when the run ended").hasValue(0);
        assertThat(application.getBean(JdbcTemplate.class).queryForList("SELECT email || '|' || colour FROM badges",
                String.class)).as("committed on the importer's own connection").containsExactly("ada@example.com|red");

        JsonNode page = json(get("/runs/" + id + "/failed-rows", "ada"));
        assertThat(page.get("rows").get(0).get("rowNumber").asLong()).isEqualTo(3);
        assertThat(page.get("rows").get(0).get("cells").toString()).isEqualTo("[\"bo@example.com\",\"purple\"]");
        assertThat(page.get("rows").get(0).get("problems").get(0).get("column").asText()).isEqualTo("colour");
        assertThat(new String(get("/runs/" + id + "/error-report", "ada").body(), StandardCharsets.UTF_8))
                .startsWith("Email,Colour,Intake problems\r\nbo@example.com,purple,");
    }

    private HttpResponse<byte[]> again(String id, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/runs/" + id + "/again"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), "ada");
    }

    @Test
    void anEndedRunsFileIsCheckedAgainWithAHeaderMappingAndEditedCellsThenImportedWithoutUploadingItAgain()
            throws Exception {
        byte[] file = ("E-mail,Full name,Salary,Notes\n"
                + "ada@example.com,Ada,\"4.250,50\",call\n"
                + "bo@example.com,Bo,abc,\"<img src=x onerror=alert(1)>\"\n").getBytes(StandardCharsets.UTF_8);
        JsonNode first = ended(json(submit("ada", "people.csv", "text/csv", file, false)).get("id").asText(), "ada");
        assertThat(first.get("progress").get("rowsExpected").asLong()).as("counted when submitted").isEqualTo(2);
        assertThat(json(get("/runs/" + first.get("id").asText() + "/report", "ada")).get("fileErrors")
                .findValuesAsText("code")).containsExactly("UNKNOWN_COLUMN");
        JsonNode header = json(get("/runs/" + first.get("id").asText() + "/header", "ada")).get("columns");
        assertThat(header.findValuesAsText("kind")).containsExactly("COLUMN", "COLUMN", "COLUMN", "REFUSED");
        assertThat(header.get(0).get("key").asText()).isEqualTo("email");
        assertThat(header.get(3).has("suggestion")).as("Notes is near no column").isFalse();

        HttpResponse<byte[]> mapped = again(first.get("id").asText(), "{\"headerMapping\": {\"Notes\": \"\"}}");
        assertThat(mapped.statusCode()).isEqualTo(202);
        JsonNode second = ended(json(mapped).get("id").asText(), "ada");
        assertThat(second.get("errorCount").asLong()).isEqualTo(1);
        assertThat(second.get("request").get("basedOn").asText()).isEqualTo(first.get("id").asText());
        assertThat(json(get("/runs/" + second.get("id").asText() + "/header", "ada")).get("columns").get(3)
                .get("mapped").asText()).isEqualTo("");
        JsonNode failed = json(get("/runs/" + second.get("id").asText() + "/failed-rows", "ada")).get("rows").get(0);
        assertThat(failed.get("rowNumber").asLong()).isEqualTo(3);
        assertThat(failed.get("values").toString()).as("by the importer's columns")
                .isEqualTo("{\"email\":\"bo@example.com\",\"name\":\"Bo\",\"salary\":\"abc\"}");

        HttpResponse<byte[]> unknown = again(second.get("id").asText(), "{\"edits\": {\"3\": {\"colour\": \"red\"}}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").get("message").asText())
                .isEqualTo("an edit of row 3 names column colour, which employees does not have");
        JsonNode fixed = ended(json(again(second.get("id").asText(), "{\"edits\": {\"3\": {\"salary\": \"1,00\"}}}"))
                .get("id").asText(), "ada");
        assertThat(fixed.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(fixed.get("errorCount").asLong()).isZero();
        assertThat(fixed.get("request").get("edits").toString()).isEqualTo("{\"3\":{\"salary\":\"1,00\"}}");
        assertThat(fixed.get("request").get("headerMapping").toString()).as("kept from the run before")
                .isEqualTo("{\"Notes\":\"\"}");
        assertThat(stored()).as("dry runs").noneMatch(row -> row.startsWith("bo@"));

        JsonNode imported = ended(json(again(fixed.get("id").asText(), "{\"commit\": true}")).get("id").asText(), "ada");
        assertThat(imported.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(imported.get("successCount").asLong()).isEqualTo(2);
        assertThat(imported.get("createdCount").asLong()).isEqualTo(2);
        assertThat(imported.get("updatedCount").asLong()).isZero();
        assertThat(imported.get("fileErrors")).isEmpty();
        assertThat(stored()).contains("ada@example.com|Ada|4250.50", "bo@example.com|Bo|1.00");

        HttpResponse<byte[]> report = get("/runs/" + second.get("id").asText() + "/error-report", "ada");
        assertThat(new String(report.body(), StandardCharsets.UTF_8)).as("the file as that dry run checked it, every row")
                .startsWith("E-mail,Full name,Salary,Notes,Intake problems\r\nada@example.com,Ada,\"4.250,50\",call,\r\n"
                        + "bo@example.com,Bo,abc,<img src=x onerror=alert(1)>,\"row 3: Salary: Salary must be a number");
        HttpResponse<byte[]> fixedReport = get("/runs/" + fixed.get("id").asText() + "/error-report", "ada");
        assertThat(new String(fixedReport.body(), StandardCharsets.UTF_8)).as("with the edits that check applied")
                .contains("bo@example.com,Bo,\"1,00\",<img");
        JsonNode session = json(get("/session", "ada"));
        assertThat(session.get("user").asText()).isEqualTo("ada");
        assertThat(session.get("csrf").get("header").asText()).isEqualTo("X-CSRF-TOKEN");
        assertThat(session.get("csrf").get("token").asText()).isNotBlank();
    }

    @Test
    void theConsoleIsServedAtTheBasePathWithItsOwnContentSecurityPolicy() throws Exception {
        String console = base.replace("/intake/api", "/intake");
        HttpResponse<byte[]> bare = send(HttpRequest.newBuilder(URI.create(console)).GET(), "ada");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/intake/");
        HttpResponse<byte[]> page = send(HttpRequest.newBuilder(URI.create(console + "/")).GET(), "ada");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html;charset=UTF-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                .contains("frame-ancestors 'self'");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<script type=\"module\" src=\"console.js\">");
        HttpResponse<byte[]> script = send(HttpRequest.newBuilder(URI.create(console + "/console.js")).GET(), "ada");
        assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript;charset=UTF-8");
        HttpResponse<byte[]> other = send(HttpRequest.newBuilder(URI.create(console + "/secrets.txt")).GET(), "ada");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(send(HttpRequest.newBuilder(URI.create(console + "/")).GET(), null).statusCode())
                .as("behind the application's security").isEqualTo(401);
        assertThat(json(get("/importers", "ada")).get(0).get("policy").asText()).isEqualTo("PER_ROW");
        assertThat(json(get("/importers", "ada")).get(0).get("label").asText()).isEqualTo("employees");
    }

    @Test
    void aDryRunThenACommitRunInTheBackgroundWithPagesOfFailedRowsAndBothErrorReports() throws Exception {
        HttpResponse<byte[]> submitted = submit("ada", "people.csv", "text/csv", FILE.getBytes(StandardCharsets.UTF_8), false);
        assertThat(submitted.statusCode()).isEqualTo(202);
        String id = json(submitted).get("id").asText();
        assertThat(submitted.headers().firstValue("Location")).contains("/intake/api/runs/" + id);

        JsonNode dryRun = ended(id, "ada");
        assertThat(dryRun.get("status").asText()).isEqualTo("ERROR");
        assertThat(dryRun.get("totalCount").asLong()).isEqualTo(3);
        assertThat(dryRun.get("errorCount").asLong()).isEqualTo(2);
        assertThat(stored()).as("a dry run writes nothing").noneMatch(row -> row.startsWith("ada@example.com"));
        JsonNode report = json(get("/runs/" + id + "/report", "ada"));
        assertThat(report.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(report.get("failedRows").findValuesAsText("code")).containsExactly("INVALID_NUMBER", "TOO_LONG");

        JsonNode first = json(get("/runs/" + id + "/failed-rows?offset=0&limit=1", "ada"));
        assertThat(first.get("header").toString()).isEqualTo("[\"Email\",\"Full name\",\"Salary\"]");
        assertThat(first.get("rows")).hasSize(1);
        assertThat(first.get("rows").get(0).get("rowNumber").asLong()).isEqualTo(3);
        assertThat(first.get("rows").get(0).get("cells").toString()).isEqualTo("[\"bo@example.com\",\"Bo\",\"abc\"]");
        assertThat(first.get("rows").get(0).get("problems").get(0).toString()).isEqualTo("{\"code\":\"INVALID_NUMBER\","
                + "\"column\":\"salary\",\"message\":\"Salary must be a number like 1.234,56, not abc\"}");
        JsonNode second = json(get("/runs/" + id + "/failed-rows?offset=1&limit=1", "ada"));
        assertThat(second.get("rows").get(0).get("rowNumber").asLong()).isEqualTo(4);
        assertThat(second.get("rows").get(0).get("problems").get(0).get("message").asText())
                .as("Bean Validation through the application's validator").isEqualTo("Full name size must be between 0 and 20");

        String committed = json(submit("ada", "people.csv", "text/csv", FILE.getBytes(StandardCharsets.UTF_8), true))
                .get("id").asText();
        assertThat(ended(committed, "ada").get("successCount").asLong()).isEqualTo(1);
        JsonNode problems = json(send(HttpRequest.newBuilder(URI.create(base.replace("/intake/api",
                "/actuator/metrics/intake.problems?tag=importer:employees&tag=code:INVALID_NUMBER"))).GET(), "ada"));
        assertThat(problems.get("measurements").get(0).get("value").asDouble()).as("a dry run and a commit, one each")
                .isGreaterThanOrEqualTo(2.0);
        JsonNode imports = json(send(HttpRequest.newBuilder(URI.create(base.replace("/intake/api",
                "/actuator/metrics/intake.imports?tag=importer:employees&tag=mode:COMMIT"))).GET(), "ada"));
        assertThat(imports.get("measurements").findValuesAsText("statistic")).contains("COUNT", "TOTAL_TIME");
        assertThat(stored()).contains("ada@example.com|Ada|4250.50").noneMatch(row -> row.startsWith("bo@")
                || row.startsWith("cy@"));

        HttpResponse<byte[]> csv = get("/runs/" + committed + "/error-report", "ada");
        assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"people-errors.csv\"");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).isEqualTo("Email,Full name,Salary,Intake problems\r\n"
                + "bo@example.com,Bo,abc,\"row 2: Salary: Salary must be a number like 1.234,56, not abc\"\r\n"
                + "cy@example.com,A name far longer than twenty,\"1,00\",row 3: Full name: Full name size must be between"
                + " 0 and 20\r\n");
        HttpResponse<byte[]> xlsx = get("/runs/" + committed + "/error-report?format=xlsx", "ada");
        List<SourceRow> rows = new ArrayList<>();
        try (RowSource read = XlsxSource.of("errors.xlsx", xlsx.body()).open(DirectoryApplication.EMPLOYEES.limits())) {
            assertThat(read.header()).isPresent();
            for (Optional<SourceRow> row = read.next(); row.isPresent(); row = read.next()) {
                rows.add(row.get());
            }
        }
        assertThat(rows).extracting(row -> row.cells().get(0)).containsExactly("bo@example.com", "cy@example.com");
    }

    @Test
    void aRunTakesAModeTheDefinitionAllowsAndAHeaderMappingForTheFilesOwnHeaders() throws Exception {
        byte[] export = "E-Mail Address,Name\nmapped@example.com,Mapped Person\n".getBytes(StandardCharsets.UTF_8);
        String id = json(submit("ada", "export.csv", "text/csv", export, Map.of("commit", "true",
                "headerMapping", "{\"E-Mail Address\": \"email\", \"Name\": \"name\"}"))).get("id").asText();
        assertThat(ended(id, "ada").get("status").asText()).isEqualTo("COMPLETE");
        assertThat(stored()).contains("mapped@example.com|Mapped Person|null");

        String again = json(submit("ada", "export.csv", "text/csv", export, Map.of("commit", "true", "mode", "create_only",
                "headerMapping", "{\"E-Mail Address\": \"email\", \"Name\": \"name\"}"))).get("id").asText();
        assertThat(ended(again, "ada").get("status").asText()).isEqualTo("ERROR");
        assertThat(json(get("/runs/" + again + "/report", "ada")).get("failedRows").get(0).get("errors").get(0)
                .get("message").asText()).isEqualTo("Email mapped@example.com already exists; this import only creates"
                        + " records");

        HttpResponse<byte[]> mode = submit("ada", "export.csv", "text/csv", export, Map.of("mode", "UPDATE_ONLY"));
        assertThat(mode.statusCode()).isEqualTo(400);
        assertThat(json(mode).get("error").get("message").asText())
                .isEqualTo("mode must be one of [CREATE_ONLY, UPSERT] for importer employees, not UPDATE_ONLY");
        HttpResponse<byte[]> mapping = submit("ada", "export.csv", "text/csv", export,
                Map.of("headerMapping", "{\"Name\": \"fullname\"}"));
        assertThat(json(mapping).get("error").get("message").asText())
                .isEqualTo("headerMapping names column fullname, which importer employees does not have");
    }

    @Test
    void theCallerReachesTheDefinitionsRequestCheckAndSeesOnlyTheirOwnRuns() throws Exception {
        String id = json(submit("bob", "people.csv", "text/csv", FILE.getBytes(StandardCharsets.UTF_8), true))
                .get("id").asText();
        JsonNode run = ended(id, "bob");
        assertThat(run.get("status").asText()).isEqualTo("ERROR");
        assertThat(json(get("/runs/" + id + "/report", "bob")).get("fileErrors").get(0).get("message").asText())
                .isEqualTo("bob may not import employees");

        String viewer = json(submit("cy", "people.csv", "text/csv", FILE.getBytes(StandardCharsets.UTF_8), true))
                .get("id").asText();
        assertThat(ended(viewer, "cy").get("status").asText()).isEqualTo("ERROR");
        assertThat(json(get("/runs/" + viewer + "/report", "cy")).get("fileErrors").findValuesAsText("message"))
                .as("the roles reach the run's request checks").containsExactly("cy has no role IMPORTER",
                        "cy may not import employees");

        HttpResponse<byte[]> other = get("/runs/" + id, "ada");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(get("/importers", null).statusCode()).as("the application's security decides").isEqualTo(401);
    }

    @Test
    void aRunNotStartedIsCancelledAndOneRunningIsNot() throws Exception {
        DirectoryApplication.gate = new CountDownLatch(1);
        String running = json(submit("ada", "a.csv", "text/csv", "Email,Full name\nzed@example.com,Zed\n"
                .getBytes(StandardCharsets.UTF_8), true)).get("id").asText();
        String waiting = json(submit("ada", "b.csv", "text/csv", "Email,Full name\nyan@example.com,Yan\n"
                .getBytes(StandardCharsets.UTF_8), true)).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!json(get("/runs/" + running, "ada")).get("status").asText().equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        HttpResponse<byte[]> cancelled = send(HttpRequest.newBuilder(URI.create(base + "/runs/" + waiting + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()), "ada");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled).get("status").asText()).isEqualTo("CANCELLED");
        HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(URI.create(base + "/runs/" + running + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()), "ada");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("error").get("code").asText()).isEqualTo("NOT_CANCELLABLE");

        DirectoryApplication.gate.countDown();
        assertThat(ended(running, "ada").get("status").asText()).isEqualTo("COMPLETE");
        assertThat(stored()).contains("zed@example.com|Zed|null").noneMatch(row -> row.startsWith("yan@"));
    }

    /** A workbook whose sheet inflates a thousandfold: ten million empty elements after its header. */
    private static byte[] zipBomb() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.setLevel(9);
            Map<String, String> parts = new java.util.LinkedHashMap<>();
            parts.put("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                    + ".spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType="
                    + "\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            parts.put("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            parts.put("xl/workbook.xml", "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel + "\"><sheets><sheet name=\"People\""
                    + " sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            parts.put("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "relationships\"><Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "</Relationships>");
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<worksheet xmlns=\"" + main + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Email"
                    + "</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Full name</t></is></c></row><row r=\"2\">").getBytes(StandardCharsets.UTF_8));
            byte[] unit = "<x/>".repeat(1_000).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 10_000; i++) {
                zip.write(unit);
            }
            zip.write("</row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aZipBombOrAFileThatIsNoWorkbookIsRefusedWhenSubmitted() throws Exception {
        byte[] bomb = zipBomb();
        assertThat(bomb.length).as("under the upload limit").isLessThan(64 * 1024);
        HttpResponse<byte[]> refused = submit("ada", "bomb.xlsx", "application/octet-stream", bomb, true);
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode error = json(refused).get("error");
        assertThat(error.get("code").asText()).isEqualTo("UNREADABLE_FILE");
        assertThat(error.get("message").asText()).endsWith("the file looks like a zip bomb");

        HttpResponse<byte[]> notAWorkbook = submit("ada", "people.xlsx", "application/octet-stream",
                FILE.getBytes(StandardCharsets.UTF_8), true);
        assertThat(notAWorkbook.statusCode()).isEqualTo(422);
        assertThat(json(notAWorkbook).get("error").get("code").asText()).isEqualTo("UNREADABLE_FILE");
        assertThat(stored()).noneMatch(row -> row.startsWith("bo@"));
    }

    @Test
    void whatARunCannotTakeIsAnsweredInTheEnvelope() throws Exception {
        HttpResponse<byte[]> large = submit("ada", "big.csv", "text/csv", new byte[100 * 1024], true);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(json(large).get("error").get("code").asText()).isEqualTo("FILE_TOO_LARGE");

        HttpResponse<byte[]> pdf = submit("ada", "people.pdf", "application/pdf", new byte[10], true);
        assertThat(pdf.statusCode()).isEqualTo(415);
        assertThat(json(pdf).get("error").get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        HttpResponse<byte[]> unknown = get("/importers/nope", "ada");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").get("message").asText()).isEqualTo("no importer nope");
        HttpResponse<byte[]> method = send(HttpRequest.newBuilder(URI.create(base + "/importers"))
                .DELETE(), "ada");
        assertThat(method.statusCode()).isEqualTo(405);
        HttpResponse<byte[]> page = get("/runs/x/failed-rows?limit=0", "ada");
        assertThat(page.statusCode()).isEqualTo(404);
    }
}
