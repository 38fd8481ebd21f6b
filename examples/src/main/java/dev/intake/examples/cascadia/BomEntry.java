package dev.intake.examples.cascadia;

/**
 * One entry of a parts request's {@code bomRelationships}, as given: its values stay text until the
 * BOM phase reads them, so that a bad quantity fails the relationship, never the request.
 *
 * @param index the entry's 0-based position
 * @param parentItemNumber the parent's item number, or null when not given
 * @param childItemNumber the child's item number, or null when not given
 * @param quantity the quantity as given, or null for the default of 1
 * @param findNumber the find number as given, or null
 * @param referenceDesignator the reference designators, or null
 * @param problem what made the entry unreadable (a nested value, a field given twice), or null
 */
public record BomEntry(int index, String parentItemNumber, String childItemNumber, String quantity, String findNumber,
        String referenceDesignator, String problem) {
}
