package dev.intake.examples.cascadia;

import java.util.Objects;
import java.util.UUID;

/**
 * The user an Import API request is made for, as the API token (or the command line's
 * {@code --as}) identifies them.
 *
 * @param id the user's id
 * @param email the user's email
 * @param role the user's role, e.g. {@code Administrator} or {@code Editor}
 */
public record Caller(UUID id, String email, String role) {
    /** The role that may bypass branch protection. */
    public static final String ADMINISTRATOR = "Administrator";

    /**
     * Validates the components. /
     *
     * @param id the user's id
     * @param email the user's email
     * @param role the user's role
     */
    public Caller {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(email, "email must not be null");
        Objects.requireNonNull(role, "role must not be null");
    }

    /** @return whether the caller is an administrator */
    public boolean isAdministrator() {
        return ADMINISTRATOR.equals(role);
    }
}
