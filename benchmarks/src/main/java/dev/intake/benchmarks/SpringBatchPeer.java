package dev.intake.benchmarks;

import dev.intake.examples.jdbc.Database;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
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
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.batch.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.item.file.FlatFileItemReader;
import org.springframework.batch.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.item.file.separator.DefaultRecordSeparatorPolicy;
import org.springframework.batch.item.file.transform.FieldSet;
import org.springframework.batch.item.support.CompositeItemProcessor;
import org.springframework.batch.item.validator.BeanValidatingItemProcessor;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The peer a Java team would otherwise write: a Spring Batch chunk job of 500 with a
 * {@code FlatFileItemReader}, a processor that maps the fields and resolves procedures and run
 * batches from maps, a hibernate-validator {@code BeanValidatingItemProcessor} (invalid rows
 * filtered), and a {@code JdbcBatchItemWriter} into the same {@code runs} table. It does less than
 * Intake: no header matching, no per-row problems a user could act on, no inventory or custom
 * attributes written, no savepoints; the comparison flatters it.
 */
final class SpringBatchPeer {
    private SpringBatchPeer() {
    }

    /** One run as the peer maps it; constraints checked by hibernate-validator. */
    public static final class RunRecord {
        @Size(max = 200)
        private String title;
        private Long procedureId;
        @NotNull
        @Email
        private String assignedTo;
        private String intentOption;
        private LocalDate dueDate;
        @Min(0)
        private Long quantity;
        @Size(max = 5000)
        private String description;
        private boolean exportControlled;
        private Long runBatchId;

        public String getTitle() {
            return title;
        }

        public Long getProcedureId() {
            return procedureId;
        }

        public String getAssignedTo() {
            return assignedTo;
        }

        public String getIntentOption() {
            return intentOption;
        }

        public LocalDate getDueDate() {
            return dueDate;
        }

        public Long getQuantity() {
            return quantity;
        }

        public String getDescription() {
            return description;
        }

        public boolean isExportControlled() {
            return exportControlled;
        }

        public Long getRunBatchId() {
            return runBatchId;
        }
    }

    /** Runs the job on the file into a fresh database loaded with the fixtures; returns rows written. */
    static long run(Path file, String url) throws Exception {
        try (Database database = Database.open(url)) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, true);
            Map<String, Long> procedures = WholeRun.procedures(database.connection());
            Map<String, Long> batches = new HashMap<>();
            JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
            JobRepository repository = new ResourcelessJobRepository();

            FlatFileItemReader<FieldSet> reader = new FlatFileItemReaderBuilder<FieldSet>().name("runs")
                    .resource(new FileSystemResource(file)).linesToSkip(1)
                    .recordSeparatorPolicy(new DefaultRecordSeparatorPolicy()).delimited()
                    .names(IonRunsData.HEADER.toArray(String[]::new)).fieldSetMapper(fields -> fields).build();
            ItemProcessor<FieldSet, RunRecord> mapper = fields -> map(fields, procedures, batches, dataSource);
            LocalValidatorFactoryBean validation = new LocalValidatorFactoryBean();
            validation.setMessageInterpolator(new ParameterMessageInterpolator());
            validation.afterPropertiesSet();
            BeanValidatingItemProcessor<RunRecord> validator = new BeanValidatingItemProcessor<>(validation);
            validator.setFilter(true);
            validator.afterPropertiesSet();
            CompositeItemProcessor<FieldSet, RunRecord> processor = new CompositeItemProcessor<>(mapper, validator);
            JdbcBatchItemWriter<RunRecord> writer = new JdbcBatchItemWriterBuilder<RunRecord>().dataSource(dataSource)
                    .sql("INSERT INTO runs (title, procedure_id, assigned_to, intent_option, due_date, quantity,"
                            + " description, export_controlled, run_batch_id) VALUES (:title, :procedureId, :assignedTo,"
                            + " :intentOption, :dueDate, :quantity, :description, :exportControlled, :runBatchId)")
                    .beanMapped().build();
            writer.afterPropertiesSet();

            Step step = new StepBuilder("import", repository).<FieldSet, RunRecord>chunk(500, transactions)
                    .reader(reader).processor(processor).writer(writer).build();
            Job job = new JobBuilder("runs", repository).start(step).build();
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
            dataSource.destroy();
            return execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
        }
    }

    private static RunRecord map(FieldSet fields, Map<String, Long> procedures, Map<String, Long> batches,
            DataSource dataSource) throws Exception {
        RunRecord run = new RunRecord();
        run.title = blankToNull(fields.readString("title"));
        String procedure = fields.readString("procedure_id");
        run.procedureId = !procedure.isEmpty() ? Long.valueOf(procedure)
                : fields.readString("procedure_title").isEmpty() ? null
                : procedures.get(WholeRun.procedureKey(fields.readString("procedure_title"),
                        fields.readString("procedure_version")));
        run.assignedTo = blankToNull(fields.readString("assigned_to"));
        run.intentOption = blankToNull(fields.readString("intent_option"));
        run.dueDate = LocalDate.parse(fields.readString("due_date"));
        run.quantity = Long.valueOf(fields.readString("quantity"));
        run.description = fields.readString("description");
        run.exportControlled = Boolean.parseBoolean(fields.readString("export_controlled"));
        String batch = fields.readString("run_batch_title");
        Long id = batches.get(batch);
        if (id == null) {
            try (Connection connection = dataSource.getConnection();
                    java.sql.PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO run_batches (title) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, batch);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            batches.put(batch, id);
        }
        run.runBatchId = id;
        return run;
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
