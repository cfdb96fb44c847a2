package dev.secodasync.extract.snowflake;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The only places where a name is written into Snowflake SQL text instead of being bound: a
 * database name in {@code IDENTIFIER(...)} (identifiers cannot be bind values; the quoted name
 * itself is still bound as a string), the {@code FROM '...'} of {@code SHOW} paging and the
 * {@code IN DATABASE "..."} scope of {@code SHOW PRIMARY KEYS} (SHOW accepts no bind variables).
 * Everything else is a bound parameter.
 */
final class SnowflakeNames {

    private SnowflakeNames() {
    }

    /** {@code My "odd" DB} becomes {@code "My ""odd"" DB"}: a quoted identifier that keeps case and spaces. */
    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "<db>".INFORMATION_SCHEMA.<view>}, the value given to {@code IDENTIFIER(?)}. */
    static String informationSchemaView(String database, String view) {
        return quoteIdentifier(database) + ".INFORMATION_SCHEMA." + view;
    }

    /**
     * A Snowflake string literal: quotes doubled, and backslashes doubled because a backslash
     * escapes in Snowflake string literals.
     */
    static String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** A case-sensitive POSIX regex matching exactly these names; used for the database filter. */
    static String exactly(List<String> names) {
        return names.stream().map(SnowflakeNames::literalRegex).collect(Collectors.joining("|", "^(", ")$"));
    }

    private static String literalRegex(String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                regex.append('\\');
            }
            regex.append(c);
        }
        return regex.toString();
    }
}
