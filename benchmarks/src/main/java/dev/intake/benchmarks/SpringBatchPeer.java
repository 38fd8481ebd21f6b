package dev.intake.benchmarks;

import dev.intake.examples.jdbc.Database;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.batch.item.ItemWriter;
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
 * {@code FlatFileItemReader}, a processor that maps the fields and resolves procedures from a map,
 * a hibernate-validator {@code BeanValidatingItemProcessor} (invalid rows filtered), and an item
 * writer that writes what the Intake commit writes (new inventory, runs, attribute values, run
 * batches found or created) in JDBC batches, through {@link HandWrittenRuns}. It still does less
 * than Intake: no header matching, no reference checks, no per-row problems a user could act on,
 * no savepoints.
 */
final class SpringBatchPeer {
    private SpringBatchPeer() {
    }

    /** One run as the peer maps it; constraints checked by hibernate-validator. */
    public static final class RunRecord {
        @Size(max = 200)
        private String title;
        private Long procedureId;
        private Long partInventoryId;
        @Size(max = 100)
        private String partNumber;
        private String revision;
        private String serialNumber;
        private String lotNumber;
        @NotNull
        @Email
        private String assignedTo;
        private String intentOption;
        @NotNull
        private LocalDate dueDate;
        @Min(0)
        private long quantity;
        @Size(max = 5000)
        private String description;
        private boolean exportControlled;
        private String batchTitle;
        private List<String> attributes;

        HandWrittenRuns.Run toRun() {
            return new HandWrittenRuns.Run(title, procedureId, partInventoryId, partNumber, revision, serialNumber,
                    lotNumber, assignedTo, intentOption, dueDate, quantity, description, exportControlled, batchTitle,
                    attributes);
        }
    }

    /** Runs the job on the file into a fresh database loaded with the fixtures; returns rows written. */
    static long run(Path file, String url) throws Exception {
        try (Database database = Database.open(url)) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, true);
            Map<String, Long> procedures = HandWrittenRuns.procedures(database.connection());
            JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
            JobRepository repository = new ResourcelessJobRepository();

            FlatFileItemReader<FieldSet> reader = new FlatFileItemReaderBuilder<FieldSet>().name("runs")
                    .resource(new FileSystemResource(file)).linesToSkip(1)
                    .recordSeparatorPolicy(new DefaultRecordSeparatorPolicy()).delimited()
                    .names(IonRunsData.HEADER.toArray(String[]::new)).fieldSetMapper(fields -> fields).build();
            ItemProcessor<FieldSet, RunRecord> mapper = fields -> map(fields, procedures);
            LocalValidatorFactoryBean validation = new LocalValidatorFactoryBean();
            validation.setMessageInterpolator(new ParameterMessageInterpolator());
            validation.afterPropertiesSet();
            BeanValidatingItemProcessor<RunRecord> validator = new BeanValidatingItemProcessor<>(validation);
            validator.setFilter(true);
            validator.afterPropertiesSet();
            CompositeItemProcessor<FieldSet, RunRecord> processor = new CompositeItemProcessor<>(mapper, validator);
            // The writer's statements are prepared on the job's one connection, inside each chunk's
            // transaction (SingleConnectionDataSource hands out that connection, unclosable).
            HandWrittenRuns[] statements = new HandWrittenRuns[1];
            ItemWriter<RunRecord> writer = chunk -> {
                if (statements[0] == null) {
                    statements[0] = new HandWrittenRuns(dataSource.getConnection());
                }
                List<HandWrittenRuns.Run> runs = new ArrayList<>(chunk.size());
                for (RunRecord run : chunk) {
                    runs.add(run.toRun());
                }
                statements[0].write(runs);
            };

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
            if (statements[0] != null) {
                statements[0].close();
            }
            dataSource.destroy();
            return execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
        }
    }

    private static RunRecord map(FieldSet fields, Map<String, Long> procedures) {
        RunRecord run = new RunRecord();
        run.title = HandWrittenRuns.blankToNull(fields.readString("title"));
        String procedure = fields.readString("procedure_id");
        run.procedureId = !procedure.isEmpty() ? Long.valueOf(procedure)
                : fields.readString("procedure_title").isEmpty() ? null
                : procedures.get(HandWrittenRuns.procedureKey(fields.readString("procedure_title"),
                        fields.readString("procedure_version")));
        String inventory = fields.readString("part_inventory_id");
        run.partInventoryId = inventory.isEmpty() ? null : Long.valueOf(inventory);
        run.partNumber = HandWrittenRuns.blankToNull(fields.readString("part_number"));
        run.revision = HandWrittenRuns.blankToNull(fields.readString("revision"));
        run.serialNumber = HandWrittenRuns.blankToNull(fields.readString("serial_number"));
        run.lotNumber = HandWrittenRuns.blankToNull(fields.readString("lot_number"));
        run.assignedTo = HandWrittenRuns.blankToNull(fields.readString("assigned_to"));
        run.intentOption = HandWrittenRuns.blankToNull(fields.readString("intent_option"));
        run.dueDate = LocalDate.parse(fields.readString("due_date"));
        run.quantity = Long.parseLong(fields.readString("quantity"));
        run.description = fields.readString("description");
        run.exportControlled = Boolean.parseBoolean(fields.readString("export_controlled"));
        run.batchTitle = fields.readString("run_batch_title");
        List<String> attributes = new ArrayList<>(HandWrittenRuns.ATTRIBUTES.size());
        for (String key : HandWrittenRuns.ATTRIBUTES) {
            attributes.add(fields.readString(key));
        }
        run.attributes = attributes;
        return run;
    }
}
