package dev.intake.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two APIs' error bodies, for answers given outside their handlers (the firewall, the security
 * chain, the framework's own 404, 405, 413 and 415): the import runs API's
 * {@code {"status": 400, "errors": [{"code": 3001, "message": "..."}]}} with its headers, and the
 * Import API's {@code {"error": {"code": "...", "message": "..."}}}. Which one a request gets is
 * chosen from its path as the client wrote it, leniently (percent-decoded, path parameters and case
 * ignored), so that even a refused variant of an import runs path is answered in that API's words;
 * the choice decides only the wording, never access.
 */
public final class Envelopes {
    /** The {@code Server} header of the import runs API's answers, as the seed's. */
    public static final String ARENA_SERVER = "ArenaSolutions";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final int arenaBudget;

    /**
     * The envelopes of a host.
     *
     * @param clock the host's clock, for the budget's reset header
     * @param arenaBudget the full budget of a new session, shown on answers without one
     */
    public Envelopes(Clock clock, int arenaBudget) {
        this.clock = clock;
        this.arenaBudget = arenaBudget;
    }

    /**
     * Whether a request is one of the import runs API's, for the wording of its answer.
     *
     * @param request the request
     * @return true for a path under {@code /v1}, however written
     */
    public static boolean isArena(HttpServletRequest request) {
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String raw = original instanceof String uri ? uri : request.getRequestURI();
        if (raw == null) {
            return false;
        }
        String path = raw;
        for (int i = 0; i < 3 && path.indexOf('%') >= 0; i++) {
            try {
                path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        path = path.replace('\\', '/').replaceAll(";[^/]*", "").replaceAll("/+", "/").toLowerCase(Locale.ROOT);
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    /**
     * Answers with an error in the request's API's envelope.
     *
     * @param request the request
     * @param response its answer, not yet committed
     * @param status the HTTP status
     * @param arenaCode the import runs API's numeric code
     * @param cascadiaCode the Import API's code
     * @param message what is wrong, in the user's words
     * @throws IOException if the answer cannot be written
     */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, int arenaCode,
            String cascadiaCode, String message) throws IOException {
        if (isArena(request)) {
            arenaHeaders(response);
            write(response, status, arena(status, arenaCode, message));
        } else {
            write(response, status, cascadia(cascadiaCode, message));
        }
    }

    /**
     * Sets the headers every import runs answer carries when it has no session's budget to show: the
     * seed's {@code Server} and the full budget of a new session.
     *
     * @param response the answer
     */
    public void arenaHeaders(HttpServletResponse response) {
        response.setHeader("Server", ARENA_SERVER);
        if (response.getHeader("X-Arena-Requests-Remaining") == null) {
            budget(response, arenaBudget, clock.instant().plus(java.time.Duration.ofHours(1)));
        }
    }

    /**
     * Sets the budget headers.
     *
     * @param response the answer
     * @param remaining requests left
     * @param resetAt when the budget starts again
     */
    public static void budget(HttpServletResponse response, int remaining, java.time.Instant resetAt) {
        response.setHeader("X-Arena-Requests-Remaining", Integer.toString(remaining));
        response.setHeader("X-Arena-Next-Request-Limit-Reset", HTTP_DATE.format(resetAt));
    }

    /**
     * The import runs API's error body.
     *
     * @param status the status, repeated in the body
     * @param code the numeric code
     * @param message the message
     * @return the body
     */
    public static Map<String, Object> arena(int status, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("errors", List.of(error));
        return body;
    }

    /**
     * The Import API's error body.
     *
     * @param code the code
     * @param message the message
     * @return the body
     */
    public static Map<String, Object> cascadia(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return Map.of("error", error);
    }

    /**
     * Writes a JSON body with its length (never chunked).
     *
     * @param response the answer
     * @param status the status
     * @param body the body
     * @throws IOException if it cannot be written
     */
    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
