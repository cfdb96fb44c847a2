package dev.secodasync.config;

import dev.secodasync.support.OwnerOnlyFiles;
import dev.secodasync.sql.SqlFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.springframework.beans.factory.SmartInitializingSingleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds and validates every setting once, at start-up, before anything connects. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecodaProperties.class, SyncProperties.class})
public class SyncConfiguration {

    SyncConfiguration(SyncProperties sync, ConfigurableEnvironment environment) {
        List<String> unknown = SettingKeys.unknown(environment);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException(String.join("; ", unknown));
        }
        // Before the H2 job repository creates it with the default umask: the CSV files and the
        // state hold catalog comments, which can be confidential.
        Path dir = sync.stateDir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidConfigurationException("sync.state-dir " + dir.toAbsolutePath()
                    + " is not a folder: point it at a writable folder");
        }
        try {
            OwnerOnlyFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidConfigurationException("sync.state-dir " + dir.toAbsolutePath() + " cannot be created ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "): point it at a writable folder");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidConfigurationException("sync.state-dir " + dir.toAbsolutePath()
                    + " is not writable by this user: point it at a writable folder (a volume in a container)");
        }
    }

    /** The statements the job runs, with {@code sync.sql-dir} overrides first. */
    @Bean
    SqlFiles sqlFiles(SyncProperties sync) {
        return new SqlFiles(sync.sqlDir());
    }

    /**
     * H2 creates the job repository's files with the process umask; they hold catalog names and
     * run history, so they are made owner-only like the rest of the state directory.
     */
    @Bean
    SmartInitializingSingleton ownerOnlyJobRepositoryFiles(SyncProperties sync) {
        return () -> {
            try (Stream<Path> files = Files.list(sync.stateDir())) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("job-repository")).toList()) {
                    OwnerOnlyFiles.ownerOnly(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the job repository files in " + sync.stateDir()
                        + " owner-only", e);
            }
        };
    }

    @Bean
    RunOptions runOptions(ApplicationArguments args) {
        return RunOptions.from(args);
    }
}
