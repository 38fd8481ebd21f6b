package dev.intake.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.spi.ImportJournal;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.memory.InMemoryRunStore;
import dev.intake.spi.memory.InMemoryTransactions;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.RunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each auto-configuration: there from what the application has, giving way to the host's own, off by property. */
class AutoConfigurationTest {
    private static final AutoConfigurations INTAKE = AutoConfigurations.of(IntakeAutoConfiguration.class,
            IntakeRunsAutoConfiguration.class, IntakeWebAutoConfiguration.class, IntakeMetricsAutoConfiguration.class);
    private static final AutoConfigurations DATABASE = AutoConfigurations.of(
            org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class,
            org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration.class);

    @TempDir
    Path dir;

    private ApplicationContextRunner plain() {
        return new ApplicationContextRunner().withConfiguration(INTAKE)
                .withPropertyValues("intake.runs.directory=" + dir);
    }

    private WebApplicationContextRunner web() {
        return new WebApplicationContextRunner().withConfiguration(INTAKE).withConfiguration(DATABASE)
                .withPropertyValues("intake.runs.directory=" + dir,
                        "spring.datasource.url=jdbc:h2:mem:auto-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void fromTheApplicationsDatabaseAndTransactionsComeTheBoundaryJournalRunsAndEndpoints() {
        web().run(context -> {
            assertThat(context).hasSingleBean(TransactionBoundary.class).getBean(TransactionBoundary.class)
                    .isInstanceOf(SpringTransactions.class);
            assertThat(context).hasSingleBean(ImportJournal.class);
            assertThat(context).hasSingleBean(ImporterRuns.class).hasSingleBean(ImporterFactory.class)
                    .hasSingleBean(ImporterRegistry.class).hasSingleBean(ImportContextResolver.class)
                    .as("the runs' parts are not beans a host's own runs could collide with")
                    .doesNotHaveBean(RunStore.class).doesNotHaveBean(ImportRuns.class);
            javax.sql.DataSource dataSource = context.getBean(javax.sql.DataSource.class);
            try (java.sql.Connection connection = dataSource.getConnection();
                    java.sql.ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
                java.util.List<String> names = new java.util.ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                }
                assertThat(names).contains("intake_importer_runs", "intake_importer_tasks", "intake_import_journal")
                        .doesNotContain("intake_runs");
            }
            assertThat(((ServletRegistrationBean<?>) context.getBean("intakeServlet")).getUrlMappings())
                    .containsExactly("/intake/api/*");
        });
    }

    @Test
    void withoutADatabaseRunsAreKeptInMemoryAndThereIsNoJournalNorBoundary() {
        plain().run(context -> {
            assertThat(context).doesNotHaveBean(TransactionBoundary.class).doesNotHaveBean(ImportJournal.class);
            assertThat(context).hasSingleBean(ImporterRuns.class).doesNotHaveBean("intakeServlet");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final InMemoryTransactions TRANSACTIONS = new InMemoryTransactions();

        @Bean
        TransactionBoundary myTransactions() {
            return TRANSACTIONS;
        }

        /** A host's own runs, of its own kind: the starter's keep apart from them. */
        @Bean(destroyMethod = "close")
        ImportRuns myRuns() throws Exception {
            return ImportRuns.builder(new InMemoryRunStore(), new dev.intake.spi.memory.InMemoryRunFiles(),
                    (run, progress, counting) -> {
                        throw new AssertionError("the host's runs are not the starter's");
                    }).build();
        }

        @Bean
        ImportContextResolver myContexts() {
            return request -> dev.intake.core.ImportContext.builder().caller("tenant-7").build();
        }
    }

    @Test
    void eachBeanGivesWayToTheApplicationsOwn() {
        web().withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context.getBean(TransactionBoundary.class)).isSameAs(OwnBeans.TRANSACTIONS);
            assertThat(context.getBean(ImporterRuns.class).runs()).isNotSameAs(context.getBean(ImportRuns.class));
            assertThat(context.getBean(ImportContextResolver.class)).isNotInstanceOf(PrincipalContextResolver.class);
        });
    }

    @Test
    void runsAreHandedOutThroughDbSchedulerOnTheDatabaseUnlessKeptInProcess() throws Exception {
        web().run(context -> assertThat(scheduled(context)).isEqualTo(1));
        web().withPropertyValues("intake.runs.scheduler=in-process").run(context ->
                assertThat(scheduled(context)).as("no scheduler: its table was never made").isEqualTo(-1));
    }

    /** The tasks in the scheduler's table after a run is submitted, or -1 without the table. */
    private static int scheduled(org.springframework.context.ApplicationContext context) throws Exception {
        ImporterRuns runs = context.getBean(ImporterRuns.class);
        runs.runs().submit("nobody", "", false, "a.csv", "CSV", java.util.Optional.empty(), out -> { });
        javax.sql.DataSource dataSource = context.getBean(javax.sql.DataSource.class);
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + ImporterRuns.TASKS)) {
            count.next();
            return count.getInt(1);
        } catch (java.sql.SQLException noTable) {
            return -1;
        }
    }

    @Test
    void metersAreRecordedWhenTheApplicationHasAMeterRegistry() {
        web().run(context -> assertThat(context).doesNotHaveBean(RunObserver.class));
        web().withBean(io.micrometer.core.instrument.simple.SimpleMeterRegistry.class).run(context ->
                assertThat(context.getBean(RunObserver.class)).isInstanceOf(MicrometerRunObserver.class));
        web().withBean(io.micrometer.core.instrument.simple.SimpleMeterRegistry.class)
                .withBean(RunObserver.class, () -> (report, took, problems, passed) -> { })
                .run(context -> assertThat(context.getBean(RunObserver.class)).isNotInstanceOf(MicrometerRunObserver.class));
    }

    @Test
    void theEndpointsAreOffByPropertyAndMoveWithTheBasePath() {
        web().withPropertyValues("intake.web.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean("intakeServlet").doesNotHaveBean("intakeConsole")
                        .hasSingleBean(ImporterRuns.class));
        web().run(context -> assertThat(((ServletRegistrationBean<?>) context.getBean("intakeConsole")).getUrlMappings())
                .containsExactly("/intake", "/intake/*"));
        web().withPropertyValues("intake.web.console=false").run(context ->
                assertThat(context).hasBean("intakeServlet").doesNotHaveBean("intakeConsole"));
        web().withPropertyValues("intake.web.base-path=/admin/imports").run(context ->
                assertThat(((ServletRegistrationBean<?>) context.getBean("intakeServlet")).getUrlMappings())
                        .containsExactly("/admin/imports/api/*"));
        web().withPropertyValues("intake.web.base-path=imports/").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining(
                        "intake.web.base-path must start with / and not end with one, not imports/"));
    }

    private static dev.intake.spi.Importer<?> importer(String name) {
        dev.intake.core.ImportDefinition definition = dev.intake.core.ImportDefinition.builder(name)
                .column(dev.intake.core.Column.text("code").required()).build();
        return dev.intake.spi.Importer.builder(definition, row -> row, new dev.intake.spi.memory.InMemoryRecordRepository<>(new InMemoryTransactions()))
                .build();
    }

    @Test
    void importerBeansAndImporterProvidersAreServedByNameAndTwoOfOneNameAreRefused() {
        ImporterProvider parts = ImporterProvider.of("parts", () -> importer("parts").definition(),
                context -> ImporterProvider.opened(importer("parts"), () -> { }));
        web().withBean("employees", dev.intake.spi.Importer.class, () -> importer("employees"))
                .withBean("parts", ImporterProvider.class, () -> parts).run(context -> {
                    ImporterRegistry registry = context.getBean(ImporterRegistry.class);
                    assertThat(registry.all()).extracting(ImporterProvider::name).containsExactly("employees", "parts");
                    assertThat(registry.find("parts")).containsSame(parts);
                    assertThat(registry.find("employees").orElseThrow().definition().name()).isEqualTo("employees");
                });
        web().withBean("employees", dev.intake.spi.Importer.class, () -> importer("employees"))
                .withBean("alsoEmployees", ImporterProvider.class, () -> ImporterProvider.of(importer("employees")))
                .run(context -> org.assertj.core.api.Assertions.assertThatIllegalStateException()
                        .isThrownBy(() -> context.getBean(ImporterRegistry.class).all())
                        .withMessage("two importers have the name employees; each importer is served under its name,"
                                + " which must be unique"));
    }

    @Test
    void aProviderWhoseDefinitionOrImporterHasAnotherNameIsRefusedAndWhatItOpenedIsReleased() throws Exception {
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        ImporterProvider wrong = ImporterProvider.of("parts", () -> importer("runs").definition(),
                context -> ImporterProvider.opened(importer("runs"), released::incrementAndGet));
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(wrong::definition)
                .withMessage("the importer provider parts gave a definition named runs; a provider's definitions"
                        + " carry its name");
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> wrong.open(dev.intake.core.ImportContext.empty()));
        assertThat(released).hasValue(1);
    }
}
