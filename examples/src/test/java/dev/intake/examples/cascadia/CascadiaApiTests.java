package dev.intake.examples.cascadia;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.examples.jdbc.Database;
import dev.intake.examples.web.ServeProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Import API over real HTTP against the running application ({@code serve} in its own JVM with
 * {@code -Xmx256m}), checked against SERVE.md: statuses and their order, the envelope field by field,
 * row problems, BOM outcomes, the seed's branch matrix, access, templates, generated numbers, hostile
 * bodies, and that refused requests write nothing. Run on H2 and on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CascadiaApiTests {
    static final String PRE = "11111111-1111-4111-8111-111111111111";
    static final String POST = "22222222-2222-4222-8222-222222222222";
    static final String PRE_BRANCH = "b1111111-0000-4000-8000-000000000001";
    static final String POST_BRANCH = "b2222222-0000-4000-8000-000000000001";
    static final String PROGRAM = "d0000000-0000-4000-8000-000000000001";
    static final String ADMIN = "demo-admin-token-7f3c";
    static final String EDITOR = "demo-editor-token-2b9d";
    static final String OUTSIDER = "demo-outsider-token-c41e";
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ServeProcess server;
    String url;
    Path dir;

    /** @return the URL of a new, empty database the server and the test both reach */
    abstract String databaseUrl() throws IOException;

    @BeforeAll
    void startServer() throws IOException, SQLException {
        dir = Files.createTempDirectory("cascadia-api");
        url = databaseUrl();
        server = ServeProcess.start(url, dir.resolve("serve.err"));
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    record Answer(int status, JsonNode body, HttpResponse<byte[]> response) {
        JsonNode result() {
            return body.path("data").path("result");
        }

        String error() {
            return body.path("error").path("code").asText() + ": " + body.path("error").path("message").asText();
        }
    }

    Answer post(String path, String token, String body) throws IOException, InterruptedException {
        return post(path, token, HttpRequest.BodyPublishers.ofString(body));
    }

    Answer post(String path, String token, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofMinutes(1)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static Answer answer(HttpResponse<byte[]> response) throws IOException {
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.startsWith("application/json") ? JSON.readTree(response.body()) : null;
        return new Answer(response.statusCode(), body, response);
    }

    static ObjectNode body(String design, String... rows) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (design != null) {
            body.put("designId", design);
        }
        ArrayNode array = body.putArray("rows");
        for (String row : rows) {
            array.add(JSON.readTree(row));
        }
        return body;
    }

    /** Row counts of the Import API's tables, and the counters' sum: what a refused request must not change. */
    Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String table : List.of("cascadia_items", "cascadia_item_attributes", "cascadia_bom_links")) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT SUM(last_value) FROM cascadia_number_counters")) {
                rows.next();
                counts.put("counters", rows.getLong(1));
            }
        }
        return counts;
    }

    String branchOf(String itemId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement select = connection.prepareStatement("SELECT branch_id FROM cascadia_items WHERE id = ?")) {
            select.setObject(1, UUID.fromString(itemId));
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    // ---- statuses and their order -------------------------------------------------------------

    @Test
    void everyRefusalOfSERVEsTableAnswersInOrderAndWritesNothing() throws Exception {
        Map<String, Long> before = counts();
        String good = "{\"name\": \"Refused\", \"itemNumber\": \"REFUSED-1\"}";

        // 401: no token, an unknown token; before the body is even looked at
        assertThat(post("api/import/parts", null, body(PRE, good).toString()).error())
                .startsWith("UNAUTHORIZED: Authentication required");
        Answer unknown = post("api/import/parts", "not-a-token", "this is not JSON");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.error()).isEqualTo("UNAUTHORIZED: The API token is not valid");
        assertThat(get("api/items/c0000000-0000-4000-8000-000000000001", null).status()).isEqualTo(401);

        // 422: the body, every problem joined; before 404 (the design is unknown too)
        Answer notJson = post("api/import/parts", ADMIN, "{\"designId\": ");
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.error()).isEqualTo("VALIDATION_ERROR: Request body is not valid JSON: the document ends before"
                + " its JSON is complete (line 1, column 14)");
        Answer shapes = post("api/import/parts", ADMIN, "{\"designId\": \"99999999-9999-4999-8999-999999999999x\","
                + " \"bypassBranchProtection\": \"yes\", \"rows\": [{\"name\": \"a\"}, 7, []],"
                + " \"bomRelationships\": {}}");
        assertThat(shapes.status()).isEqualTo(422);
        assertThat(shapes.error()).isEqualTo("VALIDATION_ERROR: Design ID must be a UUID;"
                + " bypassBranchProtection must be true or false; rows[1] must be an object; rows[2] must be an object;"
                + " bomRelationships must be an array");
        assertThat(post("api/import/documents", ADMIN, "{\"rows\": []}").error())
                .isEqualTo("VALIDATION_ERROR: Rows must hold 1 to 500 rows; Design ID is required");
        assertThat(post("api/import/parts", ADMIN, "{\"designId\": \"" + PRE + "\"}").error())
                .isEqualTo("VALIDATION_ERROR: Rows are required");
        assertThat(post("api/import/issues", ADMIN, "{\"programId\": 12, \"rows\": {}}").error())
                .isEqualTo("VALIDATION_ERROR: Program ID must be a UUID; Rows must be an array");
        assertThat(post("api/import/parts", ADMIN, "[1, 2]").error())
                .isEqualTo("VALIDATION_ERROR: Request body must be a JSON object");
        StringBuilder many = new StringBuilder("{\"designId\": \"" + PRE + "\", \"rows\": [");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\": \"n").append(i).append("\"}");
        }
        assertThat(post("api/import/parts", ADMIN, many + "]}").error())
                .isEqualTo("VALIDATION_ERROR: Rows must hold at most 500 rows, not 501");

        // 404: design, branch of another design, program; before 403 (the outsider has no access)
        assertThat(post("api/import/parts", OUTSIDER, body("99999999-9999-4999-8999-999999999999", good).toString()).error())
                .isEqualTo("NOT_FOUND: Design 99999999-9999-4999-8999-999999999999 not found");
        Answer otherBranch = post("api/import/documents", ADMIN, body(PRE, good).put("branchId", POST_BRANCH).toString());
        assertThat(otherBranch.status()).isEqualTo(404);
        assertThat(otherBranch.error()).isEqualTo("NOT_FOUND: Branch " + POST_BRANCH + " not found in design " + PRE);
        Answer program = post("api/import/issues", ADMIN, body(null, good)
                .put("programId", "d0000000-0000-4000-8000-000000000999").toString());
        assertThat(program.status()).isEqualTo(404);
        assertThat(program.error()).isEqualTo("NOT_FOUND: Program d0000000-0000-4000-8000-000000000999 not found");
        assertThat(post("api/import/widgets", ADMIN, body(PRE, good).toString()).status()).isEqualTo(404);

        // 403: no design access, a bypass without the Administrator role; before 400 (post-release, no branch)
        Answer outsider = post("api/import/parts", OUTSIDER, body(POST, good).toString());
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.error()).isEqualTo("FORBIDDEN: outsider@example.com has no access to design " + POST);
        Answer bypass = post("api/import/documents", EDITOR, body(POST, good).put("bypassBranchProtection", true).toString());
        assertThat(bypass.status()).isEqualTo(403);
        assertThat(bypass.error()).isEqualTo("FORBIDDEN: Bypassing branch protection requires the Administrator role");
        assertThat(get("api/items/c0000000-0000-4000-8000-000000000001", OUTSIDER).status()).isEqualTo(403);

        // 400: post-release, no branch, no bypass
        Answer branch = post("api/import/parts", EDITOR, body(POST, good).toString());
        assertThat(branch.status()).isEqualTo(400);
        assertThat(branch.error()).startsWith("BRANCH_REQUIRED: Branch ID required: ");

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void statusesOfRowsAre201WhenAllPass207WhenSomeDoAnd400WhenNone() throws Exception {
        Answer all = post("api/import/documents", EDITOR, body(PRE,
                "{\"name\": \"Spec\", \"itemNumber\": \"ST-DOC-1\", \"docType\": \"specification\"}").toString());
        assertThat(all.status()).isEqualTo(201);
        assertThat(all.result().path("successCount").asInt()).isEqualTo(1);

        Answer some = post("api/import/documents", EDITOR, body(PRE, "{\"name\": \"Spec 2\", \"itemNumber\": \"ST-DOC-2\"}",
                "{\"itemNumber\": \"ST-DOC-3\"}").toString());
        assertThat(some.status()).isEqualTo(207);

        Map<String, Long> before = counts();
        Answer none = post("api/import/documents", EDITOR, body(PRE, "{\"name\": \"Again\", \"itemNumber\": \"ST-DOC-1\"}",
                "{\"description\": \"no name\"}").toString());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.result().path("totalRows").asInt()).isEqualTo(2);
        assertThat(none.result().path("errorCount").asInt()).isEqualTo(2);
        assertThat(none.result().path("createdItems")).isEmpty();
        assertThat(none.result().path("failedRows").get(0).path("errors").get(0).asText()).isEqualTo("Duplicate item number");
        assertThat(none.result().path("failedRows").get(1).path("errors").get(0).asText()).isEqualTo("Name is required");
        assertThat(none.result().has("relationshipsCreated")).isFalse();
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aLinkWithoutFindNumberOrDesignatorsSentAgainExistsAlreadyAndOneClosingACycleThroughStoredLinksFails()
            throws Exception {
        String first = "{\"designId\": \"" + PRE + "\", \"rows\": [{\"name\": \"Top\", \"itemNumber\": \"CY-1\"},"
                + " {\"name\": \"Middle\", \"itemNumber\": \"CY-2\"}, {\"name\": \"Bottom\", \"itemNumber\": \"CY-3\"}],"
                + " \"bomRelationships\": [{\"parentItemNumber\": \"CY-1\", \"childItemNumber\": \"CY-2\", \"quantity\": 2},"
                + " {\"parentItemNumber\": \"CY-2\", \"childItemNumber\": \"CY-3\"}]}";
        JsonNode made = post("api/import/parts", ADMIN, first).result();
        assertThat(made.path("relationshipsCreated").asInt()).isEqualTo(2);
        Map<String, Long> before = counts();

        String again = "{\"designId\": \"" + PRE + "\", \"rows\": [{\"name\": \"Aside\", \"itemNumber\": \"CY-4\"}],"
                + " \"bomRelationships\": ["
                + "{\"parentItemNumber\": \"CY-1\", \"childItemNumber\": \"CY-2\", \"quantity\": \"2.000\"},"
                + "{\"parentItemNumber\": \"CY-3\", \"childItemNumber\": \"CY-1\"},"
                + "{\"parentItemNumber\": \"CY-3\", \"childItemNumber\": \"CY-2\", \"findNumber\": 5}]}";
        JsonNode result = post("api/import/parts", ADMIN, again).result();

        Map<Integer, String> errors = new LinkedHashMap<>();
        for (JsonNode failure : result.path("failedRelationships")) {
            errors.put(failure.path("index").asInt(), failure.path("error").asText());
        }
        assertThat(errors).as(result.toString()).containsExactly(
                Map.entry(0, "The link from CY-1 to CY-2 exists already, with the same quantity, find number and"
                        + " reference designators"),
                Map.entry(1, "Linking CY-3 to CY-1 would make a cycle: CY-3 is already below CY-1"),
                Map.entry(2, "Linking CY-3 to CY-2 would make a cycle: CY-3 is already below CY-2"));
        assertThat(result.path("relationshipsCreated").asInt()).isZero();
        assertThat(counts().get("cascadia_bom_links")).isEqualTo(before.get("cascadia_bom_links"));
    }

    @Test
    void whenEveryRowFailsLinksBetweenExistingItemsAreStillMadeAndRepeatedOnesFail() throws Exception {
        String request = "{\"designId\": \"" + PRE + "\", \"rows\": ["
                + "{\"name\": true, \"itemNumber\": \"TY-1\"},"
                + "{\"name\": \"Typed\", \"itemNumber\": \"TY-2\", \"attributes\": {\"finish\": 7}},"
                + "{\"name\": \"half \\ud800 pair\", \"itemNumber\": \"TY-3\"}],"
                + " \"bomRelationships\": ["
                + "{\"parentItemNumber\": \"ASM-001\", \"childItemNumber\": \"PN-000100\", \"quantity\": 3, \"findNumber\": 77},"
                + "{\"parentItemNumber\": \"ASM-001\", \"childItemNumber\": \"PN-000100\", \"quantity\": 3, \"findNumber\": 77},"
                + "{\"parentItemNumber\": \"PN-000100\", \"childItemNumber\": \"ASM-001\"}]}";
        Map<String, Long> before = counts();

        Answer answer = post("api/import/parts", ADMIN, request);

        assertThat(answer.status()).isEqualTo(400);
        JsonNode result = answer.result();
        assertThat(result.path("errorCount").asInt()).isEqualTo(3);
        List<String> problems = new ArrayList<>();
        result.path("failedRows").forEach(row -> row.path("problems").forEach(problem -> problems.add(
                row.path("rowNumber").asInt() + " " + problem.path("code").asText() + " " + problem.path("field").asText())));
        assertThat(problems).contains("2 INVALID_FORMAT name", "3 INVALID_FORMAT finish", "4 INVALID_FORMAT name");
        assertThat(result.path("relationshipsCreated").asInt()).isEqualTo(1);
        assertThat(result.path("relationshipsFailed").asInt()).isEqualTo(2);
        JsonNode failed = result.path("failedRelationships");
        assertThat(failed.get(0).path("index").asInt()).isEqualTo(1);
        assertThat(failed.get(0).path("error").asText()).isEqualTo(
                "The link from ASM-001 to PN-000100 is given twice: it is the same as entry 0");
        assertThat(failed.get(1).path("index").asInt()).isEqualTo(2);
        assertThat(failed.get(1).path("error").asText()).contains("would make a cycle");
        assertThat(counts().get("cascadia_items")).isEqualTo(before.get("cascadia_items"));
        assertThat(counts().get("cascadia_bom_links")).isEqualTo(before.get("cascadia_bom_links") + 1);

        // the same request again (as after a crash between its rows and its links) makes no link twice
        JsonNode again = post("api/import/parts", ADMIN, request).result();
        assertThat(again.path("relationshipsCreated").asInt()).isZero();
        assertThat(again.path("failedRelationships").get(0).path("error").asText()).isEqualTo("The link from ASM-001"
                + " to PN-000100 exists already, with the same quantity, find number and reference designators");
        assertThat(counts().get("cascadia_bom_links")).isEqualTo(before.get("cascadia_bom_links") + 1);
    }

    @Test
    void aDuplicateOfAnExistingNumberIsReportedBesideTheRowsOtherProblems() throws Exception {
        Answer answer = post("api/import/parts", ADMIN, body(PRE,
                "{\"name\": \"c\", \"itemNumber\": \"ASM-001\", \"partType\": \"Z\"}").toString());

        assertThat(answer.status()).isEqualTo(400);
        JsonNode failed = answer.result().path("failedRows").get(0);
        List<String> problems = new ArrayList<>();
        failed.path("problems").forEach(problem -> problems.add(problem.path("code").asText() + " "
                + problem.path("field").asText()));
        assertThat(problems).containsExactly("DUPLICATE_KEY itemNumber", "INVALID_OPTION partType");
        assertThat(failed.path("errors").get(0).asText()).isEqualTo("Duplicate item number");
    }

    @Test
    void linksRequestedAtOnceInOppositeDirectionsNeverMakeACycle() throws Exception {
        int trials = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int t = 0; t < trials; t++) {
                String a = "RACE-" + t + "-A";
                String b = "RACE-" + t + "-B";
                assertThat(post("api/import/parts", ADMIN, body(PRE, "{\"name\": \"A\", \"itemNumber\": \"" + a + "\"}",
                        "{\"name\": \"B\", \"itemNumber\": \"" + b + "\"}").toString()).status()).isEqualTo(201);
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Answer>> answers = new ArrayList<>();
                for (String[] link : new String[][] {{a, b, "X"}, {b, a, "Y"}}) {
                    ObjectNode linking = body(PRE, "{\"name\": \"spare\", \"itemNumber\": \"RACE-" + t + "-" + link[2] + "\"}");
                    linking.putArray("bomRelationships").add(JSON.readTree("{\"parentItemNumber\": \"" + link[0]
                            + "\", \"childItemNumber\": \"" + link[1] + "\"}"));
                    String request = linking.toString();
                    answers.add(pool.submit(() -> {
                        go.await();
                        return post("api/import/parts", ADMIN, request);
                    }));
                }
                go.countDown();
                int created = 0;
                for (java.util.concurrent.Future<Answer> answer : answers) {
                    created += answer.get().result().path("relationshipsCreated").asInt();
                }
                assertThat(created).as("trial " + t + ": exactly one of A->B and B->A").isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- the envelope ----------------------------------------------------------------------------

    @Test
    void aPartsRequestsEnvelopeFieldByFieldWithItsBom() throws Exception {
        ObjectNode request = body(PRE,
                "{\"name\": \"Aluminum Housing\", \"itemNumber\": \"ENV-1\", \"partType\": \"Manufacture\","
                        + " \"description\": \"Main housing\", \"material\": \"Aluminum 6061-T6\", \"weight\": \"2.50\","
                        + " \"weightUnit\": \"kg\", \"cost\": \"125.00\", \"costCurrency\": \"usd\", \"leadTimeDays\": \"14\","
                        + " \"revision\": \"B\", \"attributes\": {\"finish\": \"anodized\", \"coating\": \"2\"}}",
                "{\"name\": \"Shaft\", \"itemNumber\": \"ENV-2\", \"leadTimeDays\": 3}",
                "{\"name\": \"\", \"itemNumber\": \"ENV-3\", \"costCurrency\": \"XYZ\", \"leadTimeDays\": 1.5}",
                "{\"name\": \"Bolt\", \"itemNumber\": \"ENV-4\"}",
                "{\"name\": \"Nut\", \"itemNumber\": \"ENV-2\"}");
        ArrayNode bom = request.putArray("bomRelationships");
        bom.add(JSON.readTree("{\"parentItemNumber\": \"ENV-1\", \"childItemNumber\": \"ENV-2\", \"quantity\": 2,"
                + " \"findNumber\": 10, \"referenceDesignator\": \"R1, R2\"}"));
        bom.add(JSON.readTree("{\"parentItemNumber\": \"ASM-001\", \"childItemNumber\": \"ENV-1\"}"));
        bom.add(JSON.readTree("{\"parentItemNumber\": \"ENV-1\", \"childItemNumber\": \"ENV-3\"}"));

        Answer answer = post("api/import/parts", ADMIN, request.toString());

        assertThat(answer.status()).isEqualTo(207);
        JsonNode result = answer.result();
        assertThat(result.path("totalRows").asInt()).isEqualTo(5);
        assertThat(result.path("successCount").asInt()).isEqualTo(3);
        assertThat(result.path("errorCount").asInt()).isEqualTo(2);
        JsonNode created = result.path("createdItems");
        assertThat(created).hasSize(3);
        assertThat(created.get(0).path("rowNumber").asInt()).isEqualTo(2);
        assertThat(created.get(0).path("itemNumber").asText()).isEqualTo("ENV-1");
        assertThat(UUID.fromString(created.get(0).path("itemId").asText())).isNotNull();
        assertThat(created.get(1).path("rowNumber").asInt()).isEqualTo(3);
        assertThat(created.get(2).path("rowNumber").asInt()).isEqualTo(5);
        JsonNode failed = result.path("failedRows");
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0).path("rowNumber").asInt()).isEqualTo(4);
        assertThat(JSON.convertValue(failed.get(0).path("errors"), List.class)).containsExactly(
                "Currency must be an ISO 4217 currency code like USD, not XYZ",
                "Lead Time (Days) must be a whole number, not 1.5",
                "Name is required");
        JsonNode problems = failed.get(0).path("problems");
        assertThat(problems.get(0).path("code").asText()).isEqualTo("INVALID_OPTION");
        assertThat(problems.get(0).path("field").asText()).isEqualTo("costCurrency");
        assertThat(problems.get(0).path("message").asText()).isEqualTo(failed.get(0).path("errors").get(0).asText());
        assertThat(problems.get(1).path("code").asText()).isEqualTo("INVALID_INTEGER");
        assertThat(problems.get(2).path("code").asText()).isEqualTo("REQUIRED");
        assertThat(problems.get(2).path("field").asText()).isEqualTo("name");
        assertThat(failed.get(1).path("rowNumber").asInt()).isEqualTo(6);
        assertThat(failed.get(1).path("problems").get(0).path("code").asText()).isEqualTo("DUPLICATE_KEY");
        assertThat(failed.get(1).path("errors").get(0).asText()).isEqualTo("Duplicate item number");
        assertThat(result.path("relationshipsCreated").asInt()).isEqualTo(2);
        assertThat(result.path("relationshipsFailed").asInt()).isEqualTo(1);
        JsonNode failure = result.path("failedRelationships").get(0);
        assertThat(failure.path("index").asInt()).isEqualTo(2);
        assertThat(failure.path("parentItemNumber").asText()).isEqualTo("ENV-1");
        assertThat(failure.path("childItemNumber").asText()).isEqualTo("ENV-3");
        assertThat(failure.path("error").asText()).isEqualTo("Child item ENV-3 not found in this import or the design");

        JsonNode housing = get("api/items/" + created.get(0).path("itemId").asText(), ADMIN).body();
        assertThat(housing.path("designId").asText()).isEqualTo(PRE);
        assertThat(housing.path("branchId").isNull()).isTrue();
        assertThat(housing.path("type").asText()).isEqualTo("PART");
        assertThat(housing.path("revision").asText()).isEqualTo("B");
        assertThat(housing.path("weight").asText()).isEqualTo("2.50");
        assertThat(housing.path("costCurrency").asText()).isEqualTo("USD");
        assertThat(housing.path("leadTimeDays").asLong()).isEqualTo(14);
        assertThat(JSON.convertValue(housing.path("attributes"), Map.class))
                .isEqualTo(Map.of("finish", "anodized", "coating", "2"));
        assertThat(housing.path("bom")).hasSize(1);
        assertThat(housing.path("bom").get(0).path("childItemNumber").asText()).isEqualTo("ENV-2");
        assertThat(housing.path("bom").get(0).path("quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(housing.path("bom").get(0).path("findNumber").asLong()).isEqualTo(10);
        assertThat(housing.path("bom").get(0).path("referenceDesignator").asText()).isEqualTo("R1, R2");
        JsonNode assembly = get("api/items/c0000000-0000-4000-8000-000000000001", ADMIN).body();
        assertThat(assembly.path("bom").findValuesAsText("childItemNumber")).contains("ENV-1");
    }

    // ---- row problems ------------------------------------------------------------------------

    @Test
    void everyRowProblemCodeNamesItsField() throws Exception {
        String longName = "n".repeat(501);
        Answer answer = post("api/import/issues", ADMIN, body(null,
                "{\"name\": \"" + longName + "\", \"severity\": \"Severe\", \"reportedDate\": \"15/01/2025\"}",
                "{\"name\": \"x\", \"priority\": \"High\", \"colour\": \"red\", \"category\": {\"a\": 1}}",
                "{\"name\": \"y\", \"nickname\": \"z\", \"description\": \"" + "d".repeat(10_001) + "\"}",
                "{\"name\": \"ok\", \"itemNumber\": \"PROB-1\", \"attributes\": {\"k\": \"" + "v".repeat(2001) + "\"}}",
                "{\"name\": \"twice\", \"itemNumber\": \"PROB-2\"}",
                "{\"name\": \"twice again\", \"itemNumber\": \"PROB-2\"}").put("programId", PROGRAM).toString());

        assertThat(answer.status()).isEqualTo(207);
        JsonNode failed = answer.result().path("failedRows");
        assertThat(codes(failed, 2)).containsExactly("INVALID_OPTION severity", "INVALID_DATE reportedDate",
                "TOO_LONG name");
        assertThat(codes(failed, 3)).containsExactly("UNKNOWN_FIELD colour", "INVALID_FORMAT category");
        assertThat(codes(failed, 4)).containsExactly("UNKNOWN_FIELD nickname", "TOO_LONG description");
        assertThat(codes(failed, 5)).containsExactly("TOO_LONG k");
        assertThat(codes(failed, 7)).containsExactly("DUPLICATE_KEY itemNumber");
        assertThat(answer.result().path("createdItems").get(0).path("rowNumber").asInt()).isEqualTo(6);
        JsonNode issue = get("api/items/" + answer.result().path("createdItems").get(0).path("itemId").asText(), EDITOR)
                .body();
        assertThat(issue.path("type").asText()).isEqualTo("ISSUE");
        assertThat(issue.path("state").asText()).isEqualTo("Open");
        assertThat(issue.path("programId").asText()).isEqualTo(PROGRAM);
        assertThat(issue.path("designId").isNull()).isTrue();
        assertThat(issue.path("revision").asText()).isEqualTo("-");
    }

    @Test
    void aFieldGivenTwiceInARowIsAProblemOfThatRow() throws Exception {
        Answer answer = post("api/import/documents", ADMIN, "{\"designId\": \"" + PRE + "\", \"rows\": ["
                + "{\"name\": \"y\", \"name\": \"z\", \"itemNumber\": \"TWICE-1\"}, {\"name\": \"ok\", \"itemNumber\": \"TWICE-2\"}]}");
        assertThat(answer.status()).isEqualTo(207);
        assertThat(codes(answer.result().path("failedRows"), 2)).containsExactly("DUPLICATE_FIELD name");
        assertThat(answer.result().path("failedRows").get(0).path("errors").get(0).asText())
                .isEqualTo("the field name is given twice in the row");
    }

    private static List<String> codes(JsonNode failedRows, int rowNumber) {
        List<String> codes = new ArrayList<>();
        for (JsonNode row : failedRows) {
            if (row.path("rowNumber").asInt() == rowNumber) {
                for (JsonNode problem : row.path("problems")) {
                    codes.add(problem.path("code").asText() + " " + problem.path("field").asText());
                }
            }
        }
        return codes;
    }

    @Test
    void itemNumbersAreUniquePerDesignAcrossPartsAndDocumentsAndAmongIssues() throws Exception {
        assertThat(post("api/import/parts", ADMIN, body(PRE, "{\"name\": \"p\", \"itemNumber\": \"UNIQ-1\"}").toString())
                .status()).isEqualTo(201);
        Answer document = post("api/import/documents", ADMIN, body(PRE, "{\"name\": \"d\", \"itemNumber\": \"UNIQ-1\"}")
                .toString());
        assertThat(document.status()).isEqualTo(400);
        assertThat(codes(document.result().path("failedRows"), 2)).containsExactly("DUPLICATE_KEY itemNumber");
        assertThat(post("api/import/documents", ADMIN, body(POST, "{\"name\": \"d\", \"itemNumber\": \"UNIQ-1\"}")
                .put("branchId", POST_BRANCH).toString()).status()).isEqualTo(201);
        assertThat(post("api/import/issues", ADMIN, body(null, "{\"name\": \"i\", \"itemNumber\": \"UNIQ-1\"}").toString())
                .status()).isEqualTo(201);
        assertThat(post("api/import/issues", EDITOR, body(null, "{\"name\": \"i\", \"itemNumber\": \"UNIQ-1\"}").toString())
                .status()).isEqualTo(400);
    }

    @Test
    void omittedNumbersAreGeneratedOneAboveTheHighestOfTheirPrefix() throws Exception {
        Answer first = post("api/import/documents", ADMIN, body(PRE, "{\"name\": \"a\"}", "{\"name\": \"b\"}").toString());
        List<String> numbers = first.result().path("createdItems").findValuesAsText("itemNumber");
        assertThat(numbers).hasSize(2).allMatch(n -> n.matches("DOC-\\d{6}"));
        int a = Integer.parseInt(numbers.get(0).substring(4));
        assertThat(Integer.parseInt(numbers.get(1).substring(4))).isEqualTo(a + 1);
        String taken = String.format("DOC-%06d", a + 10);
        post("api/import/documents", ADMIN, body(PRE, "{\"name\": \"c\", \"itemNumber\": \"" + taken + "\"}").toString());
        Answer next = post("api/import/documents", ADMIN, body(PRE, "{\"name\": \"d\"}").toString());
        assertThat(next.result().path("createdItems").get(0).path("itemNumber").asText())
                .isEqualTo(String.format("DOC-%06d", a + 11));
        JsonNode item = get("api/items/" + next.result().path("createdItems").get(0).path("itemId").asText(), ADMIN).body();
        assertThat(item.path("revision").asText()).isEqualTo("-");
        assertThat(item.path("type").asText()).isEqualTo("DOCUMENT");
    }

    // ---- BOM -------------------------------------------------------------------------------------

    @Test
    void bomRelationshipsAreCreatedOrFailOnTheirOwn() throws Exception {
        ObjectNode request = body(PRE, "{\"name\": \"top\", \"itemNumber\": \"BOM-A\"}",
                "{\"name\": \"mid\", \"itemNumber\": \"BOM-B\"}", "{\"name\": \"leaf\", \"itemNumber\": \"BOM-C\"}");
        ArrayNode bom = request.putArray("bomRelationships");
        for (String entry : List.of(
                "{\"parentItemNumber\": \"BOM-A\", \"childItemNumber\": \"BOM-B\", \"quantity\": \"1.5\"}",
                "{\"parentItemNumber\": \"BOM-B\", \"childItemNumber\": \"BOM-C\"}",
                "{\"parentItemNumber\": \"BOM-C\", \"childItemNumber\": \"BOM-A\"}",
                "{\"parentItemNumber\": \"BOM-B\", \"childItemNumber\": \"BOM-B\"}",
                "{\"parentItemNumber\": \"NOPE\", \"childItemNumber\": \"BOM-A\"}",
                "{\"parentItemNumber\": \"BOM-A\", \"childItemNumber\": \"GONE\"}",
                "{\"parentItemNumber\": \"BOM-A\", \"childItemNumber\": \"PN-000100\", \"quantity\": -1}",
                "{\"parentItemNumber\": \"BOM-A\", \"childItemNumber\": \"PN-000100\", \"quantity\": \"lots\"}",
                "{\"parentItemNumber\": \"BOM-A\", \"childItemNumber\": \"PN-000100\", \"findNumber\": 1.5}",
                "{\"childItemNumber\": \"PN-000100\"}",
                "{\"parentItemNumber\": \"BOM-A\", \"childItemNumber\": \"PN-000100\", \"quantity\": 0, \"findNumber\": 20}")) {
            bom.add(JSON.readTree(entry));
        }
        Map<String, Long> before = counts();

        Answer answer = post("api/import/parts", ADMIN, request.toString());

        assertThat(answer.status()).isEqualTo(207);
        JsonNode result = answer.result();
        assertThat(result.path("successCount").asInt()).isEqualTo(3);
        assertThat(result.path("relationshipsCreated").asInt()).isEqualTo(3);
        assertThat(result.path("relationshipsFailed").asInt()).isEqualTo(8);
        Map<Integer, String> errors = new LinkedHashMap<>();
        for (JsonNode failure : result.path("failedRelationships")) {
            errors.put(failure.path("index").asInt(), failure.path("error").asText());
        }
        assertThat(errors).containsExactly(
                Map.entry(2, "Linking BOM-C to BOM-A would make a cycle: BOM-C is already below BOM-A"),
                Map.entry(3, "A part cannot be its own child: BOM-B"),
                Map.entry(4, "Parent item NOPE not found in this import or the design"),
                Map.entry(5, "Child item GONE not found in this import or the design"),
                Map.entry(6, "Quantity must be 0 or more, not -1"),
                Map.entry(7, "Quantity must be a number, not lots"),
                Map.entry(8, "Find number must be a whole number, not 1.5"),
                Map.entry(9, "Parent item number is required"));
        assertThat(counts().get("cascadia_bom_links")).isEqualTo(before.get("cascadia_bom_links") + 3);
        String top = result.path("createdItems").get(0).path("itemId").asText();
        JsonNode children = get("api/items/" + top, ADMIN).body().path("bom");
        // by find number, links without one last
        assertThat(children.findValuesAsText("childItemNumber")).containsExactly("PN-000100", "BOM-B");
        assertThat(children.get(0).path("quantity").decimalValue()).isEqualByComparingTo("0");
        assertThat(children.get(1).path("quantity").decimalValue()).isEqualByComparingTo("1.5");
    }

    // ---- branches and access -------------------------------------------------------------------

    @Test
    void theSeedsBranchMatrix() throws Exception {
        // pre-release, no branch: main
        Answer preMain = post("api/import/parts", EDITOR, body(PRE, "{\"name\": \"m1\", \"itemNumber\": \"BR-1\"}").toString());
        assertThat(preMain.status()).isEqualTo(201);
        assertThat(branchOf(preMain.result().path("createdItems").get(0).path("itemId").asText())).isNull();
        // pre-release, a branch: that branch
        Answer preBranch = post("api/import/parts", EDITOR, body(PRE, "{\"name\": \"m2\", \"itemNumber\": \"BR-2\"}")
                .put("branchId", PRE_BRANCH).toString());
        assertThat(preBranch.status()).isEqualTo(201);
        assertThat(branchOf(preBranch.result().path("createdItems").get(0).path("itemId").asText())).isEqualTo(PRE_BRANCH);
        // post-release, a branch, no bypass: that branch
        Answer postBranch = post("api/import/parts", EDITOR, body(POST, "{\"name\": \"m3\", \"itemNumber\": \"BR-3\"}")
                .put("branchId", POST_BRANCH).put("bypassBranchProtection", false).toString());
        assertThat(postBranch.status()).isEqualTo(201);
        assertThat(branchOf(postBranch.result().path("createdItems").get(0).path("itemId").asText()))
                .isEqualTo(POST_BRANCH);
        JsonNode shown = get("api/items/" + postBranch.result().path("createdItems").get(0).path("itemId").asText(), EDITOR)
                .body();
        assertThat(shown.path("branchId").asText()).isEqualTo(POST_BRANCH);
        // post-release, no branch, no bypass: branch required
        Answer required = post("api/import/parts", EDITOR, body(POST, "{\"name\": \"m4\", \"itemNumber\": \"BR-4\"}")
                .toString());
        assertThat(required.status()).isEqualTo(400);
        assertThat(required.body().path("error").path("code").asText()).isEqualTo("BRANCH_REQUIRED");
        assertThat(required.body().path("error").path("message").asText()).startsWith("Branch ID required: ");
        // post-release, no branch, bypass (Administrator): main
        Answer bypass = post("api/import/parts", ADMIN, body(POST, "{\"name\": \"m5\", \"itemNumber\": \"BR-5\"}")
                .put("bypassBranchProtection", true).toString());
        assertThat(bypass.status()).isEqualTo(201);
        assertThat(branchOf(bypass.result().path("createdItems").get(0).path("itemId").asText())).isNull();
    }

    @Test
    void editorsAndAdministratorsWithAccessImportOutsidersDoNot() throws Exception {
        assertThat(post("api/import/documents", EDITOR, body(PRE, "{\"name\": \"e\", \"itemNumber\": \"ACC-1\"}").toString())
                .status()).isEqualTo(201);
        assertThat(post("api/import/documents", ADMIN, body(PRE, "{\"name\": \"a\", \"itemNumber\": \"ACC-2\"}").toString())
                .status()).isEqualTo(201);
        assertThat(post("api/import/documents", OUTSIDER, body(PRE, "{\"name\": \"o\", \"itemNumber\": \"ACC-3\"}")
                .toString()).status()).isEqualTo(403);
        // issues need no design: anyone with a token
        assertThat(post("api/import/issues", OUTSIDER, body(null, "{\"name\": \"o\", \"itemNumber\": \"ACC-4\"}").toString())
                .status()).isEqualTo(201);
    }

    // ---- templates ---------------------------------------------------------------------------------

    @Test
    void templatesAreTheSeedsCsvAndARealWorkbook() throws Exception {
        Answer parts = get("api/import/templates/parts", null);
        assertThat(parts.status()).isEqualTo(200);
        assertThat(parts.response().headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=parts-import-template.csv");
        assertThat(new String(parts.response().body(), StandardCharsets.UTF_8).split("\r\n")).containsExactly(
                "Item Number,Name,Revision,Description,Type,Material,Weight,Weight Unit,Cost,Currency,Lead Time (Days)",
                "PN-000001,Aluminum Housing,-,Main housing for the motor assembly,Manufacture,Aluminum 6061-T6,2.5,kg,125.00,USD,14");
        String documents = new String(get("api/import/templates/documents?format=csv", null).response().body(),
                StandardCharsets.UTF_8);
        assertThat(documents).startsWith("Item Number,Name,Revision,Description,Document Type,File Name,MIME Type\r\n");
        String issues = new String(get("api/import/templates/issues", null).response().body(), StandardCharsets.UTF_8);
        assertThat(issues).startsWith("Item Number,Name,Description,Severity,Priority,Category,Reported Date,Resolution,"
                + "Root Cause\r\n");

        Answer xlsx = get("api/import/templates/parts?format=xlsx", null);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.response().headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=parts-import-template.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.response().body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Item Number");
            assertThat(sheet.getRow(0).getCell(10).getStringCellValue()).isEqualTo("Lead Time (Days)");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Aluminum Housing");
            List<String> dropdowns = new ArrayList<>();
            ((XSSFSheet) sheet).getDataValidations().forEach(validation ->
                    dropdowns.add(validation.getValidationConstraint().getFormula1()));
            assertThat(dropdowns).isNotEmpty();
            Sheet lists = workbook.getSheet("Lists");
            List<String> options = new ArrayList<>();
            lists.forEach(row -> row.forEach(cell -> options.add(cell.getStringCellValue())));
            assertThat(options).contains("Manufacture", "Purchase", "Software", "Phantom");
            assertThat(workbook.getSheet("Columns")).isNotNull();
        }
        assertThat(get("api/import/templates/widgets", null).status()).isEqualTo(404);
        assertThat(get("api/import/templates/widgets", null).error()).startsWith("NOT_FOUND: ");
    }

    // ---- hostile bodies ----------------------------------------------------------------------------

    @Test
    void hostileBodiesGetAClearAnswerAndTheServerStaysUp() throws Exception {
        Map<String, Long> before = counts();
        byte[] huge = new byte[100 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        Answer big = post("api/import/parts", ADMIN, HttpRequest.BodyPublishers.ofByteArray(huge));
        assertThat(big.status()).isEqualTo(422);
        assertThat(big.error()).isEqualTo("VALIDATION_ERROR: Request body must be at most 16777216 bytes");

        String deep = "{\"designId\": \"" + PRE + "\", \"rows\": [{\"name\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}]}";
        Answer nested = post("api/import/parts", ADMIN, deep);
        assertThat(nested.status()).isEqualTo(422);
        assertThat(nested.error()).isEqualTo("VALIDATION_ERROR: Request body is over a limit: the document nests deeper than allowed (at most 16)");

        String text = "{\"designId\": \"" + PRE + "\", \"rows\": [{\"name\": \"" + "x".repeat(50 * 1024 * 1024) + "\"}]}";
        Answer longText = post("api/import/parts", ADMIN, text);
        assertThat(longText.status()).isEqualTo(422);

        String longString = "{\"designId\": \"" + PRE + "\", \"rows\": [{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}]}";
        Answer tooLong = post("api/import/parts", ADMIN, longString);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.error()).startsWith("VALIDATION_ERROR: a string is longer than allowed (at most 32767)");

        Answer number = post("api/import/parts", ADMIN, "{\"designId\": \"" + PRE + "\", \"rows\": [{\"name\": \"big\","
                + " \"itemNumber\": \"HOST-1\", \"leadTimeDays\": 1e1000000}]}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(codes(number.result().path("failedRows"), 2)).containsExactly("INVALID_INTEGER leadTimeDays");

        Answer duplicateTop = post("api/import/parts", ADMIN, "{\"designId\": \"" + PRE + "\", \"designId\": \"" + PRE
                + "\", \"rows\": [{\"name\": \"a\"}]}");
        assertThat(duplicateTop.error()).isEqualTo("VALIDATION_ERROR: designId is given twice");
        Answer duplicateRow = post("api/import/parts", ADMIN, "{\"designId\": \"" + PRE
                + "\", \"rows\": [{\"name\": \"a\", \"itemNumber\": \"HOST-2\", \"itemNumber\": \"HOST-3\"}]}");
        assertThat(codes(duplicateRow.result().path("failedRows"), 2)).containsExactly("DUPLICATE_FIELD itemNumber");

        assertThat(counts()).isEqualTo(before);
        assertThat(server.isAlive()).isTrue();
        assertThat(get("api/import/templates/parts", null).status()).isEqualTo(200);
        assertThat(server.log()).doesNotContain("OutOfMemoryError");
    }
}
