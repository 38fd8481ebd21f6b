package dev.intake.spi.run;

/** Where an import run is in its life: the seed's six statuses. */
public enum RunStatus {
    /** Submitted and queued; not started. */
    CREATED,
    /** Being executed by a worker. */
    RUNNING,
    /** Done: every row passed (and, for a commit, was written). Its results can be downloaded. */
    COMPLETE,
    /** Done: a row or the file had a problem, nothing was written; the results say what. */
    ERROR,
    /** Cancelled before it started. */
    CANCELLED,
    /** Done long enough ago that its results were deleted. */
    EXPIRED;

    /** @return whether the run will not change any more (but for expiring) */
    public boolean isEnded() {
        return this == COMPLETE || this == ERROR || this == CANCELLED || this == EXPIRED;
    }
}
