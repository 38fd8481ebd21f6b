package dev.intake.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.spi.ImportJournal;
import dev.intake.spi.TransactionBoundary;
import dev.intake.spi.memory.InMemoryRunStore;
import dev.intake.spi.memory.InMemoryTransactions;
import dev.intake.spi.run.ImportRuns;
import dev.intake.spi.run.RunStore;
import dev.intake.jdbc.JdbcRunStore;
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
            assertThat(context.getBean(RunStore.class)).isInstanceOf(JdbcRunStore.class);
            assertThat(context).hasSingleBean(ImportRuns.class).hasSingleBean(ImporterFactory.class)
                    .hasSingleBean(ImporterRegistry.class).hasSingleBean(ImportContextResolver.class);
            assertThat(context.getBean("intakeServlet", ServletRegistrationBean.class).getUrlMappings())
                    .containsExactly("/intake/api/*");
        });
    }

    @Test
    void withoutADatabaseRunsAreKeptInMemoryAndThereIsNoJournalNorBoundary() {
        plain().run(context -> {
            assertThat(context).doesNotHaveBean(TransactionBoundary.class).doesNotHaveBean(ImportJournal.class);
            assertThat(context.getBean(RunStore.class)).isInstanceOf(InMemoryRunStore.class);
            assertThat(context).doesNotHaveBean("intakeServlet");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final InMemoryTransactions TRANSACTIONS = new InMemoryTransactions();
        static final InMemoryRunStore RUNS = new InMemoryRunStore();

        @Bean
        TransactionBoundary myTransactions() {
            return TRANSACTIONS;
        }

        @Bean
        RunStore myRuns() {
            return RUNS;
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
            assertThat(context.getBean(RunStore.class)).isSameAs(OwnBeans.RUNS);
            assertThat(context.getBean(ImportContextResolver.class)).isNotInstanceOf(PrincipalContextResolver.class);
        });
    }

    @Test
    void runsAreHandedOutThroughDbSchedulerOnTheDatabaseUnlessKeptInProcess() {
        web().run(context -> {
            assertThat(context).hasSingleBean(ScheduledImportRuns.class).hasSingleBean(ImportRuns.class);
            assertThat(context.getBean(ImportRuns.class)).isSameAs(context.getBean(ScheduledImportRuns.class).runs());
        });
        web().withPropertyValues("intake.runs.scheduler=in-process").run(context ->
                assertThat(context).doesNotHaveBean(ScheduledImportRuns.class).hasSingleBean(ImportRuns.class));
        plain().run(context -> assertThat(context).doesNotHaveBean(ScheduledImportRuns.class));
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
                assertThat(context).doesNotHaveBean("intakeServlet").hasSingleBean(ImportRuns.class));
        web().withPropertyValues("intake.web.base-path=/admin/imports").run(context ->
                assertThat(context.getBean("intakeServlet", ServletRegistrationBean.class).getUrlMappings())
                        .containsExactly("/admin/imports/api/*"));
        web().withPropertyValues("intake.web.base-path=imports/").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining(
                        "intake.web.base-path must start with / and not end with one, not imports/"));
    }
}
