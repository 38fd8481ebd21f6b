package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.IntakeException;
import dev.intake.core.Reference;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowMapper;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Rules;
import dev.intake.core.source.ListSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rows checked on several threads and read ahead on another: the same rows, in the same order, with
 * the same problems as on one thread.
 */
class ParallelChecksTest {
    record Part(String number, long procedure) {
    }

    private final Set<String> lookupThreads = ConcurrentHashMap.newKeySet();

    private final ImportDefinition parts = ImportDefinition.builder("parts")
            .column(Column.text("number").required().rule(Rules.maxLength(8)))
            .column(Column.integer("procedure_id").required())
            .column(Column.integer("quantity"))
            .key("number")
            .reference(Reference.builder("procedure", Long.class).batchForm("procedure_id", Long.class, (ids, context) -> {
                lookupThreads.add(Thread.currentThread().getName());
                return ids.stream().filter(id -> id % 10 != 0).collect(Collectors.groupingBy(id -> id));
            }))
            .build();

    /** The mapper fails for one number, which only rows rejected before mapping carry. */
    private final RowMapper<Part> mapper = row -> {
        String number = row.value("number", String.class).orElseThrow();
        if (number.equals("BOOM")) {
            throw new IllegalStateException("the mapper cannot map BOOM");
        }
        return new Part(number, row.reference("procedure", Long.class).orElseThrow());
    };

    private static List<Problem> validate(Part part) {
        return part.number().startsWith("X")
                ? List.of(Problem.at(ProblemCode.INVALID_FORMAT, "NUMBER", "number must not start with X"))
                : List.of();
    }

    /** 5,000 rows: repeated numbers far apart, unknown procedures, bad numbers, long numbers, invalid records. */
    private static List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("BOOM", "10", "1"));
        for (int i = 0; i < 5000; i++) {
            String number = i % 97 == 0 ? "P" + (i / 2) : i % 71 == 0 ? "X" + i : i % 113 == 0 ? "LONGNUMBER" + i : "P" + i;
            String procedure = Long.toString(i % 40 + 1);
            String quantity = i % 89 == 0 ? "many" : Integer.toString(i);
            rows.add(List.of(number, procedure, quantity));
        }
        rows.add(List.of("BOOM", "1", "1"));
        return rows;
    }

    private List<CheckedRow<Part>> check(RowPipeline<Part> pipeline, List<List<String>> rows) {
        ListSource source = ListSource.of("parts", List.of("number", "procedure_id", "quantity"), rows);
        List<CheckedRow<Part>> checked = new ArrayList<>();
        try (PipelineRun<Part> run = pipeline.start(source.open(parts.limits()), ImportContext.empty())) {
            for (Optional<CheckedRow<Part>> row = run.next(); row.isPresent(); row = run.next()) {
                checked.add(row.get());
            }
            assertThat(run.fileProblems()).isEmpty();
        }
        return checked;
    }

    /** What a checked row says, for comparing runs. */
    private static String said(CheckedRow<Part> row) {
        return row.rowNumber() + " " + row.isAccepted() + " " + row.record() + " " + row.problems();
    }

    @Test
    void rowsCheckedOnFourThreadsComeOutAsOnOne() {
        RowPipeline<Part> one = RowPipeline.of(parts, mapper, ParallelChecksTest::validate).withChunkSize(100)
                .withReadAhead(false);
        List<CheckedRow<Part>> alone = check(one, rows());
        lookupThreads.clear();

        List<CheckedRow<Part>> together = check(one.withCheckThreads(4).withReadAhead(true), rows());

        assertThat(together).extracting(ParallelChecksTest::said)
                .containsExactlyElementsOf(alone.stream().map(ParallelChecksTest::said).toList());
        assertThat(lookupThreads).hasSizeGreaterThan(1).allMatch(name -> name.startsWith("intake-check-"));
        // what the comparison covers
        assertThat(alone).hasSize(5002);
        assertThat(alone.get(alone.size() - 1).problems()).containsExactly(Problem.at(ProblemCode.DUPLICATE_KEY,
                "number", "number BOOM is already used by row 2"));
        Map<ProblemCode, Long> codes = new HashMap<>();
        alone.forEach(row -> row.problems().forEach(p -> codes.merge(p.code(), 1L, Long::sum)));
        assertThat(codes).containsOnlyKeys(ProblemCode.DUPLICATE_KEY, ProblemCode.NOT_FOUND, ProblemCode.INVALID_INTEGER,
                ProblemCode.TOO_LONG, ProblemCode.INVALID_FORMAT);
    }

    @Test
    void aMapperThatFailsOnAnAcceptedRowFailsTheRunAfterTheRowsBeforeItsChunk() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(List.of(i == 650 ? "BOOM" : "P" + i, "1", "1"));
        }
        ListSource source = ListSource.of("parts", List.of("number", "procedure_id", "quantity"), rows);
        List<Long> handedOut = new ArrayList<>();
        try (PipelineRun<Part> run = RowPipeline.of(parts, mapper, null).withChunkSize(100).withCheckThreads(3)
                .start(source.open(parts.limits()), ImportContext.empty())) {
            assertThatThrownBy(() -> {
                for (Optional<CheckedRow<Part>> row = run.next(); row.isPresent(); row = run.next()) {
                    handedOut.add(row.get().rowNumber());
                }
            }).isInstanceOf(IllegalStateException.class).hasMessage("the mapper cannot map BOOM");
        }
        assertThat(handedOut).hasSize(600).startsWith(2L).endsWith(601L);
    }

    @Test
    void aLookupThatFailsOnAWorkerFailsTheRunWithItsRows() {
        ImportDefinition failing = ImportDefinition.builder("parts")
                .column(Column.integer("procedure_id").required())
                .reference(Reference.builder("procedure", Long.class).batchForm("procedure_id", Long.class, (ids, context) -> {
                    if (ids.contains(777L)) {
                        throw new IllegalArgumentException("the database is gone");
                    }
                    return ids.stream().collect(Collectors.groupingBy(id -> id));
                }))
                .build();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(List.of(Integer.toString(i)));
        }
        ListSource source = ListSource.of("parts", List.of("procedure_id"), rows);
        try (PipelineRun<?> run = RowPipeline.of(failing).withChunkSize(100).withCheckThreads(2)
                .start(source.open(failing.limits()), ImportContext.empty())) {
            assertThatThrownBy(() -> {
                while (run.next().isPresent()) {
                    // rows before the failing chunk come out
                }
            }).isInstanceOfSatisfying(IntakeException.class, e -> assertThat(e.rowNumber()).hasValue(702))
                    .hasMessageContaining("rows 702 to 801").hasMessageContaining("the database is gone");
        }
    }

    /** One column of procedure ids. */
    private static final ImportDefinition NUMBERS = ImportDefinition.builder("numbers")
            .column(Column.integer("procedure_id")).build();

    /** A source of procedure ids whose rows a test gives; its header is row 1, and closing it does nothing. */
    private abstract static class ProcedureIds implements RowSource {
        /** The last row given. */
        long row = 1;

        @Override
        public Optional<SourceRow> header() {
            return Optional.of(new SourceRow(1, List.of("procedure_id")));
        }

        @Override
        public void close() {
        }
    }

    /** A source that fails after some rows, and counts the threads that read it. */
    private static final class FailingSource implements RowSource {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private long row = 1;
        volatile boolean closed;

        @Override
        public Optional<SourceRow> header() {
            threads.add(Thread.currentThread().getName());
            return Optional.of(new SourceRow(1, List.of("procedure_id")));
        }

        @Override
        public Optional<SourceRow> next() {
            threads.add(Thread.currentThread().getName());
            if (++row == 1500) {
                throw new SourceException(Problem.of(ProblemCode.UNREADABLE_FILE, "row 1500 is broken"), 1500, null);
            }
            return Optional.of(new SourceRow(row, List.of(Long.toString(row))));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aSourceReadAheadFailsAfterTheRowsBeforeTheFailureAsItWouldOnOneThread() {
        FailingSource source = new FailingSource();
        long rows = 0;
        try (PipelineRun<?> run = RowPipeline.of(NUMBERS).start(source, ImportContext.empty())) {
            while (run.next().isPresent()) {
                rows++;
            }
            assertThat(run.fileProblems()).containsExactly(Problem.of(ProblemCode.UNREADABLE_FILE, "row 1500 is broken"));
        }
        assertThat(rows).isEqualTo(1498);
        assertThat(source.threads).containsExactlyInAnyOrder(Thread.currentThread().getName(), "intake-read-ahead");
        assertThat(source.closed).isTrue();
    }

    @Test
    void readingAheadHoldsFewRowsOfHugeCells() throws InterruptedException {
        List<String> header = new ArrayList<>();
        ImportDefinition.Builder definition = ImportDefinition.builder("wide");
        for (int i = 0; i < 10; i++) {
            header.add("c" + i);
            definition.column(Column.text("c" + i));
        }
        ImportDefinition wide = definition.build();
        String huge = "x".repeat(30_000);
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        RowSource source = new RowSource() {
            @Override
            public Optional<SourceRow> header() {
                return Optional.of(new SourceRow(1, header));
            }

            @Override
            public Optional<SourceRow> next() {
                long row = read.incrementAndGet() + 1;
                return Optional.of(new SourceRow(row, java.util.Collections.nCopies(10, huge)));
            }

            @Override
            public void close() {
            }
        };
        try (PipelineRun<?> run = RowPipeline.of(wide).withChunkSize(10).start(source, ImportContext.empty())) {
            assertThat(run.next()).isPresent();
            Thread.sleep(300); // the reading thread fills what it may
            // 10 rows checked, and rows of 300,000 characters ahead up to 4M characters (taken, and
            // waiting to be), not a thousand rows
            assertThat(read.get()).isBetween(10L, 60L);
        }
    }

    @Test
    void aRowReadAheadReachesTheCallerBeforeTheSourceGivesTheNext() {
        // A source in lock step with the caller: it gives row n + 1 only once the caller has row n,
        // as an upload that sends the next line only when asked would. Waiting for a batch of rows
        // before handing any out would stall it; the source then gives up and the run fails.
        java.util.concurrent.Semaphore received = new java.util.concurrent.Semaphore(0);
        RowSource lockStep = new ProcedureIds() {
            @Override
            public Optional<SourceRow> next() {
                if (row > 1) {
                    try {
                        if (!received.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new SourceException(Problem.of(ProblemCode.UNREADABLE_FILE,
                                    "row " + row + " never reached the caller"), row, null);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.empty();
                    }
                }
                return ++row > 101 ? Optional.empty() : Optional.of(new SourceRow(row, List.of(Long.toString(row))));
            }
        };
        List<Long> rows = new ArrayList<>();
        try (PipelineRun<?> run = RowPipeline.of(NUMBERS).withChunkSize(1).start(lockStep, ImportContext.empty())) {
            for (Optional<? extends CheckedRow<?>> next = run.next(); next.isPresent(); next = run.next()) {
                rows.add(next.get().rowNumber());
                received.release();
            }
            assertThat(run.fileProblems()).isEmpty();
        }
        assertThat(rows).hasSize(100).startsWith(2L, 3L).endsWith(101L);
    }

    @Test
    void closingARunWhoseSourceStalledClosesTheSourceUnderTheStalledRead() throws Exception {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        RowSource stalling = new ProcedureIds() {
            @Override
            public Optional<SourceRow> next() {
                if (++row > 2) {
                    try {
                        closed.await(); // an upload that stopped sending
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new SourceException(Problem.of(ProblemCode.UNREADABLE_FILE, "closed"), row, null);
                }
                return Optional.of(new SourceRow(row, List.of("7")));
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        long start = System.nanoTime();
        try (PipelineRun<?> run = RowPipeline.of(NUMBERS).withChunkSize(1).start(stalling, ImportContext.empty())) {
            assertThat(run.next()).isPresent();
        }
        assertThat(closed.getCount()).isZero();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        for (int wait = 0; wait < 100 && intakeThreads() > 0; wait++) {
            Thread.sleep(20);
        }
        assertThat(intakeThreads()).isZero();
    }

    @Test
    void closingARunHalfWayStopsItsThreads() throws InterruptedException {
        FailingSource source = new FailingSource();
        try (PipelineRun<?> run = RowPipeline.of(NUMBERS).withCheckThreads(2).start(source, ImportContext.empty())) {
            assertThat(run.next()).isPresent();
        }
        assertThat(source.closed).isTrue();
        for (int wait = 0; wait < 100 && intakeThreads() > 0; wait++) {
            Thread.sleep(20);
        }
        assertThat(intakeThreads()).isZero();
    }

    private static long intakeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("intake-") && t.isAlive()).count();
    }
}
