package dev.secodasync.extract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the glob patterns of {@code include-schemas} / {@code exclude-schemas} into one regular
 * expression each, bound as a parameter of {@code columns.sql} so that filtering happens in the
 * database. The syntax used (anchors, groups, alternation, backslash escapes) means the same in
 * PostgreSQL, Java (H2) and POSIX ERE (Snowflake).
 */
public final class SchemaPatterns {

    /** Matches no schema name: every schema has at least one character. */
    public static final String NOTHING = "^$";

    private SchemaPatterns() {
    }

    /** {@code ["sales_*", "hr"]} becomes {@code ^(sales_.*|hr)$}; an empty list matches nothing. */
    public static String toRegex(List<String> globs) {
        if (globs.isEmpty()) {
            return NOTHING;
        }
        return globs.stream().map(SchemaPatterns::globToRegex).collect(Collectors.joining("|", "^(", ")$"));
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '.', '^', '$', '|', '(', ')', '[', ']', '{', '}', '+', '\\' -> regex.append('\\').append(c);
                default -> regex.append(c);
            }
        }
        return regex.toString();
    }
}
