package dev.secodasync.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.config.SecodaProperties;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.testsupport.Warehouses;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksTheTokenPasswordsSecretDriverPropertiesAndUrlPasswords() {
        // given
        SecodaProperties secoda = new SecodaProperties(URI.create("https://api.secoda.co"), "tok-abcdef123",
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), null, null);
        WarehouseProperties warehouse = Warehouses.postgres("w", "jdbc:postgresql://h/d").username("u")
                .password("pg-pass-777").properties(Map.of("sslpassword", "ssl-secret-9")).build();
        SyncProperties sync = new SyncProperties(Path.of("."), List.of(warehouse), 1, 1,
                Duration.ofSeconds(5), SyncProperties.InvalidRowPolicy.FAIL,
                SyncProperties.DottedNamePolicy.SKIP, null, null, Duration.ofHours(6), false, true);
        SecretMasker masker = new SecretMasker(secoda.secretsWith(sync));

        // when
        String masked = masker.mask("Bearer tok-abcdef123 failed for pg-pass-777 / ssl-secret-9 at"
                + " jdbc:postgresql://h/d?user=u&password=inline-secret&ssl=true");

        // then
        assertThat(masked).isEqualTo("Bearer **** failed for **** / **** at"
                + " jdbc:postgresql://h/d?user=u&password=****&ssl=true");
    }

    @Test
    void toStringOfPropertiesNeverShowsSecrets() {
        // given
        SecodaProperties secoda = new SecodaProperties(URI.create("https://api.secoda.co"), "tok-abcdef123",
                null, null, null, null, null, null);
        WarehouseProperties warehouse = Warehouses.postgres("w", "jdbc:postgresql://h/d").username("u")
                .password("pg-pass-777").properties(Map.of("sslpassword", "ssl-secret-9")).build();

        // then
        assertThat(secoda.toString()).doesNotContain("tok-abcdef123");
        assertThat(warehouse.toString()).doesNotContain("pg-pass-777").doesNotContain("ssl-secret-9");
    }

    @Test
    void aPasswordThatIsAlsoAWordIsMaskedOnlyWhereItStandsAlone() {
        // given: the password is "postgres", the database is PostgreSQL, a schema contains the password
        SecretMasker masker = new SecretMasker(List.of("postgres", "s3cret"));

        // when
        String masked = masker.mask("FATAL: password \"postgres\" rejected at jdbc:postgresql://db/postgres_main"
                + " reading schema app_s3cret_copy");

        // then
        assertThat(masked).isEqualTo("FATAL: password \"****\" rejected at jdbc:postgresql://db/postgres_main"
                + " reading schema app_s3cret_copy");
    }
}
