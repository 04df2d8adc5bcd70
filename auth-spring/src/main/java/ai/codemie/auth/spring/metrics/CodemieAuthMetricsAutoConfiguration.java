package ai.codemie.auth.spring.metrics;

import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.spring.CodemieAuthAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The library's meters ({@link MicrometerAuthObserver}) in the application's {@link MeterRegistry}, given to the
 * {@code CodemieAuth} bean as its observer. Only when Micrometer is on the class path and a registry bean exists
 * (Spring Boot's metrics auto-configuration makes one); backs off when the application defines its own
 * {@link AuthObserver}.
 */
@AutoConfiguration(before = CodemieAuthAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "codemie.auth.enabled", matchIfMissing = true)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class CodemieAuthMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(AuthObserver.class)
    MicrometerAuthObserver codemieAuthMeters(MeterRegistry registry) {
        return new MicrometerAuthObserver(registry);
    }
}
