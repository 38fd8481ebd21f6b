package dev.intake.examples.ion;

/**
 * An existing part inventory record.
 *
 * @param id the id
 * @param partNumber the part
 */
public record Inventory(long id, String partNumber) {
}
