package dev.intake.benchmarks;

import dev.intake.examples.jdbc.Database;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.builder.SimpleStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.ItemWriter;
import org.springframework.batch.item.file.FlatFileItemReader;
import org.springframework.batch.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.item.file.separator.DefaultRecordSeparatorPolicy;
import org.springframework.batch.item.file.transform.FieldSet;
import org.springframework.batch.item.support.CompositeItemProcessor;
import org.springframework.batch.item.support.SynchronizedItemStreamReader;
import org.springframework.batch.item.validator.BeanValidatingItemProcessor;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The peer a Java team would otherwise write: a Spring Batch chunk job of 500 with a
 * {@code FlatFileItemReader}, a processor that maps the fields and resolves procedures from a map,
 * a hibernate-validator {@code BeanValidatingItemProcessor} (invalid rows filtered), and an item
 * writer that writes what the Intake commit writes (new inventory, runs, attribute values, run
 * batches found or created) through {@link HandWrittenRuns}, the best hand-written JDBC. As a
 * single-threaded step, or as a multi-threaded step (a synchronized reader, chunks processed and
 * written by that many threads, each in its own transaction on a connection of its own). It still
 * does less than Intake: no header matching, no reference checks, no per-row problems a user could
 * act on, no savepoints.
 */
final class SpringBatchPeer {
    private SpringBatchPeer() {
    }

    /** One run as the peer maps it; constraints checked by hibernate-validator. */
    public static final class RunRecord {
        @Size(max = 200)
        private final String title;
        @Size(max = 100)
        private final String partNumber;
        @NotNull
        @Email
        private final String assignedTo;
        @NotNull
        private final LocalDate dueDate;
        @Min(0)
        private final long quantity;
        @Size(max = 5000)
        private final String description;
        private final HandWrittenRuns.Run run;

        RunRecord(HandWrittenRuns.Run run) {
            this.run = run;
            this.title = run.title();
            this.partNumber = run.partNumber();
            this.assignedTo = run.assignedTo();
            this.dueDate = run.dueDate();
            this.quantity = run.quantity();
            this.description = run.description();
        }
    }

    /**
     * A data source that gives each thread one connection of its own, kept for the whole job: what a
     * pool sized to the step's threads gives, without a pool library.
     */
    private static final class ThreadConnections extends AbstractDataSource implements AutoCloseable {
        private final String url;
        private final Map<Thread, Connection> connections = new ConcurrentHashMap<>();

        ThreadConnections(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = connections.get(Thread.currentThread());
            if (connection == null) {
                connection = DriverManager.getConnection(url);
                connections.put(Thread.currentThread(), connection);
            }
            Connection kept = connection;
            // Spring closes what it gets after each transaction: hand out a view whose close does nothing.
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        if (method.getName().equals("unwrap") && args[0] == Connection.class) {
                            return kept;
                        }
                        try {
                            return method.invoke(kept, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public void close() throws SQLException {
            for (Connection connection : connections.values()) {
                connection.close();
            }
        }
    }

    /** Runs the job on the file into a fresh database loaded with the fixtures; returns rows written. */
    static long run(Path file, String url, int threads) throws Exception {
        try (Database database = Database.open(url); ThreadConnections dataSource = new ThreadConnections(url);
                HandWrittenRuns.Batches batches = new HandWrittenRuns.Batches(url)) {
            Map<String, Long> procedures = HandWrittenRuns.procedures(database.connection());
            JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
            JobRepository repository = new ResourcelessJobRepository();

            FlatFileItemReader<FieldSet> reader = new FlatFileItemReaderBuilder<FieldSet>().name("runs")
                    .resource(new FileSystemResource(file)).linesToSkip(1)
                    .recordSeparatorPolicy(new DefaultRecordSeparatorPolicy()).delimited()
                    .names(IonRunsData.HEADER.toArray(String[]::new)).fieldSetMapper(fields -> fields).build();
            ItemProcessor<FieldSet, RunRecord> mapper = fields -> new RunRecord(WholeRun.run(fields::readString, procedures));
            LocalValidatorFactoryBean validation = new LocalValidatorFactoryBean();
            validation.setMessageInterpolator(new ParameterMessageInterpolator());
            validation.afterPropertiesSet();
            BeanValidatingItemProcessor<RunRecord> validator = new BeanValidatingItemProcessor<>(validation);
            validator.setFilter(true);
            validator.afterPropertiesSet();
            CompositeItemProcessor<FieldSet, RunRecord> processor = new CompositeItemProcessor<>(mapper, validator);
            // Each thread's statements, prepared on its connection, which its chunks' transactions use.
            Map<Thread, HandWrittenRuns> writers = new ConcurrentHashMap<>();
            ItemWriter<RunRecord> writer = chunk -> {
                HandWrittenRuns statements = writers.get(Thread.currentThread());
                if (statements == null) {
                    Connection connection = DataSourceUtils.getConnection(dataSource).unwrap(Connection.class);
                    statements = new HandWrittenRuns(connection, batches);
                    writers.put(Thread.currentThread(), statements);
                }
                List<HandWrittenRuns.Run> runs = new ArrayList<>(chunk.size());
                for (RunRecord run : chunk) {
                    runs.add(run.run);
                }
                statements.write(runs);
            };

            SimpleStepBuilder<FieldSet, RunRecord> step = new StepBuilder("import", repository)
                    .<FieldSet, RunRecord>chunk(500, transactions).processor(processor).writer(writer);
            java.util.concurrent.ExecutorService executor = null;
            if (threads > 1) {
                SynchronizedItemStreamReader<FieldSet> synchronizedReader = new SynchronizedItemStreamReader<>();
                synchronizedReader.setDelegate(reader);
                // a fixed pool, as a pooled data source would be sized: one connection per thread
                executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
                step.reader(synchronizedReader).taskExecutor(new TaskExecutorAdapter(executor));
            } else {
                step.reader(reader);
            }
            Job job = new JobBuilder("runs", repository).start(step.build()).build();
            TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
            launcher.setJobRepository(repository);
            launcher.afterPropertiesSet();
            JobExecution execution = launcher.run(job, new JobParametersBuilder().addString("run", UUID.randomUUID()
                    .toString()).toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("the Spring Batch job ended " + execution.getStatus() + ": "
                        + execution.getAllFailureExceptions());
            }
            validation.close();
            for (HandWrittenRuns statements : writers.values()) {
                statements.close();
            }
            if (executor != null) {
                executor.shutdown();
            }
            return execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
        }
    }
}
