package dev.secodasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar carries the configuration metadata the processor generated, where IDEs look for
 * it ({@code META-INF/spring-configuration-metadata.json}), unchanged by the shade step. Runs after
 * {@code package}, as {@code PackagedJarIT} does.
 */
class ConfigurationMetadataIT {

    private static final Path JAR = Path.of("target/secoda-sync.jar");

    @Test
    void theJarShipsTheGeneratedMetadata() throws IOException {
        // given
        assertThat(JAR).as("%s (mvn package)", JAR).isRegularFile();
        byte[] generated = Files.readAllBytes(ConfigurationMetadata.GENERATED);

        // when
        byte[] shipped;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/spring-configuration-metadata.json");
            assertThat(entry).as("META-INF/spring-configuration-metadata.json in %s", JAR).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                shipped = in.readAllBytes();
            }
        }

        // then
        assertThat(new String(shipped, StandardCharsets.UTF_8))
                .isEqualTo(new String(generated, StandardCharsets.UTF_8))
                .contains("\"sync.warehouses\"", "\"secoda.retry.max-attempts\"");
    }
}
