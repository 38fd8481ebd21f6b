package dev.intake.spring;

import dev.intake.core.ImportContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who imports: the {@link ImportContext} of a request to Intake's endpoints, which request checks and
 * repositories see. The default names the request's authenticated principal as the caller and gives
 * its roles (Spring Security's authorities) as the attribute {@value #ROLES}; a host declares its
 * own bean to add what its checks need (a tenant, a team).
 */
@FunctionalInterface
public interface ImportContextResolver {
    /** The attribute holding the caller's roles, a {@code Set<String>}. */
    String ROLES = "roles";

    /**
     * The context of a request.
     *
     * @param request the request, authenticated by the application's security as it configured
     * @return its context, never null
     */
    ImportContext resolve(HttpServletRequest request);
}
