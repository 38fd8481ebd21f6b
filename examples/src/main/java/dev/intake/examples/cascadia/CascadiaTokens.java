package dev.intake.examples.cascadia;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Import API's API tokens, inside Spring Security's filter chain: a request with
 * {@code Authorization: Bearer <token>} of a known user is authenticated as its {@link Caller}
 * (authority {@link #AUTHORITY}); any other is left unauthenticated, for the chain's authorization
 * rules to refuse where a caller is needed ({@code 401 UNAUTHORIZED}).
 */
public final class CascadiaTokens extends OncePerRequestFilter {
    /** The request attribute holding the {@link Caller}. */
    public static final String CALLER = "cascadia.caller";
    /** The authority of a request with a known token. */
    public static final String AUTHORITY = "CASCADIA_USER";

    private final CascadiaStore store;

    /**
     * The tokens of a store.
     *
     * @param store where users and their tokens' hashes are
     */
    public CascadiaTokens(CascadiaStore store) {
        this.store = store;
    }

    /**
     * The caller a request was authenticated as, if any.
     *
     * @param request the request
     * @return its caller
     */
    public static Optional<Caller> caller(HttpServletRequest request) {
        return request.getAttribute(CALLER) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    /**
     * Why a request has no caller, in the API's words.
     *
     * @param request the request
     * @return the message of its 401
     */
    public static String refusal(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? "Authentication required: send Authorization: Bearer <api token>"
                : "The API token is not valid";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            Optional<Caller> caller;
            try {
                caller = token.isEmpty() || token.length() > 200 ? Optional.empty() : store.callerByToken(token);
            } catch (SQLException e) {
                throw new ServletException("the API token could not be checked", e);
            }
            if (caller.isPresent()) {
                request.setAttribute(CALLER, caller.get());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.get(), null,
                        List.of(new SimpleGrantedAuthority(AUTHORITY))));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
