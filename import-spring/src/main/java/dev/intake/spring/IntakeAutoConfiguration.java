package dev.intake.spring;

import dev.intake.core.pipeline.BeanValidation;
import dev.intake.jdbc.JdbcImportJournal;
import dev.intake.spi.ImportJournal;
import dev.intake.spi.Importer;
import dev.intake.spi.TransactionBoundary;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Intake from what the application has: its transactions, its database (the import journal), its
 * Bean Validation, its principal; a factory that starts importers wired to them, and the registry
 * of the application's {@link Importer} beans. Every bean gives way to one the application declares.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration"})
@EnableConfigurationProperties(IntakeProperties.class)
public class IntakeAutoConfiguration {

    /**
     * Intake's transaction boundary over the application's transaction manager.
     *
     * @param transactions the transaction manager
     * @return the boundary
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
    public TransactionBoundary intakeTransactions(PlatformTransactionManager transactions) {
        return new SpringTransactions(transactions);
    }

    /**
     * The import journal on the application's database, in the transactions of the imports, its
     * tables created as {@code intake.jdbc.initialize-schema} says.
     *
     * @param dataSource the database
     * @param properties Intake's settings
     * @return the journal
     * @throws SQLException if its tables cannot be created
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(DataSource.class)
    public ImportJournal intakeImportJournal(DataSource dataSource, IntakeProperties properties) throws SQLException {
        if (Schema.initialize(dataSource, properties)) {
            try (Connection connection = dataSource.getConnection()) {
                JdbcImportJournal.createTables(connection);
            }
        }
        return JdbcImportJournal.on(() -> DataSourceUtils.getConnection(dataSource));
    }

    /**
     * Starts importers wired to the application.
     *
     * @param transactions the transaction boundary, if any
     * @param journal the import journal, if any
     * @param validator the application's Bean Validation, if any
     * @return the factory
     */
    @Bean
    @ConditionalOnMissingBean
    public ImporterFactory intakeImporterFactory(ObjectProvider<TransactionBoundary> transactions,
            ObjectProvider<ImportJournal> journal, ObjectProvider<jakarta.validation.Validator> validator) {
        jakarta.validation.Validator beans = validator.getIfUnique();
        return new ImporterFactory(transactions.getIfUnique(), journal.getIfUnique(),
                beans == null ? null : BeanValidation.of(beans));
    }

    /**
     * The application's importers by name: its importer beans and its importer providers.
     *
     * @param importers the context's importer beans
     * @param providers the context's importers made for each run
     * @return the registry
     */
    @Bean
    @ConditionalOnMissingBean
    public ImporterRegistry intakeImporters(ObjectProvider<Importer<?>> importers,
            ObjectProvider<ImporterProvider> providers) {
        return new ImporterRegistry(() -> Stream.concat(
                importers.orderedStream().map(ImporterProvider::of), providers.orderedStream()).toList());
    }

    /**
     * Who imports: the request's principal and roles.
     *
     * @return the resolver
     */
    @Bean
    @ConditionalOnMissingBean
    public ImportContextResolver intakeImportContextResolver() {
        return new PrincipalContextResolver();
    }

    /** When Intake creates its tables, as Spring Boot's SQL initialisation decides for its own. */
    static final class Schema {
        private Schema() {
        }

        static boolean initialize(DataSource dataSource, IntakeProperties properties) {
            DatabaseInitializationMode mode = properties.getJdbc().getInitializeSchema();
            return mode == DatabaseInitializationMode.ALWAYS
                    || (mode == DatabaseInitializationMode.EMBEDDED && EmbeddedDatabaseConnection.isEmbedded(dataSource));
        }
    }
}
