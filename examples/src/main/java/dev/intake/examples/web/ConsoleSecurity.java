package dev.intake.examples.web;

import dev.intake.examples.arena.ArenaStore;
import dev.intake.examples.cascadia.CascadiaImports;
import dev.intake.examples.cascadia.CascadiaTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The import console's edge in {@code serve}: the starter's page at {@code /intake/} and its calls
 * under {@code /intake/api}, behind a sign-in (Spring Security's form login) for the import runs
 * example's users (their email and password). A browser's session carries the sign-in, so every
 * call that changes something needs the CSRF token the page sends; the Import API's callers keep
 * using {@code /intake/api} with their bearer tokens (no cookie, so no CSRF token), as before.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurity {
    /** The authority of a user signed in to the console. */
    public static final String IMPORTER = "ROLE_IMPORTER";

    /**
     * The console's chain, before the APIs' chain: it answers {@code /intake/**}, {@code /login} and
     * {@code /logout}.
     *
     * @param http Spring Security's builder
     * @param arena where the users are
     * @param cascadia the Import API's imports, for its bearer tokens
     * @param clock the host's clock, for the sign-in lock
     * @param envelopes the error bodies
     * @return the chain
     * @throws Exception if Spring Security cannot build it
     */
    @Bean
    @Order(1)
    public SecurityFilterChain console(HttpSecurity http, ArenaStore arena, CascadiaImports cascadia, Clock clock,
            Envelopes envelopes) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http
                .securityMatcher(new org.springframework.security.web.util.matcher.OrRequestMatcher(
                        paths.matcher("/intake"), paths.matcher("/intake/**"), paths.matcher("/login"),
                        paths.matcher("/logout")))
                .authenticationProvider(new ArenaUsers(arena, clock))
                .formLogin(login -> login.loginPage("/login").usernameParameter("email").passwordParameter("password")
                        .defaultSuccessUrl("/intake/", false).failureUrl("/login?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out").permitAll())
                .httpBasic(basic -> basic.disable())
                // a bearer token is sent by a program, never by a browser on its own: no CSRF to fear there
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> bearer(request)))
                .addFilterBefore(new CascadiaTokens(cascadia.store()), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher("/intake/api/**"))
                        .hasAnyAuthority(CascadiaTokens.AUTHORITY, IMPORTER)
                        .anyRequest().hasAuthority(IMPORTER))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor((request, response, e) -> envelopes.write(request, response,
                                401, 1000, "UNAUTHORIZED", CascadiaTokens.refusal(request)),
                                paths.matcher("/intake/api/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true)
                        .accessDeniedHandler((request, response, e) -> envelopes.write(request, response, 403, 1003,
                                "FORBIDDEN", "This request is not allowed")))
                .build();
    }

    private static boolean bearer(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The import runs example's users, by email and password, locked after repeated failures. */
    static final class ArenaUsers implements AuthenticationProvider {
        private final ArenaStore arena;
        private final Clock clock;

        ArenaUsers(ArenaStore arena, Clock clock) {
            this.arena = arena;
            this.clock = clock;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String email = String.valueOf(authentication.getName()).strip();
            String password = String.valueOf(authentication.getCredentials());
            try {
                if (email.isEmpty() || email.length() > 254 || password.length() > 1000) {
                    throw new BadCredentialsException("the email or password is wrong");
                }
                if (arena.loginLockedUntil(email, clock.instant()).isPresent()) {
                    throw new LockedException("too many failed sign-ins; try again later");
                }
                Optional<ArenaStore.User> user = arena.login(email, password);
                if (user.isEmpty()) {
                    arena.loginFailed(email, clock.instant());
                    throw new BadCredentialsException("the email or password is wrong");
                }
                return UsernamePasswordAuthenticationToken.authenticated(user.get().email(), null,
                        List.of(new SimpleGrantedAuthority(IMPORTER)));
            } catch (SQLException e) {
                throw new AuthenticationServiceException("the sign-in could not be checked", e);
            }
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    /** The sign-in page: an email, a password, and why the last try failed. */
    @Controller
    public static class SignIn {
        /**
         * The page.
         *
         * @param request the request, for the CSRF token and the outcome of the last try
         * @return the page
         * @throws IOException never
         */
        @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
        @ResponseBody
        public byte[] page(HttpServletRequest request) throws IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            String message = request.getParameter("error") != null ? "The email or password is wrong, or the account"
                    + " is locked after too many tries. Try again."
                    : request.getParameter("signed-out") != null ? "You are signed out." : null;
            String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Sign in</title>"
                    + "<style>body{font-family:system-ui,\"DejaVu Sans\",sans-serif;background:#f4f6f9;color:#1b1f24}"
                    + "main{max-width:26rem;margin:4rem auto;background:#fff;border:1px solid #c9d0d9;border-radius:8px;"
                    + "padding:1.5rem}label{display:block;font-weight:600;margin:1rem 0 .25rem}input{font:inherit;"
                    + "width:100%;padding:.45rem;border:1px solid #4a5360;border-radius:4px}button{font:inherit;"
                    + "margin-top:1.25rem;padding:.5rem 1.25rem;background:#0b57d0;color:#fff;border:0;border-radius:4px}"
                    + ".message{color:#a4161a;font-weight:600}</style></head><body><main><h1>Sign in</h1>"
                    + "<p>Sign in to import files.</p>"
                    + (message == null ? "" : "<p class=\"message\" role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>")
                    + "<form method=\"post\" action=\"login\">"
                    + "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\""
                    + " autocomplete=\"username\" required autofocus>"
                    + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\""
                    + " autocomplete=\"current-password\" required>"
                    + (token == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(token.getParameterName())
                            + "\" value=\"" + HtmlUtils.htmlEscape(token.getToken()) + "\">")
                    + "<button type=\"submit\">Sign in</button></form></main></body></html>";
            return html.getBytes(StandardCharsets.UTF_8);
        }
    }
}
