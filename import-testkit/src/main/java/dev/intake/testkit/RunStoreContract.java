package dev.intake.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.spi.run.NewRun;
import dev.intake.spi.run.Run;
import dev.intake.spi.run.RunStatus;
import dev.intake.spi.run.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunStore} must do, for an adapter author to extend: runs numbered per
 * definition (distinct when created at once), listed newest first, started once, counted while
 * running, ended, cancelled only before they start, expired after they end, and found again when
 * unfinished.
 *
 * <pre>{@code
 * class JdbcRunStoreTest extends RunStoreContract {
 *     protected RunStore newStore() throws Exception { return new JdbcRunStore(... a new, empty schema ...); }
 * }
 * }</pre>
 */
public abstract class RunStoreContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** For subclasses. */
    protected RunStoreContract() {
    }

    /**
     * A store on a new, empty schema.
     *
     * @return the store under test
     * @throws Exception if it cannot be made
     */
    protected abstract RunStore newStore() throws Exception;

    private static NewRun draft(String definition) {
        return new NewRun(definition, "creator@example.com", true, "FILE" + UUID.randomUUID().toString().substring(0, 8),
                "parts.csv", "CSV", Optional.empty());
    }

    @Test
    void runsAreNumberedPerDefinitionAndListedNewestFirst() throws Exception {
        RunStore store = newStore();
        Run first = store.create(draft("DEF-A"), T0);
        Run other = store.create(draft("DEF-B"), T0);
        Run second = store.create(new NewRun("DEF-A", "someone@example.com", false, "F2", "parts.xlsx",
                "EXCEL_WORKSHEET", Optional.of("BOM")), T0.plusSeconds(1));

        assertThat(first.number()).isEqualTo(1);
        assertThat(other.number()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.status()).isEqualTo(RunStatus.CREATED);
        assertThat(store.list("DEF-A")).extracting(Run::id).containsExactly(second.id(), first.id());
        Run found = store.find(second.id()).orElseThrow();
        assertThat(found).isEqualTo(second);
        assertThat(found.worksheet()).contains("BOM");
        assertThat(found.commit()).isFalse();
        assertThat(found.createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.find("NOSUCHRUN")).isEmpty();
    }

    @Test
    void runsCreatedAtOnceGetDistinctNumbers() throws Exception {
        RunStore store = newStore();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Run> create = () -> store.create(draft("DEF-C"), T0);
                futures.add(pool.submit(create));
            }
            Set<Long> numbers = new HashSet<>();
            for (Future<Run> future : futures) {
                numbers.add(future.get().number());
            }
            assertThat(numbers).hasSize(20).contains(1L, 20L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRunStartsRunsAndEnds() throws Exception {
        RunStore store = newStore();
        Run run = store.create(draft("DEF-D"), T0);

        Run started = store.start(run.id(), T0.plusSeconds(5)).orElseThrow();
        assertThat(started.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(started.startedAt()).contains(T0.plusSeconds(5));
        store.progress(run.id(), 500, 490, 10);
        assertThat(store.find(run.id()).orElseThrow().totalCount()).isEqualTo(500);
        assertThat(store.find(run.id()).orElseThrow().errorCount()).isEqualTo(10);
        // taken up again after its worker died: still running, given back
        assertThat(store.start(run.id(), T0.plusSeconds(60))).isPresent();
        assertThat(store.unfinished()).extracting(Run::id).containsExactly(run.id());

        Run ended = store.finish(run.id(), RunStatus.ERROR, 1000, 999, 1, "RESULTS", T0.plusSeconds(90));
        assertThat(ended.status()).isEqualTo(RunStatus.ERROR);
        assertThat(ended.endedAt()).contains(T0.plusSeconds(90));
        assertThat(ended.results()).contains("RESULTS");
        assertThat(store.find(run.id()).orElseThrow()).isEqualTo(ended);
        assertThat(List.of(ended.totalCount(), ended.successCount(), ended.errorCount())).containsExactly(1000L, 999L, 1L);
        assertThat(store.start(run.id(), T0.plusSeconds(100))).isEmpty();
        assertThat(store.cancel(run.id(), T0.plusSeconds(100))).isFalse();
        assertThat(store.unfinished()).isEmpty();
        assertThatThrownBy(() -> store.finish(run.id(), RunStatus.COMPLETE, 1, 1, 0, "R", T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyARunNotStartedIsCancelledAndACancelledRunNeverStarts() throws Exception {
        RunStore store = newStore();
        Run waiting = store.create(draft("DEF-E"), T0);
        Run running = store.create(draft("DEF-E"), T0);
        store.start(running.id(), T0);

        assertThat(store.cancel(waiting.id(), T0.plusSeconds(1))).isTrue();
        assertThat(store.find(waiting.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(store.start(waiting.id(), T0.plusSeconds(2))).isEmpty();
        assertThat(store.cancel(running.id(), T0.plusSeconds(1))).isFalse();
        assertThat(store.find(running.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store.cancel("NOSUCHRUN", T0)).isFalse();
    }

    @Test
    void runsEndedBeforeACutoffExpire() throws Exception {
        RunStore store = newStore();
        Run old = store.create(draft("DEF-F"), T0);
        Run recent = store.create(draft("DEF-F"), T0);
        Run waiting = store.create(draft("DEF-F"), T0);
        store.start(old.id(), T0);
        store.finish(old.id(), RunStatus.COMPLETE, 1, 1, 0, "OLD", T0);
        store.start(recent.id(), T0);
        store.finish(recent.id(), RunStatus.ERROR, 1, 0, 1, "RECENT", T0.plus(Duration.ofDays(2)));

        Instant cutoff = T0.plus(Duration.ofDays(1));
        assertThat(store.endedBefore(cutoff)).extracting(Run::id).containsExactly(old.id());
        store.expire(old.id(), cutoff);
        Run expired = store.find(old.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo(RunStatus.EXPIRED);
        assertThat(expired.results()).isEmpty();
        assertThat(expired.resultsExpiredAt()).contains(cutoff);
        assertThat(expired.totalCount()).isEqualTo(1);
        assertThat(store.endedBefore(cutoff)).isEmpty();
        assertThat(store.find(waiting.id()).orElseThrow().status()).isEqualTo(RunStatus.CREATED);
    }
}
