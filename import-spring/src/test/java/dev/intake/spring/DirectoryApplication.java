package dev.intake.spring;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.type.Types;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.spi.Importer;
import dev.intake.spi.RecordRepository;
import dev.intake.spi.WriteContext;
import dev.intake.spi.Written;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host as the starter means it: a definition, a mapper, a repository, its security; nothing of
 * Intake's wiring.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DirectoryApplication {
    /** Holds the writes of a run until the test lets them go; null lets every write through. */
    static volatile CountDownLatch gate;

    record Employee(String email, @Size(max = 20) String name, BigDecimal salary) {
    }

    static final ImportDefinition EMPLOYEES = ImportDefinition.builder("employees")
            .column(Column.email("email").label("Email").required())
            .column(Column.text("name").label("Full name").required())
            .column(Column.decimal("salary", Locale.GERMANY).label("Salary"))
            .key("email")
            .mode(Mode.UPSERT)
            .allowModes(Mode.CREATE_ONLY)
            .requestCheck((context, problems) -> {
                Set<?> roles = context.attribute(ImportContextResolver.ROLES, Set.class).orElse(Set.of());
                if (!roles.contains("ROLE_IMPORTER")) {
                    problems.accept(Problem.of(ProblemCode.NOT_AUTHORIZED, context.caller().orElse("nobody")
                            + " has no role IMPORTER"));
                }
            })
            .requestCheck((context, problems) -> {
                if (!context.caller().orElse("").equals("ada")) {
                    problems.accept(Problem.of(ProblemCode.NOT_AUTHORIZED, context.caller().orElse("nobody")
                            + " may not import employees"));
                }
            })
            .build();

    @Bean
    Importer<Employee> employees(ImporterFactory intake, JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS employees (email VARCHAR(254) PRIMARY KEY, name VARCHAR(200),"
                + " salary DECIMAL(12, 2))");
        RecordRepository<Employee> repository = new RecordRepository<>() {
            @Override
            public Written create(Employee employee, WriteContext context) throws Exception {
                CountDownLatch wait = gate;
                if (wait != null && !wait.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
                jdbc.update("INSERT INTO employees (email, name, salary) VALUES (?, ?, ?)", employee.email().toLowerCase(
                        Locale.ROOT), employee.name(), employee.salary());
                return Written.of(employee.email(), employee.email());
            }

            @Override
            public Optional<String> findExisting(Employee employee, WriteContext context) {
                return jdbc.queryForList("SELECT email FROM employees WHERE email = ?", String.class,
                        employee.email().toLowerCase(Locale.ROOT)).stream().findFirst();
            }

            @Override
            public Written update(String id, Employee employee, WriteContext context) {
                jdbc.update("UPDATE employees SET name = ?, salary = ? WHERE email = ?", employee.name(),
                        employee.salary(), id);
                return Written.of(id, employee.email());
            }

            @Override
            public Optional<String> keyOf(Employee employee) {
                return Optional.of(employee.email());
            }
        };
        return intake.builder(EMPLOYEES, row -> new Employee(row.value("email", String.class).orElseThrow(),
                row.value("name", String.class).orElseThrow(), row.value("salary", BigDecimal.class).orElse(null)),
                repository).build();
    }

    /** Connections the badges importer holds now: one while a run executes, none after. */
    static final AtomicInteger BADGE_CONNECTIONS = new AtomicInteger();
    /** Importers the badges provider opened. */
    static final AtomicInteger BADGE_OPENS = new AtomicInteger();

    record Badge(String email, String colour) {
    }

    /**
     * Badges, by an importer made for each run: it reads the colours there are when the run starts and
     * writes on a connection of its own, with statements prepared on it, committing it itself.
     */
    @Bean
    ImporterProvider badges(DataSource dataSource, JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS badge_colours (name VARCHAR(20) PRIMARY KEY)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS badges (email VARCHAR(254) PRIMARY KEY, colour VARCHAR(20))");
        if (jdbc.queryForObject("SELECT COUNT(*) FROM badge_colours", Integer.class) == 0) {
            jdbc.update("INSERT INTO badge_colours (name) VALUES ('blue'), ('green')");
        }
        return ImporterProvider.of("badges", () -> {
            try (Connection connection = dataSource.getConnection()) {
                return badges(connection);
            }
        }, context -> {
            Connection connection = dataSource.getConnection();
            BADGE_CONNECTIONS.incrementAndGet();
            BADGE_OPENS.incrementAndGet();
            try {
                PreparedStatement insert = connection.prepareStatement("INSERT INTO badges (email, colour) VALUES (?, ?)");
                Importer<Badge> importer = Importer.builder(badges(connection), row -> new Badge(
                        row.value("email", String.class).orElseThrow(), row.value("colour", String.class).orElseThrow()),
                        new RecordRepository<Badge>() {
                            @Override
                            public Written create(Badge badge, WriteContext write) throws SQLException {
                                insert.setString(1, badge.email());
                                insert.setString(2, badge.colour());
                                insert.executeUpdate();
                                return Written.of(badge.email(), badge.email());
                            }

                            @Override
                            public Optional<String> keyOf(Badge badge) {
                                return Optional.of(badge.email());
                            }
                        }).transactions(new JdbcTransactions(connection)).build();
                return ImporterProvider.opened(importer, () -> {
                    BADGE_CONNECTIONS.decrementAndGet();
                    connection.close();
                });
            } catch (SQLException | RuntimeException e) {
                BADGE_CONNECTIONS.decrementAndGet();
                connection.close();
                throw e;
            }
        });
    }

    private static ImportDefinition badges(Connection connection) throws SQLException {
        List<String> colours = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM badge_colours ORDER BY name");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                colours.add(rows.getString(1));
            }
        }
        return ImportDefinition.builder("badges")
                .column(Column.email("email").label("Email").required())
                .column(Column.of("colour", Types.option(colours)).label("Colour").required())
                .mode(Mode.CREATE_ONLY)
                .build();
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/intake/**"))
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("ada").password("{noop}ada-pass").roles("IMPORTER").build(),
                User.withUsername("bob").password("{noop}bob-pass").roles("IMPORTER").build(),
                User.withUsername("cy").password("{noop}cy-pass").roles("VIEWER").build());
    }
}
