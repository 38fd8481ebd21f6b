package dev.intake.core.result;

/** The overall outcome of an import. */
public enum Outcome {
    /** No row and no file problem. */
    SUCCESS,
    /** Some rows failed or were skipped, others succeeded (a commit wrote them). */
    PARTIAL,
    /** Nothing was written: a file or request problem, every row failed, or an all-or-nothing commit. */
    FAILED
}
