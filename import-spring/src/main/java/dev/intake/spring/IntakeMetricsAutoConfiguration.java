package dev.intake.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Intake's meters in the application's Micrometer registry, when it has one (Actuator brings it):
 * what {@link MicrometerRunObserver} lists, under {@code /actuator/metrics}.
 */
@AutoConfiguration(before = IntakeRunsAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
public class IntakeMetricsAutoConfiguration {

    /**
     * The meters.
     *
     * @param registry the application's registry
     * @return the observer that records them
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MeterRegistry.class)
    public RunObserver intakeRunMetrics(MeterRegistry registry) {
        return new MicrometerRunObserver(registry);
    }
}
