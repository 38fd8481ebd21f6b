package dev.intake.examples.cascadia;

import dev.intake.core.ImportContext;
import dev.intake.examples.web.Envelopes;
import dev.intake.examples.web.MemoryBudget;
import dev.intake.examples.web.Scratch;
import dev.intake.examples.web.SpooledBody;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.csv.CsvTemplate;
import dev.intake.spi.ImportInterruptedException;
import dev.intake.spi.RunOptions;
import dev.intake.xlsx.XlsxTemplate;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Import API over HTTP (SERVE.md, Cascadia half): {@code POST /api/import/{parts|documents|issues}},
 * the templates, and {@code GET /api/items/{itemId}} to read an item back. Request checks answer in
 * SERVE.md's order (401, 422, 404, 403, 400) and write nothing; rows commit one by one.
 */
@RestController
public class CascadiaApi {
    /** Largest body read: 500 rows of the longest issues fit with room to spare. */
    public static final int MAX_BODY = 16 * 1024 * 1024;
    /**
     * What a body may cost the heap while it is imported, per byte of it: its rows as text, the
     * report's rows and the parser's buffers. A body takes this share of {@link MemoryBudget} first.
     */
    static final int MEMORY_PER_BODY_BYTE = 4;
    private static final System.Logger LOG = System.getLogger(CascadiaApi.class.getName());
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CascadiaImports imports;
    private final Scratch scratch;
    private final MemoryBudget budget;

    /**
     * The API over the imports.
     *
     * @param imports the imports
     * @param scratch where large bodies wait on disk while they are imported
     * @param budget the memory that bodies being imported may hold at once
     */
    public CascadiaApi(CascadiaImports imports, Scratch scratch, MemoryBudget budget) {
        this.imports = imports;
        this.scratch = scratch;
        this.budget = budget;
    }

    /**
     * Imports the rows of a request.
     *
     * @param type {@code parts}, {@code documents} or {@code issues}
     * @param http the request, whose body is read here within {@link #MAX_BODY}: to disk when it is
     *     large, then imported once it has its share of the memory budget ({@code 503} with
     *     {@code Retry-After} when the budget has no room within its wait)
     * @return the result envelope, or an error envelope
     * @throws IOException if the body cannot be read
     * @throws SQLException if the caller cannot be looked up
     */
    @PostMapping("/api/import/{type}")
    public ResponseEntity<Object> importRows(@PathVariable("type") String type,
            HttpServletRequest http) throws IOException, SQLException {
        Optional<CascadiaKind> kind = CascadiaKind.named(type);
        if (kind.isEmpty()) {
            return error(404, "NOT_FOUND", "No import of " + shown(type) + "; use parts, documents or issues");
        }
        Optional<Caller> caller = CascadiaTokens.caller(http);
        if (caller.isEmpty()) {
            return unauthorized(http);
        }
        Optional<SpooledBody> spooled = SpooledBody.read(http, MAX_BODY, scratch.directory());
        if (spooled.isEmpty()) {
            return error(422, "VALIDATION_ERROR", "Request body must be at most " + MAX_BODY + " bytes");
        }
        try (SpooledBody body = spooled.get(); MemoryBudget.Share share = budget.take(body.size() * MEMORY_PER_BODY_BYTE)) {
            if (share == null) {
                return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER,
                        Long.toString(budget.retryAfter().toSeconds())).contentType(MediaType.APPLICATION_JSON)
                        .body(Envelopes.cascadia("SERVICE_UNAVAILABLE", "The server is importing as many large"
                                + " requests as its memory holds; send this one again in "
                                + budget.retryAfter().toSeconds() + " seconds"));
            }
            return imported(kind.get(), caller.get(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "SERVICE_UNAVAILABLE", "The server is stopping; send the request again");
        }
    }

    private ResponseEntity<Object> imported(CascadiaKind kind, Caller caller, SpooledBody body) {
        CascadiaBody parsed = CascadiaBody.read(kind, body::open, body.size());
        if (!parsed.problems().isEmpty()) {
            return error(422, "VALIDATION_ERROR", String.join("; ", parsed.problems()));
        }
        CascadiaRequest request = new CascadiaRequest(kind, caller, kind.inDesign() ? parsed.design()
                : Optional.empty(), kind.inDesign() ? parsed.branch() : Optional.empty(),
                kind.inDesign() ? Optional.empty() : parsed.program(), parsed.bypassBranchProtection(), parsed.bom());
        ImportReport report;
        try {
            report = imports.run(request, imports.rows(kind, body::open),
                    RunOptions.commit().keepRows(CascadiaBody.MAX_ROWS));
        } catch (ImportInterruptedException e) {
            LOG.log(System.Logger.Level.ERROR, "a " + kind.path() + " import stopped", e);
            return error(500, "INTERNAL_ERROR", "The import stopped unexpectedly; " + e.report().created().size()
                    + " items were created before it stopped");
        }
        if (!report.fileErrors().isEmpty()) {
            return refused(report.fileErrors());
        }
        return ResponseEntity.status(CascadiaResult.status(report)).contentType(MediaType.APPLICATION_JSON)
                .body(CascadiaResult.envelope(kind, report, request.bom(), imports.definition(kind)));
    }

    /** Answers the first request problem by SERVE.md's order; problems of the rows' document are 422. */
    private static ResponseEntity<Object> refused(List<Problem> problems) {
        for (ProblemCode code : List.of(ProblemCode.TARGET_NOT_FOUND, ProblemCode.NOT_AUTHORIZED,
                ProblemCode.BRANCH_REQUIRED)) {
            for (Problem problem : problems) {
                if (problem.code() == code) {
                    return switch (code) {
                        case TARGET_NOT_FOUND -> error(404, "NOT_FOUND", problem.message());
                        case NOT_AUTHORIZED -> error(403, "FORBIDDEN", problem.message());
                        default -> error(400, "BRANCH_REQUIRED", problem.message());
                    };
                }
            }
        }
        return error(422, "VALIDATION_ERROR", String.join("; ", problems.stream().map(Problem::message).toList()));
    }

    /**
     * A template: labels in row 1, an example row in row 2.
     *
     * @param type {@code parts}, {@code documents} or {@code issues}
     * @param format {@code csv} (the default) or {@code xlsx}
     * @return the file, as an attachment
     */
    @GetMapping("/api/import/templates/{type}")
    public ResponseEntity<Object> template(@PathVariable("type") String type,
            @RequestParam(value = "format", defaultValue = "csv") String format) {
        Optional<CascadiaKind> kind = CascadiaKind.named(type);
        if (kind.isEmpty()) {
            return error(404, "NOT_FOUND", "No template for " + shown(type) + "; use parts, documents or issues");
        }
        String extension = format.toLowerCase(Locale.ROOT);
        if (!extension.equals("csv") && !extension.equals("xlsx")) {
            return error(422, "VALIDATION_ERROR", "format must be csv or xlsx, not " + shown(format));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (extension.equals("xlsx")) {
            XlsxTemplate.write(imports.definition(kind.get()), ImportContext.empty(), out);
        } else {
            try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                CsvTemplate.write(imports.definition(kind.get()), ImportContext.empty(), writer);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + kind.get().path()
                        + "-import-template." + extension)
                .contentType(extension.equals("xlsx") ? XLSX : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out.toByteArray());
    }

    /**
     * An item, as an import created it.
     *
     * @param itemId the item's id
     * @param http the request, authenticated by {@link CascadiaTokens}
     * @return the item, or an error envelope
     * @throws SQLException if the database fails
     */
    @GetMapping("/api/items/{itemId}")
    public ResponseEntity<Object> item(@PathVariable("itemId") String itemId,
            HttpServletRequest http) throws SQLException {
        Optional<Caller> caller = CascadiaTokens.caller(http);
        if (caller.isEmpty()) {
            return unauthorized(http);
        }
        UUID id;
        try {
            id = UUID.fromString(itemId);
        } catch (IllegalArgumentException e) {
            return error(404, "NOT_FOUND", "Item " + shown(itemId) + " not found");
        }
        Optional<Map<String, Object>> item = imports.store().item(id);
        if (item.isEmpty()) {
            return error(404, "NOT_FOUND", "Item " + id + " not found");
        }
        Object design = item.get().get("designId");
        if (design != null && !imports.store().hasAccess(caller.get().id(), UUID.fromString(design.toString()))) {
            return error(403, "FORBIDDEN", caller.get().email() + " has no access to design " + design);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(item.get());
    }

    /**
     * A failure nobody planned for: logged whole, answered without its details.
     *
     * @param e the failure
     * @return a 500 error envelope
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> failed(Exception e) {
        LOG.log(System.Logger.Level.ERROR, "an Import API request failed", e);
        return error(500, "INTERNAL_ERROR", "The request could not be completed; nothing more was written");
    }

    private static ResponseEntity<Object> unauthorized(HttpServletRequest http) {
        return error(401, "UNAUTHORIZED", CascadiaTokens.refusal(http));
    }

    private static ResponseEntity<Object> error(int status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Envelopes.cascadia(code, message));
    }

    private static String shown(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
