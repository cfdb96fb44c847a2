package dev.secodasync.config;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds and validates every setting once, at start-up, before anything connects. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecodaProperties.class, SyncProperties.class})
public class SyncConfiguration {

    @Bean
    RunOptions runOptions(ApplicationArguments args) {
        return RunOptions.from(args);
    }
}
