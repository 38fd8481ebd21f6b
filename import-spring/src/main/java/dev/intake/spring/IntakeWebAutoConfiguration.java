package dev.intake.spring;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Intake's endpoints under {@code intake.web.base-path} ({@code /intake} by default), in a servlet
 * application, unless {@code intake.web.enabled=false}. Uploads are written to disk as they arrive,
 * up to {@code intake.web.max-file-size}.
 */
@AutoConfiguration(after = {IntakeAutoConfiguration.class, IntakeRunsAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.http.HttpServlet")
@ConditionalOnProperty(prefix = "intake.web", name = "enabled", matchIfMissing = true)
public class IntakeWebAutoConfiguration {

    /**
     * The endpoints' servlet, at {@code {base-path}/api/*}.
     *
     * @param importers the application's importers
     * @param runs the runs of the application's importers
     * @param contexts who imports
     * @param properties Intake's settings
     * @return its registration
     * @throws IOException if the upload directory cannot be made
     */
    @Bean
    @ConditionalOnMissingBean(name = "intakeServlet")
    public ServletRegistrationBean<IntakeServlet> intakeServlet(ImporterRegistry importers, ImporterRuns runs,
            ImportContextResolver contexts, IntakeProperties properties) throws IOException {
        IntakeProperties.Web web = properties.getWeb();
        String base = web.getBasePath();
        if (!base.startsWith("/") || base.endsWith("/") || base.contains("*") || base.contains("//")) {
            throw new IllegalStateException("intake.web.base-path must start with / and not end with one, not " + base);
        }
        Path directory = properties.getRuns().getDirectory();
        Path uploads = Files.createDirectories(directory.resolve("uploads"));
        IntakeServlet servlet = new IntakeServlet(importers, runs, contexts, web, directory.resolve("scratch"));
        ServletRegistrationBean<IntakeServlet> registration = new ServletRegistrationBean<>(servlet, base + "/api/*");
        registration.setName("intakeServlet");
        long max = web.getMaxFileSize().toBytes();
        // the whole form may hold the file and its few fields; each part goes to disk from its first byte
        registration.setMultipartConfig(new MultipartConfigElement(uploads.toString(), max, max + 64 * 1024, 0));
        return registration;
    }

    /**
     * The import console, a page at {@code {base-path}/} over the endpoints, unless
     * {@code intake.web.console=false}.
     *
     * @param properties Intake's settings
     * @return its registration
     */
    @Bean
    @ConditionalOnMissingBean(name = "intakeConsole")
    @ConditionalOnProperty(prefix = "intake.web", name = "console", matchIfMissing = true)
    public ServletRegistrationBean<ConsoleServlet> intakeConsole(IntakeProperties properties) {
        String base = properties.getWeb().getBasePath();
        ServletRegistrationBean<ConsoleServlet> registration = new ServletRegistrationBean<>(new ConsoleServlet(),
                base, base + "/*");
        registration.setName("intakeConsole");
        return registration;
    }
}
