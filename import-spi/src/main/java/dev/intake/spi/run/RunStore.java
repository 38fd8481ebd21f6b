package dev.intake.spi.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a host keeps its import runs. Every change is a transition that the store makes atomically,
 * so that several workers (on several machines, sharing the store's database) agree on each run:
 * only one starts it, a cancelled run never starts, an ended run never changes but to expire.
 * {@code InMemoryRunStore} is the reference; {@code RunStoreContract} in the test kit checks an
 * adapter.
 */
public interface RunStore {

    /**
     * Stores a new run: status {@link RunStatus#CREATED}, a new id, and the next number among the
     * runs of its definition (distinct even when runs are created at once).
     *
     * @param run the submitted run
     * @param now when it is submitted
     * @return the run as stored
     * @throws Exception if the store fails
     */
    Run create(NewRun run, Instant now) throws Exception;

    /**
     * A run.
     *
     * @param id its id
     * @return the run, if there is one
     * @throws Exception if the store fails
     */
    Optional<Run> find(String id) throws Exception;

    /**
     * The runs of a definition, newest first.
     *
     * @param definition the definition's id
     * @return its runs
     * @throws Exception if the store fails
     */
    List<Run> list(String definition) throws Exception;

    /**
     * Starts a run: {@code CREATED} becomes {@code RUNNING}; a run already {@code RUNNING} (taken up
     * again after its worker died) stays so and is given back too.
     *
     * @param id the run's id
     * @param now when it starts
     * @return the run as started, or empty when it may not run (cancelled, ended, unknown)
     * @throws Exception if the store fails
     */
    Optional<Run> start(String id, Instant now) throws Exception;

    /**
     * Records a running run's counts so far.
     *
     * @param id the run's id
     * @param total rows read
     * @param success rows that passed
     * @param error rows that failed
     * @throws Exception if the store fails
     */
    void progress(String id, long total, long success, long error) throws Exception;

    /**
     * Ends a running run.
     *
     * @param id the run's id
     * @param status {@code COMPLETE} or {@code ERROR}
     * @param total rows read
     * @param success rows that passed
     * @param error rows that failed
     * @param results its results file's id, or null when it has none (its results could not be saved)
     * @param now when it ended
     * @return the run as ended
     * @throws IllegalStateException if the run is not running, or the status does not end a run
     * @throws Exception if the store fails
     */
    Run finish(String id, RunStatus status, long total, long success, long error, String results, Instant now)
            throws Exception;

    /**
     * Cancels a run that has not started.
     *
     * @param id the run's id
     * @param now when
     * @return true when the run was {@code CREATED} and is now {@code CANCELLED}
     * @throws Exception if the store fails
     */
    boolean cancel(String id, Instant now) throws Exception;

    /**
     * The runs that ended before a moment and still have results.
     *
     * @param cutoff the moment
     * @return those runs
     * @throws Exception if the store fails
     */
    List<Run> endedBefore(Instant cutoff) throws Exception;

    /**
     * Marks an ended run's results as deleted: status {@code EXPIRED}.
     *
     * @param id the run's id
     * @param now when
     * @throws Exception if the store fails
     */
    void expire(String id, Instant now) throws Exception;

    /**
     * The runs not ended: {@code CREATED} or {@code RUNNING}, oldest first, for a host that takes
     * up again what was queued or running when it stopped.
     *
     * @return those runs
     * @throws Exception if the store fails
     */
    List<Run> unfinished() throws Exception;
}
