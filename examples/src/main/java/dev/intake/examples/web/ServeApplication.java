package dev.intake.examples.web;

import dev.intake.examples.cascadia.CascadiaApi;
import dev.intake.examples.cascadia.CascadiaImports;
import dev.intake.examples.cascadia.CascadiaStore;
import dev.intake.examples.jdbc.Connections;
import dev.intake.examples.jdbc.Database;
import dev.intake.spi.TransactionBoundary;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The examples' web host ({@code serve}): a Spring Boot application (Spring MVC on embedded Tomcat,
 * HikariCP, Spring's transactions and validator) serving the seeds' import APIs over one database.
 * Intake plugs in through {@link SpringTransactions} and {@link SpringConnections}, the way it would
 * in any Spring application.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CascadiaApi.class)
public class ServeApplication {

    /**
     * Where the host's JDBC code gets its connections: Spring's transaction's.
     *
     * @param dataSource the pool
     * @return the connections
     */
    @Bean
    public Connections connections(DataSource dataSource) {
        return new SpringConnections(dataSource);
    }

    /**
     * Intake's transaction boundary over Spring's transaction manager.
     *
     * @param transactions the manager
     * @return the boundary
     */
    @Bean
    public TransactionBoundary transactionBoundary(PlatformTransactionManager transactions) {
        return new SpringTransactions(transactions);
    }

    /**
     * Spring's Bean Validation validator (Hibernate Validator).
     *
     * @return the validator
     */
    @Bean
    public LocalValidatorFactoryBean validator() {
        return new LocalValidatorFactoryBean();
    }

    /**
     * The Import API's imports.
     *
     * @param connections the connections
     * @param transactions the boundary
     * @param validator Spring's validator
     * @return the imports
     */
    @Bean
    public CascadiaImports cascadiaImports(Connections connections, TransactionBoundary transactions,
            LocalValidatorFactoryBean validator) {
        return new CascadiaImports(new CascadiaStore(connections), transactions, validator);
    }

    /**
     * Starts the host: prepares the database (schema and reference data on first use), then the web
     * server.
     *
     * @param port the HTTP port; 0 for any free one
     * @param url the database's JDBC URL
     * @param more further Spring properties
     * @return the running application
     * @throws SQLException if the database cannot be prepared
     */
    public static ConfigurableApplicationContext start(int port, String url, Map<String, Object> more)
            throws SQLException {
        Database.open(url).close();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.datasource.url", url);
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.http.converters.preferred-json-mapper", "jackson2");
        properties.put("spring.sql.init.mode", "never");
        properties.put("server.error.include-message", "never");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.intake", "INFO");
        if (url.startsWith("jdbc:h2:")) {
            // the runs example's tables have columns named key and value
            properties.put("spring.datasource.hikari.connection-init-sql", "SET NON_KEYWORDS KEY, VALUE");
        }
        properties.putAll(more);
        SpringApplication application = new SpringApplication(ServeApplication.class);
        application.setDefaultProperties(properties);
        application.setLogStartupInfo(false);
        return application.run();
    }
}
