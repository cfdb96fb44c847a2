package dev.secodasync.job;

import dev.secodasync.config.RunOptions;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.report.RunSummaryWriter;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of what makes the job fit schedulers and CI: the run summary, the exit-code policy and the
 * optional push of the run's metrics (Spring Boot's {@code management.prometheus.metrics.export.*}
 * settings, bound here because Boot's metrics auto-configuration is excluded, see {@link RunMetrics}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrometheusProperties.class)
public class OpsConfiguration {

    @Bean
    RunFinisher runFinisher(RunOptions options, SyncProperties sync) {
        return new RunFinisher(options, sync, new RunSummaryWriter(), System.out, Clock.systemUTC());
    }

    @Bean
    RunMetrics runMetrics(PrometheusProperties prometheus) {
        return new RunMetrics(prometheus, Clock.systemUTC());
    }
}
