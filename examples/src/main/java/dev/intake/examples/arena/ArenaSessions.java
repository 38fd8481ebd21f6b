package dev.intake.examples.arena;

import dev.intake.examples.web.Envelopes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Sessions and the request budget of the import runs API, inside Spring Security's filter chain
 * (so after its firewall, and matched on the path as the router resolves it): a request with the
 * header {@code arena_session_id} of a live session is authenticated as its user (authority
 * {@link #AUTHORITY}) and counts against the user's budget ({@code 429}, code 1020, once it is
 * spent); one with a header naming no live session is refused ({@code 401}, code 1000). Every
 * answer under {@code /v1} carries {@code X-Arena-Requests-Remaining} and
 * {@code X-Arena-Next-Request-Limit-Reset} (the full budget of a new session where there is none)
 * and the seed's {@code Server} header. Which requests need a user is the chain's authorization
 * rules' business, not this filter's: a request it lets through unauthenticated is refused there.
 */
public final class ArenaSessions extends OncePerRequestFilter {
    /** The request attribute holding the session's {@link ArenaStore.User}. */
    public static final String USER = "arena.user";
    /** The header naming the session. */
    public static final String SESSION_HEADER = "arena_session_id";
    /** The refusal of a request without the session header. */
    public static final String NO_SESSION = "The header arena_session_id is required: log in with POST /v1/login";
    /** The refusal of a request whose session is unknown or has ended. */
    public static final String ENDED_SESSION = "The session is not valid or has ended: log in again with POST /v1/login";
    /** The authority of a request with a live session. */
    public static final String AUTHORITY = "ARENA_USER";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/v1/**");
    private static final RequestMatcher RESULTS =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/v1/imports/*/runs/*/results");
    private static final RequestMatcher LOGIN = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/v1/login");

    private final ArenaStore store;
    private final Clock clock;
    private final int perHour;
    private final Duration idle;
    private final Envelopes envelopes;

    /**
     * The sessions of a store.
     *
     * @param store where sessions are
     * @param clock the host's clock
     * @param perHour requests a user may make in an hour
     * @param idle how long a session lives unused
     * @param envelopes the error bodies
     */
    public ArenaSessions(ArenaStore store, Clock clock, int perHour, Duration idle, Envelopes envelopes) {
        this.store = store;
        this.clock = clock;
        this.perHour = perHour;
        this.idle = idle;
        this.envelopes = envelopes;
    }

    /**
     * The user a request was authenticated as, if any.
     *
     * @param request the request
     * @return its user
     */
    public static Optional<ArenaStore.User> user(HttpServletRequest request) {
        return request.getAttribute(USER) instanceof ArenaStore.User user ? Optional.of(user) : Optional.empty();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !API.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the seed's answers carry Content-Length: JSON is held until complete (results files set theirs)
        if (RESULTS.matches(request)) {
            authenticate(request, response, chain);
            return;
        }
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        try {
            authenticate(request, whole, chain);
        } finally {
            whole.copyBodyToResponse();
        }
    }

    private void authenticate(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        envelopes.arenaHeaders(response);
        String session = request.getHeader(SESSION_HEADER);
        if (LOGIN.matches(request) || session == null) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = clock.instant();
        Optional<ArenaStore.Budget> budget;
        try {
            budget = session.isBlank() || session.length() > 100 ? Optional.empty()
                    : store.spend(session.strip(), now, perHour, idle);
        } catch (SQLException e) {
            throw new ServletException("the session could not be read", e);
        }
        if (budget.isEmpty()) {
            Envelopes.write(response, 401, Envelopes.arena(401, 1000, ENDED_SESSION));
            return;
        }
        Envelopes.budget(response, budget.get().remaining(), budget.get().resetAt());
        if (!budget.get().allowed()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1,
                    Duration.between(now, budget.get().resetAt()).toSeconds())));
            Envelopes.write(response, 429, Envelopes.arena(429, 1020, "The " + perHour + " requests an hour of "
                    + budget.get().user().email() + " are spent; the budget resets at "
                    + HTTP_DATE.format(budget.get().resetAt())));
            return;
        }
        request.setAttribute(USER, budget.get().user());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(budget.get().user(), null,
                List.of(new SimpleGrantedAuthority(AUTHORITY))));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
