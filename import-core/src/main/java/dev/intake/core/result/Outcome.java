package dev.intake.core.result;

/** The overall outcome of an import. */
public enum Outcome {
    /** No row and no file problem. */
    SUCCESS,
    /** Some rows failed, others succeeded. */
    PARTIAL,
    /** A file or request problem, every row failed, or an all-or-nothing commit wrote nothing. */
    FAILED
}
