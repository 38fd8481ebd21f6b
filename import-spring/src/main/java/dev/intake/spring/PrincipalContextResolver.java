package dev.intake.spring;

import dev.intake.core.ImportContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.util.ClassUtils;

/**
 * The default {@link ImportContextResolver}: the request's authenticated principal is the caller;
 * its roles are Spring Security's granted authorities when Spring Security authenticated it, else
 * none. A request without a principal has an empty context.
 */
public final class PrincipalContextResolver implements ImportContextResolver {
    private static final boolean SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.Authentication", PrincipalContextResolver.class.getClassLoader());

    @Override
    public ImportContext resolve(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return ImportContext.empty();
        }
        Set<String> roles = new TreeSet<>();
        if (SECURITY) {
            Authorities.of(principal, roles);
        }
        return ImportContext.builder().caller(principal.getName()).attribute(ROLES, Set.copyOf(roles)).build();
    }

    /** Kept apart so the class loads without Spring Security. */
    private static final class Authorities {
        static void of(Principal principal, Set<String> roles) {
            if (principal instanceof org.springframework.security.core.Authentication authentication) {
                authentication.getAuthorities().forEach(authority -> {
                    if (authority.getAuthority() != null) {
                        roles.add(authority.getAuthority());
                    }
                });
            }
        }
    }
}
