package dev.intake.examples.ion;

import java.util.List;

/**
 * A part and its revisions.
 *
 * @param partNumber the part number
 * @param revisions the revisions, in the order configured
 */
public record Part(String partNumber, List<String> revisions) {
    /** Copies the revisions. */
    public Part {
        revisions = List.copyOf(revisions);
    }
}
