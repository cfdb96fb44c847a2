package dev.secodasync.support;

import java.util.Collection;
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

    /** @param values the secrets the configuration holds; nulls and values under 4 characters are ignored */
    public SecretMasker(Collection<String> values) {
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
