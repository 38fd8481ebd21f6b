package dev.intake.benchmarks;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.rule.Rule;
import dev.intake.core.rule.Rules;
import dev.intake.core.source.ListSource;
import dev.intake.core.type.Types;
import dev.intake.core.type.ValueType;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The smallest pieces of a row's check, each alone: converting a cell of each common type, a rule
 * check, and matching a header of the {@code ion-runs} width. Where the whole-run figures point at
 * the row checks, these say which piece to speed up.
 *
 * <pre>java -jar benchmarks/target/intake-benchmarks.jar HotPathsBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathsBenchmark {
    private final ValueType<Long> integer = Types.integer();
    private final ValueType<LocalDate> date = Types.date();
    private final ValueType<Boolean> bool = Types.bool();
    private final ValueType<String> email = Types.email();
    private final ValueType<String> option = Types.option("Production", "Engineering", "Rework");
    private final Rule<String> maxLength = Rules.maxLength(200);
    private final ImportDefinition definition = definition();
    private final RowPipeline<ImportRow> pipeline = RowPipeline.of(definition);
    private final ListSource headerOnly = ListSource.of("runs.csv", IonRunsData.HEADER, List.of());

    private static ImportDefinition definition() {
        ImportDefinition.Builder builder = ImportDefinition.builder("runs");
        for (String key : IonRunsData.HEADER) {
            builder.column(Column.text(key).label(key.replace('_', ' ')));
        }
        return builder.build();
    }

    @Benchmark
    public Object convertInteger() {
        return integer.convert("quantity", "1234");
    }

    @Benchmark
    public Object convertDate() {
        return date.convert("due_date", "2026-12-01");
    }

    @Benchmark
    public Object convertBoolean() {
        return bool.convert("export_controlled", "false");
    }

    @Benchmark
    public Object convertEmail() {
        return email.convert("assigned_to", "ada@example.com");
    }

    @Benchmark
    public Object convertOption() {
        return option.convert("intent_option", "production");
    }

    @Benchmark
    public Object ruleMaxLength() {
        return maxLength.check("title", "Motor build 1001");
    }

    /**
     * Starting a run on the 22 columns of ion-runs: the header matched and the row checker prepared
     * (once per file), through the public pipeline.
     */
    @Benchmark
    public Object matchHeader() {
        try (PipelineRun<ImportRow> run = pipeline.start(headerOnly.open(definition.limits()), ImportContext.empty())) {
            return run.fileProblems();
        }
    }
}
