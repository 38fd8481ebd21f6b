package dev.intake.examples.arena;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.examples.jdbc.Database;
import dev.intake.examples.web.RawHttp;
import dev.intake.examples.web.ServeProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The web edge of {@code serve} tried as an attacker tries it, over raw HTTP/1.1 (request lines sent
 * byte for byte) against a server in {@code -Xmx256m} on an H2 file: every route of both APIs in every
 * spelling a router or a servlet container may read as it, without a credential; bodies over their
 * cap; sessions, their budget, logout, idle end and login throttling; the framework's refusals in
 * the APIs' envelopes.
 */
class WebEdgeTest extends ArenaHttp {
    private static final String ITEM = "a0000000-0000-4000-8000-0000000000ff";

    @Override
    String databaseUrl() {
        return "jdbc:h2:file:" + dir.resolve("edge").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    private URI base() {
        return server.uri("/");
    }

    /** Every spelling of a path that a lenient router, decoder or container could take for it. */
    static Set<String> variants(String path) {
        Set<String> variants = new LinkedHashSet<>();
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            variants.add(join(segments, i, segments[i] + ";x=1"));
            variants.add(join(segments, i, segments[i] + ";"));
            variants.add(join(segments, i, segments[i] + ";jsessionid=ABC"));
            variants.add(join(segments, i, encodeFirst(segments[i])));
            variants.add(join(segments, i, segments[i].toUpperCase(Locale.ROOT)));
            variants.add(join(segments, i, "." + "/" + segments[i]));
            variants.add(join(segments, i, "x/../" + segments[i]));
            variants.add(join(segments, i, "%2e/" + segments[i]));
            variants.add(join(segments, i, "x/%2e%2e/" + segments[i]));
            variants.add(join(segments, i, "/" + segments[i]));
            variants.add(join(segments, i, segments[i] + "%2f"));
            variants.add(join(segments, i, segments[i] + "\\"));
        }
        StringBuilder everyByte = new StringBuilder();
        for (char c : path.toCharArray()) {
            everyByte.append(c == '/' ? "/" : String.format("%%%02X", (int) c));
        }
        variants.add(everyByte.toString());
        variants.add(path + "/");
        variants.add("/" + path);
        variants.add(path.toUpperCase(Locale.ROOT));
        variants.add(path + "%00");
        variants.add(path + "?x=1");
        variants.add(path + "#frag");
        return variants;
    }

    private static String join(String[] segments, int at, String replacement) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append('/').append(i == at ? replacement : segments[i]);
        }
        return path.toString();
    }

    private static String encodeFirst(String segment) {
        return segment.isEmpty() ? segment : String.format("%%%02X", (int) segment.charAt(0)) + segment.substring(1);
    }

    private void assertRefusedInAnEnvelope(String method, String target, RawHttp.Answer answer) {
        assertThat(answer.status()).as(method + " " + target + ": " + answer.text())
                .isIn(400, 401, 404, 405);
        assertThat(answer.errorCode()).as(method + " " + target + " answers in an envelope: " + answer.text()).isNotNull();
        assertThat(answer.text()).as(method + " " + target).doesNotContain("IMPNEWITEMS", "itemNumber", "results\"",
                "arenaSessionId", "timestamp");
    }

    @Test
    void noSpellingOfAnyRouteReachesAHandlerWithoutACredential() throws Exception {
        JsonNode run = ended(NEW, submit(NEW, csv("Number,Name,Category\nEDGE-1,Edge,Assembly\n", "false")).body());
        String runPath = "/v1/imports/" + NEW + "/runs/" + run.get("guid").asText();
        List<String[]> routes = List.of(
                new String[] {"GET", "/v1/imports"},
                new String[] {"GET", "/v1/imports/" + NEW},
                new String[] {"GET", "/v1/imports/" + NEW + "/runs"},
                new String[] {"POST", "/v1/imports/" + NEW + "/runs"},
                new String[] {"GET", runPath},
                new String[] {"GET", runPath + "/results"},
                new String[] {"DELETE", runPath},
                new String[] {"GET", "/v1/items"},
                new String[] {"PUT", "/v1/logout"},
                new String[] {"POST", "/api/import/parts"},
                new String[] {"POST", "/api/import/issues"},
                new String[] {"GET", "/api/items/" + ITEM});
        int tried = 0;
        for (String[] route : routes) {
            for (String target : variants(route[1])) {
                byte[] body = route[0].equals("GET") || route[0].equals("DELETE") ? null
                        : "{\"rows\": []}".getBytes(StandardCharsets.UTF_8);
                RawHttp.Answer answer = RawHttp.send(base(), route[0], target,
                        Map.of("Content-Type", "application/json"), body);
                assertRefusedInAnEnvelope(route[0], target, answer);
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(500);
        // the control: the plain path with a session reaches its handler, and nothing was changed
        RawHttp.Answer shown = RawHttp.send(base(), "GET", runPath, Map.of("arena_session_id", session));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("status").asText()).isEqualTo("COMPLETE");
        assertThat(runsOf(NEW)).isEqualTo(runsBefore(run));
    }

    private long runsBefore(JsonNode run) {
        return run.get("number").asLong();
    }

    @Test
    void theFirewallsRefusalsAndUnroutedPathsAnswerInTheApisEnvelope() throws Exception {
        RawHttp.Answer semicolon = RawHttp.send(base(), "GET", "/v1;x=1/imports", Map.of("arena_session_id", session));
        assertThat(semicolon.status()).isEqualTo(400);
        assertThat(semicolon.json().get("status").asInt()).isEqualTo(400);
        assertThat(semicolon.errorCode()).isEqualTo("3001");
        assertThat(semicolon.header("Server")).isEqualTo("ArenaSolutions");

        RawHttp.Answer cascadia = RawHttp.send(base(), "GET", "/api//items/" + ITEM,
                Map.of("Authorization", "Bearer demo-admin-token-7f3c"));
        assertThat(cascadia.status()).isEqualTo(400);
        assertThat(cascadia.json().get("error").get("code").asText()).isEqualTo("BAD_REQUEST");

        RawHttp.Answer method = RawHttp.send(base(), "PATCH", "/v1/imports", Map.of("arena_session_id", session));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.errorCode()).isEqualTo("3001");
        assertThat(method.json().get("errors").get(0).get("message").asText())
                .isEqualTo("PATCH is not allowed on /v1/imports; use GET");
        assertThat(method.header("Allow")).isEqualTo("GET");

        RawHttp.Answer cascadiaMethod = RawHttp.send(base(), "GET", "/api/import/parts",
                Map.of("Authorization", "Bearer demo-admin-token-7f3c"));
        assertThat(cascadiaMethod.status()).isEqualTo(405);
        assertThat(cascadiaMethod.json().get("error").get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");

        RawHttp.Answer unrouted = RawHttp.send(base(), "GET", "/v1/imports/" + NEW + "/nothing",
                Map.of("arena_session_id", session));
        assertThat(unrouted.status()).isEqualTo(404);
        assertThat(unrouted.errorCode()).isEqualTo("1010");

        RawHttp.Answer type = RawHttp.send(base(), "POST", "/v1/login", Map.of("Content-Type", "text/plain"),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(type.status()).isIn(400, 415);
        assertThat(type.errorCode()).isNotNull();

        RawHttp.Answer unknown = RawHttp.send(base(), "GET", "/actuator/env", Map.of());
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
        RawHttp.Answer errorPage = RawHttp.send(base(), "GET", "/error", Map.of());
        assertThat(errorPage.status()).isEqualTo(401);
    }

    @Test
    void arenaAnswersCarryTheSeedsServerHeaderAndTheirLength() throws Exception {
        for (String path : List.of("/v1/imports", "/v1/imports/" + NEW, "/v1/imports/NOPE", "/v1/items?number=x")) {
            RawHttp.Answer answer = RawHttp.send(base(), "GET", path, Map.of("arena_session_id", session));
            assertThat(answer.header("Server")).as(path).isEqualTo("ArenaSolutions");
            assertThat(answer.chunked()).as(path).isFalse();
            assertThat(answer.header("Content-Length")).as(path).isEqualTo(Integer.toString(answer.body().length));
        }
        RawHttp.Answer none = RawHttp.send(base(), "GET", "/v1/imports", Map.of());
        assertThat(none.header("Server")).isEqualTo("ArenaSolutions");
        assertThat(none.header("X-Arena-Requests-Remaining")).isEqualTo("1000");
        RawHttp.Answer cascadia = RawHttp.send(base(), "GET", "/api/import/templates/parts", Map.of());
        assertThat(cascadia.header("Server")).isNull();
    }

    @Test
    void aLoginBodyOverItsCapIs413AndTheServerGoesOn() throws Exception {
        byte[] huge = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        RawHttp.Answer refused = RawHttp.send(base(), "POST", "/v1/login", Map.of("Content-Type", "application/json"), huge);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.errorCode()).isEqualTo("3001");
        assertThat(refused.json().get("errors").get(0).get("message").asText())
                .isEqualTo("A login is at most 4096 bytes of JSON");

        // declared small, sent chunked and large: read no further than the cap
        byte[] padded = ("{\"email\": \"hwalker@example.com\", \"password\": \"" + "p".repeat(5000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer chunked = RawHttp.send(base(), "POST", "/v1/login",
                Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"),
                chunk(padded));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(login("hwalker@example.com", "demo-heidi-pass").status()).isEqualTo(200);
    }

    private static byte[] chunk(byte[] data) {
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(data, 0, all, head.length, data.length);
        System.arraycopy(tail, 0, all, head.length + data.length, tail.length);
        return all;
    }

    @Test
    void theBudgetIsTheUsersSessionsAreStoredHashedAndLogoutEndsOne() throws Exception {
        try (ServeProcess small = start("--runs-dir", dir.resolve("runs").toString(), "--arena-requests-per-hour", "3")) {
            URI on = small.uri("/");
            String first = login(on, "oreyes@example.com", "demo-omar-pass").json().get("arenaSessionId").asText();
            assertThat(RawHttp.send(on, "GET", "/v1/imports", Map.of("arena_session_id", first))
                    .header("X-Arena-Requests-Remaining")).isEqualTo("2");
            assertThat(RawHttp.send(on, "GET", "/v1/imports", Map.of("arena_session_id", first))
                    .header("X-Arena-Requests-Remaining")).isEqualTo("1");
            // logging in again gives a new session, not a new budget
            String second = login(on, "oreyes@example.com", "demo-omar-pass").json().get("arenaSessionId").asText();
            assertThat(second).isNotEqualTo(first);
            assertThat(RawHttp.send(on, "GET", "/v1/imports", Map.of("arena_session_id", second))
                    .header("X-Arena-Requests-Remaining")).isEqualTo("0");
            RawHttp.Answer spent = RawHttp.send(on, "GET", "/v1/imports", Map.of("arena_session_id", first));
            assertThat(spent.status()).isEqualTo(429);
            assertThat(spent.errorCode()).isEqualTo("1020");
            assertThat(Long.parseLong(spent.header("Retry-After"))).isBetween(1L, 3600L);

            try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id_hash FROM arena_sessions")) {
                List<String> stored = new ArrayList<>();
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
                assertThat(stored).contains(Database.sha256(first), Database.sha256(second)).doesNotContain(first, second);
            }
        }
        String mine = login("oreyes@example.com", "demo-omar-pass").body().get("arenaSessionId").asText();
        RawHttp.Answer out = RawHttp.send(base(), "PUT", "/v1/logout", Map.of("arena_session_id", mine));
        assertThat(out.status()).isEqualTo(200);
        RawHttp.Answer after = RawHttp.send(base(), "GET", "/v1/imports", Map.of("arena_session_id", mine));
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("1000");
    }

    @Test
    void aSessionUnusedForItsIdleTimeHasEnded() throws Exception {
        try (ServeProcess brief = start("--runs-dir", dir.resolve("runs").toString(), "--arena-session-idle", "PT2S")) {
            URI on = brief.uri("/");
            String id = login(on, "hwalker@example.com", "demo-heidi-pass").json().get("arenaSessionId").asText();
            for (int i = 0; i < 3; i++) {
                Thread.sleep(1_000);
                assertThat(RawHttp.send(on, "GET", "/v1/imports", Map.of("arena_session_id", id)).status())
                        .as("kept alive by use").isEqualTo(200);
            }
            Thread.sleep(2_500);
            RawHttp.Answer ended = RawHttp.send(on, "GET", "/v1/imports", Map.of("arena_session_id", id));
            assertThat(ended.status()).isEqualTo(401);
            assertThat(ended.errorCode()).isEqualTo("1000");
        }
    }

    private static RawHttp.Answer login(URI on, String email, String password) throws Exception {
        return RawHttp.send(on, "POST", "/v1/login", Map.of("Content-Type", "application/json"),
                ("{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void repeatedFailedLoginsAreThrottledAndAnUnknownEmailTakesAsLongAsAWrongPassword() throws Exception {
        // a database of its own: the locks it leaves must not meet the other tests' logins
        try (ServeProcess own = ServeProcess.start("jdbc:h2:file:" + dir.resolve("throttle").toAbsolutePath(),
                dir.resolve("throttle.err"), "--runs-dir", dir.resolve("throttle-runs").toString())) {
            URI on = own.uri("/");
            login(on, "oreyes@example.com", "demo-omar-pass");
            List<Long> wrong = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long start = System.nanoTime();
                assertThat(login(on, "hwalker@example.com", "not-it").status()).isEqualTo(401);
                wrong.add(System.nanoTime() - start);
                start = System.nanoTime();
                assertThat(login(on, "nobody" + i + "@example.com", "not-it").status()).isEqualTo(401);
                unknown.add(System.nanoTime() - start);
            }
            wrong.sort(null);
            unknown.sort(null);
            // a password hash costs tens of milliseconds; a lookup that skips it, a few
            assertThat(unknown.get(2)).as("unknown %s, wrong password %s", unknown, wrong).isGreaterThan(wrong.get(1) / 2);

            // the fifth failure within the window locks the email, even for the right password
            assertThat(login(on, "hwalker@example.com", "not-it").status()).isEqualTo(429);
            RawHttp.Answer locked = login(on, "hwalker@example.com", "demo-heidi-pass");
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.errorCode()).isEqualTo("1021");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
            assertThat(login(on, "HWalker@Example.com ", "demo-heidi-pass").status()).as("however spelled").isEqualTo(429);
            for (int i = 0; i < 5; i++) {
                login(on, "ghost@example.com", "x");
            }
            assertThat(login(on, "ghost@example.com", "x").status()).as("unknown emails are throttled alike").isEqualTo(429);
            // another account is not affected
            assertThat(login(on, "oreyes@example.com", "demo-omar-pass").status()).isEqualTo(200);
        }
    }

    private static List<String> instances(java.nio.file.Path scratch) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(scratch)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void scratchFilesLeftByAProcessThatIsGoneAreRemovedAtStartUpAndOnlyThose() throws Exception {
        java.nio.file.Path runs = dir.resolve("sweep-runs");
        java.nio.file.Path scratch = java.nio.file.Files.createDirectories(runs.resolve("scratch"));
        java.nio.file.Path dead = java.nio.file.Files.createDirectories(scratch.resolve("instance-dead"));
        java.nio.file.Files.write(dead.resolve(".lock"), new byte[0]);
        java.nio.file.Files.write(dead.resolve("run-X-1.upload"), new byte[1 << 20]);
        java.nio.file.Path loose = java.nio.file.Files.write(scratch.resolve("upload-1.part"), new byte[1 << 20]);
        java.nio.file.Files.setLastModifiedTime(loose, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
        // a database each: only the runs' directory is shared, and H2 keeps a killed process's file locked a while
        java.util.function.IntFunction<String> db = n -> "jdbc:h2:file:" + dir.resolve("sweep-" + n).toAbsolutePath();

        try (ServeProcess first = ServeProcess.start(db.apply(1), dir.resolve("sweep-1.err"), "--runs-dir", runs.toString())) {
            List<String> afterFirst = instances(scratch);
            assertThat(afterFirst).hasSize(1).allMatch(name -> name.startsWith("instance-") && !name.equals("instance-dead"));
            try (ServeProcess second = ServeProcess.start(db.apply(2), dir.resolve("sweep-2.err"), "--runs-dir",
                    runs.toString())) {
                assertThat(instances(scratch)).as("a live process's scratch is kept").hasSize(2).containsAll(afterFirst);
                first.process().destroyForcibly().waitFor();
                try (ServeProcess third = ServeProcess.start(db.apply(3), dir.resolve("sweep-3.err"), "--runs-dir",
                        runs.toString())) {
                    List<String> now = instances(scratch);
                    assertThat(now).as("the killed process's scratch is gone, the live ones kept").hasSize(2)
                            .doesNotContainAnyElementsOf(afterFirst);
                }
            }
        }
        assertThat(instances(scratch)).as("processes that stop remove their own").isEmpty();
    }

    @Test
    void downloadNamesAreRfc6266AndStoredNamesLosePathsAndControls() throws Exception {
        Map<String, Object> japanese = new java.util.LinkedHashMap<>();
        japanese.put("submitContent:\u65e5\u672c.csv", "Number,Name,Category\nJP-1,Part,Assembly\n".getBytes(StandardCharsets.UTF_8));
        japanese.put("submitFileType", "CSV");
        JsonNode run = ended(NEW, submit(NEW, japanese).body());
        assertThat(run.get("fileName").asText()).isEqualTo("\u65e5\u672c.csv");
        RawHttp.Answer results = RawHttp.send(base(), "GET", "/v1/imports/" + NEW + "/runs/" + run.get("guid").asText()
                + "/results", Map.of("arena_session_id", session));
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.header("Content-Disposition")).isEqualTo(
                "attachment; filename=\"__-results.csv\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC-results.csv");
        assertThat(results.header("Content-Length")).isEqualTo(Integer.toString(results.body().length));
        assertThat(results.text()).startsWith("Number,Name,Category,Intake problems");

        Map<String, Object> sneaky = new java.util.LinkedHashMap<>();
        sneaky.put("submitContent:../../etc/C:\\\\Users\\\\x\\\\ev\u202eil\u0007.csv", "Number,Name,Category\nSN-1,Part,Assembly\n"
                .getBytes(StandardCharsets.UTF_8));
        sneaky.put("submitFileType", "CSV");
        JsonNode stored = submit(NEW, sneaky).body();
        assertThat(stored.get("fileName").asText()).isEqualTo("evil.csv");
    }

    @Test
    void submitFileTypeIsExactAndMalformedMultipartsAreRefusedSayingWhy() throws Exception {
        Map<String, Object> lower = csv("Number,Name,Category\nLC-1,Part,Assembly\n", "false");
        lower.put("submitFileType", "csv");
        Answer refused = submit(NEW, lower);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.codes()).containsExactly(3002);

        String target = "/v1/imports/" + NEW + "/runs";
        RawHttp.Answer noBoundary = RawHttp.send(base(), "POST", target, Map.of("arena_session_id", session,
                "Content-Type", "multipart/form-data"), "--x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noBoundary.status()).isEqualTo(400);
        assertThat(noBoundary.json().get("errors").get(0).get("message").asText())
                .startsWith("The multipart body cannot be read: it has no boundary");

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append("--b\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\nv\r\n");
        }
        many.append("--b--\r\n");
        RawHttp.Answer tooMany = RawHttp.send(base(), "POST", target, Map.of("arena_session_id", session,
                "Content-Type", "multipart/form-data; boundary=b"), many.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("errors").get(0).get("message").asText())
                .isEqualTo("The multipart body cannot be read: it has more parts than a request may have");

        String longHeader = "--b\r\nContent-Disposition: form-data; name=\"submitFileType\"\r\nX-Pad: " + "p".repeat(20_000)
                + "\r\n\r\nCSV\r\n--b--\r\n";
        RawHttp.Answer header = RawHttp.send(base(), "POST", target, Map.of("arena_session_id", session,
                "Content-Type", "multipart/form-data; boundary=b"), longHeader.getBytes(StandardCharsets.UTF_8));
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.json().get("errors").get(0).get("message").asText())
                .isEqualTo("The multipart body cannot be read: a part's headers are longer than allowed");
        assertThat(login("hwalker@example.com", "demo-heidi-pass").status()).isEqualTo(200);
    }

    /**
     * A workbook of a megabyte or two whose shared strings unpack to 180 MB (6,000 texts of 30,000
     * characters, each a 1 KB block repeated, so the inflate ratio stays near 100, under the guard).
     */
    private static byte[] sharedStringsBomb() throws java.io.IOException {
        java.util.Random random = new java.util.Random(7);
        char[] block = new char[1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = (char) ('a' + random.nextInt(26));
        }
        String text = String.valueOf(block).repeat(30);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            java.util.function.BiConsumer<String, String> part = (name, xml) -> {
                try {
                    zip.putNextEntry(new java.util.zip.ZipEntry(name));
                    zip.write(xml.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            part.accept("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\""
                    + " ContentType=\"application/xml\"/><Default Extension=\"rels\" ContentType=\"application/"
                    + "vnd.openxmlformats-package.relationships+xml\"/></Types>");
            part.accept("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                    + rels + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            part.accept("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main
                    + "\" xmlns:r=\"" + rels + "\"><sheets><sheet name=\"Items\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                    + "</workbook>");
            part.accept("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                    + rels + "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + rels
                    + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            part.accept("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\""
                    + main + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                    + "<c r=\"C1\" t=\"s\"><v>2</v></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>SS-1</t>"
                    + "</is></c><c r=\"B2\" t=\"s\"><v>5999</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>Assembly</t></is>"
                    + "</c></row></sheetData></worksheet>");
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/sharedStrings.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + main + "\"><si><t>Number</t></si>"
                    + "<si><t>Name</t></si><si><t>Category</t></si>").getBytes(StandardCharsets.UTF_8));
            byte[] item = ("<si><t>" + text + "</t></si>").getBytes(StandardCharsets.UTF_8);
            for (int i = 3; i < 6_000; i++) {
                zip.write(item);
            }
            zip.write("</sst>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aWorkbookWhoseSharedStringsUnpackToHundredsOfMegabytesIsCheckedInASmallHeap() throws Exception {
        byte[] bomb = sharedStringsBomb();
        assertThat(bomb.length).isLessThan(4 << 20);
        Map<String, Object> parts = new java.util.LinkedHashMap<>();
        parts.put("submitContent:bomb.xlsx", bomb);
        parts.put("submitFileType", "EXCEL_WORKSHEET");
        parts.put("submitWorksheetName", "Items");
        for (int i = 0; i < 3; i++) {
            Answer submitted = submit(NEW, parts);
            assertThat(submitted.status()).as(submitted.body() == null ? "" : submitted.body().toString()).isEqualTo(201);
            JsonNode ended = ended(NEW, submitted.body());
            assertThat(ended.get("status").asText()).as(ended.toString()).isIn("COMPLETE", "ERROR");
            assertThat(ended.get("totalCount").asLong()).isEqualTo(1);
        }
        assertThat(server.log()).doesNotContain("OutOfMemoryError");
        assertThat(login("hwalker@example.com", "demo-heidi-pass").status()).isEqualTo(200);
    }
}
