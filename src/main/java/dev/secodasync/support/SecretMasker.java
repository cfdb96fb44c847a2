package dev.secodasync.support;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes secrets from text meant for people: the configured token and passwords wherever they
 * appear (a driver may echo a JDBC URL, a server may echo a header), and any
 * {@code password=...} in a URL.
 */
public class SecretMasker {

    private static final String MASK = "****";

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password|pwd|token)=[^&;\\s]*");

    // A secret counts only where it stands as a whole, not inside a longer name: a password
    // "postgres" must not turn jdbc:postgresql:// into jdbc:****ql://, nor a schema that contains
    // the password tell the reader so.
    private static final String NOT_WITHIN_A_NAME_BEFORE = "(?<![\\p{L}\\p{N}_])";
    private static final String NOT_WITHIN_A_NAME_AFTER = "(?![\\p{L}\\p{N}_])";

    private final Pattern secretsPattern;

    /** @param values the secrets the configuration holds; nulls and values under 4 characters are ignored */
    public SecretMasker(Collection<String> values) {
        // Longest first, so a secret containing another is masked whole. Very short values
        // would mask ordinary words.
        List<String> secrets = values.stream()
                .filter(v -> v != null && v.length() >= 4)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.secretsPattern = secrets.isEmpty() ? null : Pattern.compile(secrets.stream()
                .map(secret -> NOT_WITHIN_A_NAME_BEFORE + Pattern.quote(secret) + NOT_WITHIN_A_NAME_AFTER)
                .collect(Collectors.joining("|")));
    }

    /** The text with every known secret replaced by {@code ****}. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = secretsPattern == null ? text : secretsPattern.matcher(text).replaceAll(MASK);
        return URL_PASSWORD.matcher(masked).replaceAll("$1=" + MASK);
    }
}
