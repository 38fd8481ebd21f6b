package dev.intake.examples.ion;

/**
 * A procedure a run can be created from.
 *
 * @param id the id
 * @param title the title, not unique
 * @param version the version
 */
public record Procedure(long id, String title, int version) {
    @Override
    public String toString() {
        return "id " + id + ": " + title + " v" + version;
    }
}
