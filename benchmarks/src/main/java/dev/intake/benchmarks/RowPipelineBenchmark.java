package dev.intake.benchmarks;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.rule.Constraints;
import dev.intake.core.rule.Rules;
import dev.intake.core.source.ListSource;
import dev.intake.csv.CsvSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second through the row pipeline (convert, rules, constraints) of a runs-shaped
 * definition: from rows in memory, so the figure is the checks alone, and from CSV bytes, so the
 * figure includes parsing.
 *
 * <pre>
 * mvn -B -q package -DskipTests -pl benchmarks -am
 * java -jar benchmarks/target/intake-benchmarks.jar RowPipelineBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowPipelineBenchmark {
    private static final int ROWS = 10_000;
    private static final List<String> HEADER = List.of("title", "autogenerate_title", "procedure_id", "due_date",
            "quantity", "assigned_to", "intent_option", "export_controlled", "run_batch_title", "description");

    private RowPipeline<ImportRow> pipeline;
    private ListSource rows;
    private CsvSource csv;

    /** Builds the definition and the rows once. */
    @Setup
    public void setUp() {
        ImportDefinition definition = ImportDefinition.builder("runs")
                .column(Column.text("title").rule(Rules.maxLength(200)))
                .column(Column.bool("autogenerate_title"))
                .column(Column.integer("procedure_id"))
                .column(Column.date("due_date"))
                .column(Column.integer("quantity").rule(Rules.min(0)))
                .column(Column.email("assigned_to"))
                .column(Column.option("intent_option", "Production", "Engineering", "Rework"))
                .column(Column.bool("export_controlled"))
                .column(Column.text("run_batch_title"))
                .column(Column.text("description"))
                .constraint(Constraints.exactlyOne("title", "autogenerate_title"))
                .group("run_batch_title")
                .build();
        pipeline = RowPipeline.of(definition);
        List<List<String>> data = new ArrayList<>(ROWS);
        StringBuilder text = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (int i = 0; i < ROWS; i++) {
            List<String> row = List.of("Run " + i, "", Integer.toString(i % 6 + 1), "2026-12-" + (i % 20 + 10),
                    Integer.toString(i % 10), "ada@example.com", "Production", i % 2 == 0 ? "yes" : "no",
                    "Batch-" + (i % 20), "a description, with a comma");
            data.add(row);
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                text.append(cell.contains(",") ? "\"" + cell + "\"" : cell).append(c + 1 < row.size() ? "," : "\n");
            }
        }
        rows = ListSource.of("rows", HEADER, data);
        csv = CsvSource.of("runs.csv", text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return accepted rows; the checks of rows already in memory */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int checkRows() {
        return drain(rows);
    }

    /** @return accepted rows; parsing CSV bytes and checking */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int parseAndCheckCsv() throws Exception {
        return drain(csv);
    }

    private int drain(dev.intake.core.source.ImportSource source) {
        int accepted = 0;
        try (PipelineRun<ImportRow> run = pipeline.start(openQuietly(source), ImportContext.empty())) {
            for (Optional<CheckedRow<ImportRow>> next = run.next(); next.isPresent(); next = run.next()) {
                if (next.get().isAccepted()) {
                    accepted++;
                }
            }
            if (!run.fileProblems().isEmpty()) {
                throw new IllegalStateException(run.fileProblems().toString());
            }
        }
        if (accepted != ROWS) {
            throw new IllegalStateException("only " + accepted + " rows were accepted");
        }
        return accepted;
    }

    private dev.intake.core.source.RowSource openQuietly(dev.intake.core.source.ImportSource source) {
        try {
            return source.open(pipeline.definition().limits());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
