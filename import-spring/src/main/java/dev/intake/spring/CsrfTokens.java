package dev.intake.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.ClassUtils;

/**
 * The CSRF token Spring Security put on a request, for a page that sends it back: loaded only when
 * Spring Security's web module is on the class path.
 */
final class CsrfTokens {
    private static final boolean PRESENT = ClassUtils.isPresent("org.springframework.security.web.csrf.CsrfToken",
            CsrfTokens.class.getClassLoader());

    /** The header to send and its value. */
    record Token(String header, String value) {
    }

    private CsrfTokens() {
    }

    /** @return the request's token, if the application's security gives one */
    static Optional<Token> of(HttpServletRequest request) {
        return PRESENT ? Security.of(request) : Optional.empty();
    }

    /** Touches Spring Security's classes only when they are there. */
    private static final class Security {
        static Optional<Token> of(HttpServletRequest request) {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                // reading the value renders a deferred token: the session then keeps it for the next request
                return Optional.of(new Token(token.getHeaderName(), token.getToken()));
            }
            return Optional.empty();
        }
    }
}
