package dev.intake.spi.memory;

import dev.intake.spi.run.NewRun;
import dev.intake.spi.run.Run;
import dev.intake.spi.run.RunIds;
import dev.intake.spi.run.RunStatus;
import dev.intake.spi.run.RunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link RunStore} in memory: the reference implementation of the contract. Thread-safe. */
public final class InMemoryRunStore implements RunStore {
    private final Map<String, Run> runs = new LinkedHashMap<>();

    @Override
    public synchronized Run create(NewRun run, Instant now) {
        long number = 1 + runs.values().stream().filter(r -> r.definition().equals(run.definition()))
                .mapToLong(Run::number).max().orElse(0);
        Run created = new Run(RunIds.next(), run.definition(), number, run.creator(), run.commit(), run.file(),
                run.fileName(), run.fileType(), run.worksheet(), RunStatus.CREATED, now, Optional.empty(),
                Optional.empty(), 0, 0, 0, Optional.empty(), Optional.empty());
        runs.put(created.id(), created);
        return created;
    }

    @Override
    public synchronized Optional<Run> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized List<Run> list(String definition) {
        List<Run> list = new ArrayList<>();
        for (Run run : runs.values()) {
            if (run.definition().equals(definition)) {
                list.add(run);
            }
        }
        list.sort(Comparator.comparingLong(Run::number).reversed());
        return list;
    }

    @Override
    public synchronized Optional<Run> start(String id, Instant now) {
        Run run = runs.get(id);
        if (run == null || (run.status() != RunStatus.CREATED && run.status() != RunStatus.RUNNING)) {
            return Optional.empty();
        }
        Run started = new Run(run.id(), run.definition(), run.number(), run.creator(), run.commit(), run.file(),
                run.fileName(), run.fileType(), run.worksheet(), RunStatus.RUNNING, run.createdAt(),
                run.startedAt().isPresent() ? run.startedAt() : Optional.of(now), Optional.empty(), 0, 0, 0,
                Optional.empty(), Optional.empty(), run.attempts() + 1);
        runs.put(id, started);
        return Optional.of(started);
    }

    @Override
    public synchronized void progress(String id, long total, long success, long error) {
        Run run = runs.get(id);
        if (run != null && run.status() == RunStatus.RUNNING) {
            runs.put(id, with(run, run.status(), run.startedAt(), run.endedAt(), total, success, error, run.results(),
                    run.resultsExpiredAt()));
        }
    }

    @Override
    public synchronized Run finish(String id, RunStatus status, long total, long success, long error, String results,
            Instant now) {
        Run run = runs.get(id);
        if (status != RunStatus.COMPLETE && status != RunStatus.ERROR) {
            throw new IllegalStateException("a run ends COMPLETE or ERROR, not " + status);
        }
        if (run == null || run.status() != RunStatus.RUNNING) {
            throw new IllegalStateException("run " + id + " is not running");
        }
        Run ended = with(run, status, run.startedAt(), Optional.of(now), total, success, error,
                Optional.ofNullable(results), Optional.empty());
        runs.put(id, ended);
        return ended;
    }

    @Override
    public synchronized boolean cancel(String id, Instant now) {
        Run run = runs.get(id);
        if (run == null || run.status() != RunStatus.CREATED) {
            return false;
        }
        runs.put(id, with(run, RunStatus.CANCELLED, run.startedAt(), Optional.of(now), 0, 0, 0, Optional.empty(),
                Optional.empty()));
        return true;
    }

    @Override
    public synchronized List<Run> endedBefore(Instant cutoff) {
        List<Run> ended = new ArrayList<>();
        for (Run run : runs.values()) {
            if ((run.status() == RunStatus.COMPLETE || run.status() == RunStatus.ERROR) && run.endedAt().isPresent()
                    && run.endedAt().get().isBefore(cutoff)) {
                ended.add(run);
            }
        }
        return ended;
    }

    @Override
    public synchronized void expire(String id, Instant now) {
        Run run = runs.get(id);
        if (run != null && (run.status() == RunStatus.COMPLETE || run.status() == RunStatus.ERROR)) {
            runs.put(id, with(run, RunStatus.EXPIRED, run.startedAt(), run.endedAt(), run.totalCount(),
                    run.successCount(), run.errorCount(), Optional.empty(), Optional.of(now)));
        }
    }

    @Override
    public synchronized List<Run> unfinished() {
        List<Run> unfinished = new ArrayList<>();
        for (Run run : runs.values()) {
            if (run.status() == RunStatus.CREATED || run.status() == RunStatus.RUNNING) {
                unfinished.add(run);
            }
        }
        unfinished.sort(Comparator.comparing(Run::createdAt));
        return unfinished;
    }

    private static Run with(Run run, RunStatus status, Optional<Instant> startedAt, Optional<Instant> endedAt,
            long total, long success, long error, Optional<String> results, Optional<Instant> resultsExpiredAt) {
        return new Run(run.id(), run.definition(), run.number(), run.creator(), run.commit(), run.file(), run.fileName(),
                run.fileType(), run.worksheet(), status, run.createdAt(), startedAt, endedAt, total, success, error,
                results, resultsExpiredAt, run.attempts());
    }
}
