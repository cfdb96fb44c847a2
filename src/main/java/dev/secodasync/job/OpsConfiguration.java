package dev.secodasync.job;

import dev.secodasync.config.RunOptions;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.report.RunSummaryWriter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of what makes the job fit schedulers and CI: the run summary and the exit-code policy. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    RunFinisher runFinisher(RunOptions options, SyncProperties sync) {
        return new RunFinisher(options, sync, new RunSummaryWriter(), System.out, Clock.systemUTC());
    }
}
