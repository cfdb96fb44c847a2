package dev.secodasync.report;

import dev.secodasync.config.SecodaProperties;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.config.WarehouseProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text meant for people: the configured token and passwords wherever they
 * appear (a driver may echo a JDBC URL, a server may echo a header), and any
 * {@code password=...} in a URL.
 */
public class SecretMasker {

    private static final String MASK = "****";

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password|pwd|token)=[^&;\\s]*");

    private final List<String> secrets;

    public SecretMasker(SecodaProperties secoda, SyncProperties sync) {
        List<String> values = new ArrayList<>();
        values.add(secoda.apiToken());
        for (WarehouseProperties warehouse : sync.warehouses()) {
            values.add(warehouse.password());
            values.add(warehouse.privateKeyPassphrase());
            values.add(warehouse.privateKey());
            if (warehouse.privateKey() != null) {
                // What the Snowflake driver is given (private_key_base64), in case anything echoes it.
                values.add(Base64.getEncoder().encodeToString(warehouse.privateKey().getBytes(StandardCharsets.UTF_8)));
            }
            values.add(warehouse.token());
            warehouse.properties().forEach((key, value) -> {
                if (key.toLowerCase().matches(".*(password|pwd|token|secret|key).*")) {
                    values.add(value);
                }
            });
        }
        // Longest first, so a secret containing another is masked whole. Very short values
        // would mask ordinary words.
        this.secrets = values.stream()
                .filter(v -> v != null && v.length() >= 4)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** The text with every known secret replaced by {@code ****}. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return URL_PASSWORD.matcher(masked).replaceAll("$1=" + MASK);
    }
}
