package dev.intake.core.result;

/** Whether an import only checks ({@link #DRY_RUN}) or also writes ({@link #COMMIT}). */
public enum RunMode {
    /** Every check a commit performs; nothing is written anywhere. */
    DRY_RUN,
    /** Accepted rows are written through the host's repositories. */
    COMMIT
}
