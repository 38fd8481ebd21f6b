package dev.intake.examples.arena;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The import runs API over real HTTP against the running application ({@code serve} in its own JVM),
 * checked against SERVE.md: sessions and the budget, every code of its table, runs that check only,
 * commit all or nothing, or end in ERROR with the problem in their results, the three actions, fixed
 * values, worksheets (the seed's misspelled field too), numbers per definition, cancelling. On H2 and
 * on PostgreSQL by the subclasses.
 */
abstract class ArenaApiTests extends ArenaHttp {

    @Test
    void sessionsCarryTheBudgetAndCallsWithoutOneAreRefused() throws Exception {
        Answer login = login("oreyes@example.com", "demo-omar-pass");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("X-Arena-Requests-Remaining")).isEqualTo("1000");
        assertThat(login.header("X-Arena-Next-Request-Limit-Reset")).endsWith(" GMT");
        String omar = login.body().get("arenaSessionId").asText();
        assertThat(get(server, "v1/imports", omar).header("X-Arena-Requests-Remaining")).isEqualTo("999");
        assertThat(get(server, "v1/imports", omar).header("X-Arena-Requests-Remaining")).isEqualTo("998");

        Answer wrong = login("oreyes@example.com", "guess");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.codes()).containsExactly(1000);
        Answer none = get(server, "v1/imports", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.codes()).containsExactly(1000);
        assertThat(none.body().get("status").asInt()).isEqualTo(401);
        assertThat(none.header("X-Arena-Requests-Remaining")).isEqualTo("1000");
        assertThat(get(server, "v1/imports", "not-a-session").status()).isEqualTo(401);
    }

    @Test
    void savedDefinitionsAreListedAndShown() throws Exception {
        Answer all = get("v1/imports");
        assertThat(all.body().get("count").asInt()).isEqualTo(4);
        assertThat(all.body().get("results").findValuesAsText("guid")).containsExactlyInAnyOrder(NEW, UPDATE, UPSERT, LEGACY);
        assertThat(get("v1/imports/" + UPSERT).body().get("action").asText()).isEqualTo("CREATE_OR_UPDATE");
        Answer unknown = get("v1/imports/NOSUCHDEFINITION0000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.codes()).containsExactly(1010);
    }

    @Test
    void everyRefusalOfTheTableAnswers400AndCreatesNoRun() throws Exception {
        long before = runsOf(NEW);
        String good = "Number,Name,Category\nREF-1,Refused,Mechanical Part\n";

        assertThat(submit("NOSUCHDEFINITION0000", csv(good, "true")).codes()).containsExactly(1010);
        Map<String, Object> noFile = new LinkedHashMap<>(Map.of("submitFileType", "CSV"));
        assertThat(submit(NEW, noFile).codes()).containsExactly(3001);
        Map<String, Object> noType = new LinkedHashMap<>(csv(good, null));
        noType.remove("submitFileType");
        assertThat(submit(NEW, noType).codes()).containsExactly(3001);
        assertThat(submit(NEW, csv(good, "maybe")).codes()).containsExactly(3001);
        Map<String, Object> pdf = csv(good, "false");
        pdf.put("submitFileType", "PDF");
        Answer type = submit(NEW, pdf);
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.codes()).containsExactly(3002);
        Map<String, Object> noSheet = csv(good, "false");
        noSheet.put("submitFileType", "EXCEL_WORKSHEET");
        assertThat(submit(NEW, noSheet).codes()).containsExactly(3003);
        Map<String, Object> wrongSheet = workbook("Items", List.of(List.of("Number", "Name", "Category")));
        wrongSheet.put("submitWorksheetName", "everyscanBOM");
        assertThat(submit(NEW, wrongSheet).codes()).containsExactly(3003);
        Map<String, Object> corrupt = new LinkedHashMap<>(Map.of("submitContent:items.xlsx",
                "PK not a workbook".getBytes(StandardCharsets.UTF_8), "submitFileType", "EXCEL_WORKSHEET",
                "submitWorksheetName", "Items"));
        assertThat(submit(NEW, corrupt).codes()).containsExactly(3004);
        Map<String, Object> latin1 = csv("", "false");
        latin1.put("submitContent:items.csv", "Number,Name,Category,Größe\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(submit(NEW, latin1).codes()).containsExactly(3004);
        Answer header = submit(NEW, csv("Number,Name,Colour\nREF-2,Refused,red\n", "true"));
        assertThat(header.codes()).containsExactly(3005, 3005);
        assertThat(header.body().get("errors").findValuesAsText("message")).containsExactly(
                "The file's header has a column \"Colour\" that the import definition does not know",
                "The file's header lacks the column \"Category\" that the import definition requires");
        Answer fixed = submit(LEGACY, csv(good, "true"));
        assertThat(fixed.status()).isEqualTo(400);
        assertThat(fixed.body().toString()).isEqualTo("{\"status\":400,\"errors\":[{\"code\":3011,\"message\":"
                + "\"The specified value \\\"Changes\\\" is not a valid option for the attribute \\\"world\\\".\"}]}");

        assertThat(runsOf(NEW)).isEqualTo(before);
        assertThat(runsOf(LEGACY)).isZero();
        assertThat(item("REF-1").get("count").asInt()).isZero();
    }

    @Test
    void aValidateOnlyRunChecksEveryRowAndWritesNothing() throws Exception {
        Answer created = submit(NEW, csv("Number,Name,Category,World,Weight (g)\nVAL-1,Grille,Mechanical Part,Mechanical,12.5\n"
                + "VAL-2,Cable,Electrical Part,,3\n", "false"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode run = created.body();
        assertThat(run.get("status").asText()).isEqualTo("CREATED");
        assertThat(run.get("commit").asBoolean()).isFalse();
        assertThat(run.get("guid").asText()).matches("[A-Z0-9]{20}");
        assertThat(run.get("creator").get("fullName").asText()).isEqualTo("Heidi Walker");
        assertThat(run.get("creator").get("guid").asText()).isEqualTo("9RBUZOR8OFWFYH0JSIPJ");

        JsonNode ended = ended(NEW, run);
        assertThat(ended.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(List.of(ended.get("totalCount").asInt(), ended.get("successCount").asInt(),
                ended.get("errorCount").asInt())).containsExactly(2, 2, 0);
        assertThat(results(NEW, run).split("\r\n")).containsExactly("Number,Name,Category,World,Weight (g),Intake problems",
                "VAL-1,Grille,Mechanical Part,Mechanical,12.5,", "VAL-2,Cable,Electrical Part,,3,");
        assertThat(item("VAL-1").get("count").asInt()).isZero();
    }

    @Test
    void aCommitRunWithOneBadRowWritesNothingAndEndsInErrorWithTheProblemInItsResults() throws Exception {
        JsonNode run = submit(NEW, csv("Number,Name,Category,World\nBAD-1,Grille,Mechanical Part,Mechanical\n"
                + "BAD-2,Cable,Cables,Electrical\nBAD-3,Hub,Assembly,Changes\n", "true")).body();

        JsonNode ended = ended(NEW, run);

        assertThat(ended.get("status").asText()).isEqualTo("ERROR");
        assertThat(List.of(ended.get("totalCount").asInt(), ended.get("successCount").asInt(),
                ended.get("errorCount").asInt())).containsExactly(3, 1, 2);
        String results = results(NEW, run);
        assertThat(results).contains("BAD-1,Grille,Mechanical Part,Mechanical,\r\n")
                .contains("BAD-2,Cable,Cables,Electrical,\"row 3: Category: Category must be one of")
                .contains("BAD-3,Hub,Assembly,Changes,\"row 4: World: World must be one of Mechanical, Electrical,"
                        + " Software, not Changes\"");
        assertThat(item("BAD-1").get("count").asInt()).isZero();
    }

    @Test
    void aBadByteFarIntoTheFileIsTheRunsProblemNotTheRequests() throws Exception {
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes("Number,Name,Category\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 2; i < 5_000; i++) {
            file.writeBytes(("FAR-" + i + ",Part,Assembly\n").getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes(new byte[] {'F', 'A', 'R', '-', 'X', ',', (byte) 0xC3, (byte) 0x28, ',', 'A', '\n'});
        Map<String, Object> parts = csv("", "true");
        parts.put("submitContent:items.csv", file.toByteArray());

        Answer created = submit(NEW, parts);

        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        JsonNode ended = ended(NEW, created.body());
        assertThat(ended.get("status").asText()).isEqualTo("ERROR");
        assertThat(results(NEW, ended)).startsWith("Number,Name,Category,Intake problems\r\n\"\",,,file: the file is not"
                + " valid UTF-8 text (line 5000)").contains("\r\nFAR-4999,Part,Assembly,\r\n");
        assertThat(item("FAR-2").get("count").asInt()).isZero();
    }

    @Test
    void createUpdateAndCreateOrUpdateWriteWhatTheirActionSays() throws Exception {
        JsonNode created = ended(NEW, submit(NEW, csv("Number,Name,Category,Revision,Lifecycle Phase,Finish,Weight (g)\n"
                + "ACT-1,Bracket,Mechanical Part,A,In Design,raw,40.0\n", "true")).body());
        assertThat(created.get("status").asText()).isEqualTo("COMPLETE");
        JsonNode bracket = item("ACT-1").get("results").get(0);
        assertThat(bracket.get("name").asText()).isEqualTo("Bracket");
        assertThat(bracket.get("lifecycle_phase").asText()).isEqualTo("In Design");
        assertThat(bracket.get("attributes").toString()).isEqualTo("{\"finish\":\"raw\",\"weight_g\":\"40\"}");

        JsonNode again = ended(NEW, submit(NEW, csv("Number,Name,Category\nACT-1,Bracket,Mechanical Part\n", "true")).body());
        assertThat(again.get("status").asText()).isEqualTo("ERROR");
        assertThat(results(NEW, again)).contains("ACT-1,Bracket,Mechanical Part,row 2: Number: Number ACT-1 already exists");

        JsonNode updated = ended(UPDATE, submit(UPDATE, csv("Number,Name,Lifecycle Phase,Finish\n"
                + "ACT-1,Bracket v2,Production,anodized\n100-0002,,Obsolete,\n", "true")).body());
        assertThat(updated.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(item("ACT-1").get("results").get(0).get("name").asText()).isEqualTo("Bracket v2");
        assertThat(item("ACT-1").get("results").get(0).get("attributes").get("finish").asText()).isEqualTo("anodized");
        assertThat(item("ACT-1").get("results").get(0).get("category").asText()).isEqualTo("Mechanical Part");
        assertThat(item("100-0002").get("results").get(0).get("lifecycle_phase").asText()).isEqualTo("Obsolete");
        assertThat(item("100-0002").get("results").get(0).get("name").asText()).isEqualTo("Fan Motor");
        JsonNode unknown = ended(UPDATE, submit(UPDATE, csv("Number,Name\nNOPE-1,Ghost\n", "true")).body());
        assertThat(unknown.get("status").asText()).isEqualTo("ERROR");
        assertThat(results(UPDATE, unknown)).contains("NOPE-1,Ghost,row 2: Number: ");

        JsonNode upserted = ended(UPSERT, submit(UPSERT, csv("Number,Name,Category,Finish\n"
                + "100-0003,Fan Housing II,Mechanical Part,powder\nACT-2,Spacer,Mechanical Part,\n", "true")).body());
        assertThat(upserted.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(item("100-0003").get("results").get(0).get("name").asText()).isEqualTo("Fan Housing II");
        assertThat(item("ACT-2").get("results").get(0).get("attributes").get("world").asText())
                .as("the definition's fixed value").isEqualTo("Mechanical");
    }

    @Test
    void aWorksheetRunTakesTheSeedsMisspelledFieldAndAnswersWithAWorkbook() throws Exception {
        Map<String, Object> parts = workbook("everyscanBOM", List.of(List.of("Number", "Name", "Category"),
                List.of("WB-1", "Rotor", "Mechanical Part"), List.of("WB-2", "", "Software")));
        parts.put("submitWorsheetName", "everyscanBOM");
        parts.put("commit", "false");
        JsonNode run = submit(NEW, parts).body();
        assertThat(run.get("submitFileType").asText()).isEqualTo("EXCEL_WORKSHEET");
        assertThat(run.get("submitWorksheetName").asText()).isEqualTo("everyscanBOM");

        JsonNode ended = ended(NEW, run);

        assertThat(ended.get("status").asText()).isEqualTo("ERROR");
        Answer results = get("v1/imports/" + NEW + "/runs/" + run.get("guid").asText() + "/results");
        assertThat(results.header("Content-Disposition")).contains("-results.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(results.response().body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("Intake problems");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("WB-1");
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("row 3: Name: Name is required");
        }
    }

    @Test
    void runsAreNumberedPerDefinitionAndListedNewestFirst() throws Exception {
        long next = runsOf(UPSERT) + 1;
        JsonNode first = submit(UPSERT, csv("Number,Name,Category\nNUM-1,One,Assembly\n", "false")).body();
        JsonNode second = submit(UPSERT, csv("Number,Name,Category\nNUM-2,Two,Assembly\n", "false")).body();

        assertThat(first.get("number").asLong()).isEqualTo(next);
        assertThat(second.get("number").asLong()).isEqualTo(next + 1);
        JsonNode listed = get("v1/imports/" + UPSERT + "/runs").body();
        assertThat(listed.get("results").get(0).get("guid").asText()).isEqualTo(second.get("guid").asText());
        assertThat(get("v1/imports/" + NEW + "/runs/" + second.get("guid").asText()).codes())
                .as("a run is found under its own definition only").containsExactly(1010);
        ended(UPSERT, second);
    }

    @Test
    void onlyARunThatHasNotStartedIsDeleted() throws Exception {
        StringBuilder big = new StringBuilder("Number,Name,Category\n");
        for (int i = 0; i < 40_000; i++) {
            big.append("DEL-").append(i).append(",Part ").append(i).append(",Assembly\n");
        }
        JsonNode busy1 = submit(NEW, csv(big.toString(), "false")).body();
        JsonNode busy2 = submit(NEW, csv(big.toString(), "false")).body();
        JsonNode waiting = submit(NEW, csv("Number,Name,Category\nDEL-X,Waiting,Assembly\n", "true")).body();

        Answer cancelled = delete("v1/imports/" + NEW + "/runs/" + waiting.get("guid").asText());

        assertThat(cancelled.status()).as(String.valueOf(cancelled.body())).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        JsonNode done = ended(NEW, busy1);
        ended(NEW, busy2);
        assertThat(get("v1/imports/" + NEW + "/runs/" + waiting.get("guid").asText()).body().get("status").asText())
                .isEqualTo("CANCELLED");
        assertThat(item("DEL-X").get("count").asInt()).isZero();
        Answer late = delete("v1/imports/" + NEW + "/runs/" + done.get("guid").asText());
        assertThat(late.status()).isEqualTo(409);
        assertThat(delete("v1/imports/" + NEW + "/runs/NOSUCHRUN00000000000").codes()).containsExactly(1010);
        assertThat(get("v1/imports/" + NEW + "/runs/" + waiting.get("guid").asText() + "/results").status())
                .isEqualTo(409);
    }
}
