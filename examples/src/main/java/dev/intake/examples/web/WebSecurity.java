package dev.intake.examples.web;

import dev.intake.examples.arena.ArenaSessions;
import dev.intake.examples.arena.ArenaStore;
import dev.intake.examples.cascadia.CascadiaImports;
import dev.intake.examples.cascadia.CascadiaTokens;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The web edge of {@code serve}: Spring Security's filter chain in front of both APIs.
 *
 * <ul>
 * <li>Its firewall ({@link StrictHttpFirewall}, the default) refuses before any routing what a router
 *     or a servlet container could read two ways: path parameters ({@code ;}), encoded slashes,
 *     backslashes and dots, doubled slashes, {@code .} and {@code ..} segments, control
 *     characters; the answer is {@code 400} in the API's envelope.</li>
 * <li>Authentication ({@link ArenaSessions}, {@link CascadiaTokens}) and authorization match the
 *     path as the router resolves it ({@code /%761/imports} is {@code /v1/imports} to both), so no
 *     spelling of a path reaches a handler the rules close to it.</li>
 * <li>Deny by default: a path not listed here is refused ({@code 401}) whatever handler may exist
 *     for it later. The answers without a user are in the API's envelope.</li>
 * <li>No cookies, no server sessions, no CSRF token: both APIs take a credential in a header on every
 *     request, which a browser never sends on its own.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class WebSecurity {

    /**
     * The error bodies of both APIs.
     *
     * @param clock the host's clock
     * @param perHour the full budget of a new session
     * @return the envelopes
     */
    @Bean
    public Envelopes envelopes(Clock clock, @Value("${intake.arena.requests-per-hour:1000}") int perHour) {
        return new Envelopes(clock, perHour);
    }

    /**
     * Tomcat's own refusals in the APIs' envelopes.
     *
     * @param envelopes the error bodies
     * @return the customizer
     */
    @Bean
    public ContainerErrors containerErrors(Envelopes envelopes) {
        return new ContainerErrors(envelopes);
    }

    /**
     * The chain.
     *
     * @param http Spring Security's builder
     * @param arena the import runs example's data
     * @param cascadia the Import API's imports
     * @param clock the host's clock
     * @param perHour requests a user may make in an hour ({@code intake.arena.requests-per-hour})
     * @param idle how long an import runs session lives unused ({@code intake.arena.session-idle})
     * @param envelopes the error bodies
     * @return the chain
     * @throws Exception if Spring Security cannot build it
     */
    @Bean
    public SecurityFilterChain apis(HttpSecurity http, ArenaStore arena, CascadiaImports cascadia, Clock clock,
            @Value("${intake.arena.requests-per-hour:1000}") int perHour,
            @Value("${intake.arena.session-idle:PT90M}") Duration idle, Envelopes envelopes) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new CascadiaTokens(cascadia.store()), AuthorizationFilter.class)
                .addFilterBefore(new ArenaSessions(arena, clock, perHour, idle, envelopes), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/v1/login").permitAll()
                        .requestMatchers("/v1/**").hasAuthority(ArenaSessions.AUTHORITY)
                        .requestMatchers(HttpMethod.GET, "/api/import/templates/*").permitAll()
                        .requestMatchers("/api/import/*", "/api/items/*").hasAuthority(CascadiaTokens.AUTHORITY)
                        // the starter's endpoints (the employees importer), for the Import API's callers
                        .requestMatchers("/intake/api/**").hasAuthority(CascadiaTokens.AUTHORITY)
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> envelopes.write(request, response, 401, 1000,
                                "UNAUTHORIZED", Envelopes.isArena(request)
                                        ? (request.getHeader(ArenaSessions.SESSION_HEADER) == null
                                                ? ArenaSessions.NO_SESSION : ArenaSessions.ENDED_SESSION)
                                        : CascadiaTokens.refusal(request)))
                        .accessDeniedHandler((request, response, e) -> envelopes.write(request, response, 403, 1003,
                                "FORBIDDEN", "This request is not allowed")))
                .build();
    }

    /**
     * The firewall's refusals in the API's envelope ({@code 400}), instead of an empty body.
     *
     * @param envelopes the error bodies
     * @return the customizer
     */
    @Bean
    public WebSecurityCustomizer refusedInTheApisWords(Envelopes envelopes) {
        return web -> web.requestRejectedHandler((request, response, e) -> envelopes.write(request, response, 400,
                3001, "BAD_REQUEST", "The request's path or headers are not allowed: " + e.getMessage()));
    }
}
