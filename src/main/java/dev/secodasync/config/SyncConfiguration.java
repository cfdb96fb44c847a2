package dev.secodasync.config;

import dev.secodasync.sql.SqlFiles;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds and validates every setting once, at start-up, before anything connects. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecodaProperties.class, SyncProperties.class})
public class SyncConfiguration {

    SyncConfiguration(SyncProperties sync) {
        SqlFiles.overrideFrom(sync.sqlDir());
    }

    @Bean
    RunOptions runOptions(ApplicationArguments args) {
        return RunOptions.from(args);
    }
}
