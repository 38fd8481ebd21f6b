package dev.intake.spring;

import dev.intake.core.ImportDefinition;
import dev.intake.core.pipeline.RecordValidator;
import dev.intake.core.pipeline.RowMapper;
import dev.intake.spi.ImportJournal;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.TransactionBoundary;
import java.util.Objects;

/**
 * Starts importers wired to the application: its transactions ({@link SpringTransactions} over the
 * {@code PlatformTransactionManager}), its import journal on the {@code DataSource}, and Bean
 * Validation through its {@code Validator}, each where the application has it. A host declares an
 * importer bean in three lines and adds what is its own (groups, a policy):
 *
 * <pre>{@code
 * @Bean
 * Importer<Employee> employees(ImporterFactory intake, EmployeeRepository repository) {
 *     return intake.builder(EMPLOYEES, Employee::of, repository).build();
 * }
 * }</pre>
 *
 * Every {@code Importer} bean is then served over HTTP under its definition's name. Thread-safe.
 */
public class ImporterFactory {
    private final TransactionBoundary transactions;
    private final ImportJournal journal;
    private final RecordValidator<Object> validator;

    /**
     * A factory; the auto-configuration makes it.
     *
     * @param transactions the transactions every importer writes in, or null for none
     * @param journal the import journal of commits, or null for none
     * @param validator the validator of mapped records, or null for none
     */
    public ImporterFactory(TransactionBoundary transactions, ImportJournal journal, RecordValidator<Object> validator) {
        this.transactions = transactions;
        this.journal = journal;
        this.validator = validator;
    }

    /**
     * Starts an importer with the application's transactions, journal and validator set.
     *
     * @param definition the definition
     * @param mapper maps a checked row to the host's record
     * @param records where records are written
     * @param <R> the record type
     * @return the builder, to which the host adds the rest
     */
    public <R> Importer.Builder<R> builder(ImportDefinition definition, RowMapper<R> mapper,
            RecordRepository<? super R> records) {
        Objects.requireNonNull(definition, "definition must not be null");
        Importer.Builder<R> builder = Importer.builder(definition, mapper, records);
        if (transactions != null) {
            builder.transactions(transactions);
        }
        if (journal != null) {
            builder.journal(journal);
        }
        if (validator != null) {
            builder.validator(validator);
        }
        return builder;
    }
}
