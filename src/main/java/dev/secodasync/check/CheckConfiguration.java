package dev.secodasync.check;

import dev.secodasync.config.RunOptions;
import dev.secodasync.config.SecodaProperties;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.extract.WarehouseExtractors;
import dev.secodasync.secoda.SecodaClient;
import dev.secodasync.support.SecretMasker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of {@code --check}: it uses the job's extractors and Secoda client, and runs instead of the job. */
@Configuration(proxyBeanMethods = false)
public class CheckConfiguration {

    @Bean
    ConnectionCheckRunner connectionCheckRunner(RunOptions options, SyncProperties sync, SecodaProperties secoda,
            WarehouseExtractors extractors, SecodaClient client, SecretMasker masker) {
        return new ConnectionCheckRunner(options, () -> new ConnectionCheck(options.select(sync.effectiveWarehouses()),
                extractors, client, secoda, options.dryRun(), masker, new SyncPrediction(sync, options.force())),
                System.out);
    }
}
