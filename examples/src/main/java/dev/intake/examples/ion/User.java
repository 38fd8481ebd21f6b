package dev.intake.examples.ion;

/**
 * A user a run can be assigned to.
 *
 * @param email the email
 * @param name the name
 * @param active whether the user may be assigned
 */
public record User(String email, String name, boolean active) {
}
