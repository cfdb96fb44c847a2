package dev.secodasync.job;

import dev.secodasync.check.ConnectionCheck;
import dev.secodasync.check.ConnectionCheckRunner;
import dev.secodasync.config.RunOptions;
import dev.secodasync.config.SecodaProperties;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.extract.WarehouseExtractors;
import dev.secodasync.report.RunReport;
import dev.secodasync.report.RunSummaryWriter;
import dev.secodasync.report.SecretMasker;
import dev.secodasync.secoda.SecodaClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of what makes the job fit schedulers and CI: the run summary, the exit-code policy, {@code --check}. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    RunFinisher runFinisher(RunReport report, RunOptions options, SyncProperties sync) {
        return new RunFinisher(report, options, sync, new RunSummaryWriter(), System.out, Clock.systemUTC());
    }

    @Bean
    ConnectionCheckRunner connectionCheckRunner(RunOptions options, SyncProperties sync, SecodaProperties secoda,
            WarehouseExtractors extractors, SecodaClient client, SecretMasker masker) {
        return new ConnectionCheckRunner(options, () -> new ConnectionCheck(options.select(sync.effectiveWarehouses()),
                extractors, client, secoda, options.dryRun(), masker), System.out);
    }
}
