package dev.intake.examples.cascadia;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.RelationshipFailure;
import dev.intake.core.result.WrittenRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An import's report as the Import API answers it: the seed's envelope, with each failed row's
 * messages worded as the seed words them ({@code Name is required}, {@code Duplicate item number})
 * beside Intake's problems, and the status the seed gives.
 */
public final class CascadiaResult {
    private CascadiaResult() {
    }

    /**
     * The response's status: 201 when every row and relationship succeeded, 207 when some failed and
     * a row was created, 400 when every row failed.
     *
     * @param report the report
     * @return the HTTP status
     */
    public static int status(ImportReport report) {
        boolean allRows = report.errorCount() == 0;
        boolean allRelationships = report.relationships().failed() == 0;
        if (allRows && allRelationships && report.successCount() > 0) {
            return 201;
        }
        return report.successCount() > 0 ? 207 : 400;
    }

    /**
     * The response body: {@code {"data":{"result":{...}}}}.
     *
     * @param kind what was imported; parts carry the relationship fields
     * @param report the report
     * @param bom the request's BOM relationships, whose item numbers failures repeat
     * @param definition the definition, whose labels word the messages
     * @return the body, for a JSON writer
     */
    public static Map<String, Object> envelope(CascadiaKind kind, ImportReport report, List<BomEntry> bom,
            ImportDefinition definition) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("totalRows", report.totalRows());
        result.put("successCount", report.successCount());
        result.put("errorCount", report.errorCount());
        List<Map<String, Object>> created = new ArrayList<>();
        for (WrittenRow row : report.created()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("rowNumber", row.rowNumber());
            item.put("itemId", row.id().orElse(null));
            item.put("itemNumber", row.key().orElse(null));
            created.add(item);
        }
        result.put("createdItems", created);
        List<Map<String, Object>> failed = new ArrayList<>();
        for (FailedRow row : report.failedRows()) {
            List<String> errors = new ArrayList<>();
            List<Map<String, Object>> problems = new ArrayList<>();
            for (Problem problem : row.errors()) {
                String message = message(problem, definition);
                errors.add(message);
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("code", problem.code().name());
                shown.put("field", problem.column().orElse(null));
                shown.put("message", message);
                problems.add(shown);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("rowNumber", row.rowNumber());
            entry.put("errors", errors);
            entry.put("problems", problems);
            failed.add(entry);
        }
        result.put("failedRows", failed);
        if (kind == CascadiaKind.PARTS) {
            result.put("relationshipsCreated", report.relationships().created());
            result.put("relationshipsFailed", report.relationships().failed());
            List<Map<String, Object>> failures = new ArrayList<>();
            for (RelationshipFailure failure : report.relationships().failures()) {
                BomEntry entry = bom.get(failure.index());
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("index", failure.index());
                shown.put("parentItemNumber", entry.parentItemNumber());
                shown.put("childItemNumber", entry.childItemNumber());
                shown.put("error", String.join("; ", failure.errors().stream().map(Problem::message).toList()));
                failures.add(shown);
            }
            result.put("failedRelationships", failures);
        }
        return Map.of("data", Map.of("result", result));
    }

    /**
     * A problem's message as the seed words it: a repeated item number is {@code Duplicate item
     * number}; a message that opens with its field's key opens with the field's label instead
     * ({@code name is required} becomes {@code Name is required}).
     *
     * @param problem the problem
     * @param definition the definition
     * @return the message
     */
    public static String message(Problem problem, ImportDefinition definition) {
        if (problem.code() == ProblemCode.DUPLICATE_KEY && problem.column().filter("itemNumber"::equals).isPresent()) {
            return "Duplicate item number";
        }
        String message = problem.message();
        if (problem.column().isPresent()) {
            String key = problem.column().get();
            if (message.startsWith(key + " ")) {
                String label = definition.column(key).map(Column::label).orElse(key);
                return label + message.substring(key.length());
            }
        }
        return message;
    }
}
