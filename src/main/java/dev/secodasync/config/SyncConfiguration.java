package dev.secodasync.config;

import dev.secodasync.support.OwnerOnlyFiles;
import dev.secodasync.sql.SqlFiles;
import java.io.IOException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds and validates every setting once, at start-up, before anything connects. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecodaProperties.class, SyncProperties.class})
public class SyncConfiguration {

    SyncConfiguration(SyncProperties sync) throws IOException {
        // Before the H2 job repository creates it with the default umask: the CSV files and the
        // state hold catalog comments, which can be confidential.
        OwnerOnlyFiles.createDirectories(sync.stateDir());
    }

    /** The statements the job runs, with {@code sync.sql-dir} overrides first. */
    @Bean
    SqlFiles sqlFiles(SyncProperties sync) {
        return new SqlFiles(sync.sqlDir());
    }

    @Bean
    RunOptions runOptions(ApplicationArguments args) {
        return RunOptions.from(args);
    }
}
