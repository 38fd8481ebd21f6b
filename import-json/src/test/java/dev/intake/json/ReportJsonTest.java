package dev.intake.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.result.FailedRow;
import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    void writesTheContractsReportWithAbsentIdsAndColumnsLeftOut() {
        ImportReport report = ImportReport.builder("ion-runs", RunMode.DRY_RUN)
                .created(new WrittenRow(2, Optional.empty(), Optional.of("RUN \"one\"")))
                .created(new WrittenRow(3, Optional.empty(), Optional.empty()))
                .failed(new FailedRow(6, List.of(Problem.at(ProblemCode.INVALID_DATE, "due_date",
                        "due_date must be a date like 2026-06-15, not 2026-13-01"), Problem.of(ProblemCode.WRONG_CELL_COUNT,
                        "the row has 1 cells but the header has 2; check for a missing separator"))))
                .group(new GroupOutcome("run_batch_title", "Batch-2026-12", GroupAction.CREATE))
                .build();

        assertThat(ReportJson.toJson(report)).isEqualTo("""
                {
                  "importer": "ion-runs",
                  "mode": "DRY_RUN",
                  "outcome": "PARTIAL",
                  "committed": false,
                  "totalRows": 3,
                  "successCount": 2,
                  "errorCount": 1,
                  "skippedCount": 0,
                  "created": [ {
                    "rowNumber": 2,
                    "key": "RUN \\"one\\""
                  }, {
                    "rowNumber": 3
                  } ],
                  "updated": [],
                  "failedRows": [ {
                    "rowNumber": 6,
                    "errors": [ {
                      "code": "INVALID_DATE",
                      "column": "due_date",
                      "message": "due_date must be a date like 2026-06-15, not 2026-13-01"
                    }, {
                      "code": "WRONG_CELL_COUNT",
                      "message": "the row has 1 cells but the header has 2; check for a missing separator"
                    } ]
                  } ],
                  "fileErrors": [],
                  "groups": [ {
                    "name": "run_batch_title",
                    "key": "Batch-2026-12",
                    "action": "CREATE"
                  } ],
                  "relationships": {
                    "created": 0,
                    "failed": 0,
                    "failures": []
                  }
                }""");
    }

    @Test
    void namesTheExistingKeyAnUpdatedRowAndAGroupMatchedWhenItDiffersFromTheFiles() {
        ImportReport report = ImportReport.builder("employees", RunMode.COMMIT)
                .updated(new WrittenRow(2, Optional.of("7"), Optional.of("judy@acme.com"), Optional.of("Judy@acme.com")))
                .group(new GroupOutcome("department", "engineering", GroupAction.FOUND, Optional.of("Engineering")))
                .committed(true)
                .build();

        String json = ReportJson.toJson(report);
        assertThat(json).contains("\"updated\": [ {\n    \"rowNumber\": 2,\n    \"id\": \"7\",\n"
                + "    \"key\": \"judy@acme.com\",\n    \"matched\": \"Judy@acme.com\"\n  } ],");
        assertThat(json).contains("\"groups\": [ {\n    \"name\": \"department\",\n    \"key\": \"engineering\",\n"
                + "    \"action\": \"FOUND\",\n    \"matched\": \"Engineering\"\n  } ],");
        assertThat(ReportJson.toJson(ImportReport.builder("employees", RunMode.COMMIT)
                .updated(new WrittenRow(2, Optional.of("7"), Optional.of("judy@acme.com"))).build()))
                .doesNotContain("matched");
    }

    @Test
    void listsTheColumnsIgnoredAndTheColumnsReadAsAttributesOnlyWhenThereAreSome() {
        ImportReport report = ImportReport.builder("employees", RunMode.DRY_RUN)
                .ignoredColumn("Notes").attributeColumn("Hobby").attributeColumn("Desk").build();

        assertThat(ReportJson.toJson(report)).endsWith("""
                  "ignoredColumns": [ "Notes" ],
                  "attributeColumns": [ "Hobby", "Desk" ]
                }""");
        assertThat(ReportJson.toJson(ImportReport.builder("employees", RunMode.DRY_RUN).build()))
                .doesNotContain("attributeColumns", "ignoredColumns");
    }

    @Test
    void writesUtf8ToAStreamAndLeavesItOpen() {
        ImportReport report = ImportReport.builder("x", RunMode.COMMIT)
                .fileError(Problem.of(ProblemCode.UNREADABLE_FILE, "Müller is not valid"))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ReportJson.write(report, out);
        out.write('!');

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"outcome\": \"FAILED\"").contains("Müller is not valid").endsWith("}!");
    }
}
