package dev.intake.examples.arena;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions and the request budget of the import runs API, before any of its handlers: every call
 * but login needs the header {@code arena_session_id} of a session ({@code 401}, code 1000,
 * otherwise); each call counts against the session's budget ({@code 429}, code 1020, once it is
 * spent); every answer carries {@code X-Arena-Requests-Remaining} and
 * {@code X-Arena-Next-Request-Limit-Reset}, the full budget of a new session where there is none.
 */
public final class ArenaSessions extends OncePerRequestFilter {
    /** The request attribute holding the session's {@link ArenaStore.User}. */
    public static final String USER = "arena.user";
    /** The header naming the session. */
    public static final String SESSION_HEADER = "arena_session_id";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArenaStore store;
    private final Clock clock;
    private final int perHour;

    /**
     * The sessions of a store.
     *
     * @param store where sessions are
     * @param clock the host's clock
     * @param perHour requests a session may make in an hour
     */
    public ArenaSessions(ArenaStore store, Clock clock, int perHour) {
        this.store = store;
        this.clock = clock;
        this.perHour = perHour;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant now = clock.instant();
        if (request.getRequestURI().equals("/v1/login")) {
            budget(response, perHour, now.plus(ArenaStore.BUDGET_WINDOW));
            chain.doFilter(request, response);
            return;
        }
        String session = request.getHeader(SESSION_HEADER);
        Optional<ArenaStore.Budget> budget;
        try {
            budget = session == null || session.isBlank() || session.length() > 100 ? Optional.empty()
                    : store.spend(session.strip(), now, perHour);
        } catch (SQLException e) {
            throw new ServletException("the session could not be read", e);
        }
        if (budget.isEmpty()) {
            budget(response, perHour, now.plus(ArenaStore.BUDGET_WINDOW));
            refuse(response, 401, 1000, session == null ? "The header arena_session_id is required: log in with"
                    + " POST /v1/login" : "The session is not valid: log in again with POST /v1/login");
            return;
        }
        budget(response, budget.get().remaining(), budget.get().resetAt());
        if (!budget.get().allowed()) {
            refuse(response, 429, 1020, "The session's " + perHour + " requests an hour are spent; the budget resets"
                    + " at " + HTTP_DATE.format(budget.get().resetAt()));
            return;
        }
        request.setAttribute(USER, budget.get().user());
        chain.doFilter(request, response);
    }

    private static void budget(HttpServletResponse response, int remaining, Instant resetAt) {
        response.setHeader("X-Arena-Requests-Remaining", Integer.toString(remaining));
        response.setHeader("X-Arena-Next-Request-Limit-Reset", HTTP_DATE.format(resetAt));
    }

    private static void refuse(HttpServletResponse response, int status, int code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", status);
        body.put("errors", List.of(error));
        JSON.writeValue(response.getOutputStream(), body);
    }
}
