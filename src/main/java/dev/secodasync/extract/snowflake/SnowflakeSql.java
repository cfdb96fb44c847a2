package dev.secodasync.extract.snowflake;

import dev.secodasync.sql.SqlFiles;

/** The statements under {@code sql/snowflake/} (or their {@code sync.sql-dir} overrides). */
record SnowflakeSql(String databases, String columns, String schemas, String columnsBySchema,
        String accountUsageColumns) {

    static SnowflakeSql load() {
        return new SnowflakeSql(
                SqlFiles.load("snowflake", "databases"),
                SqlFiles.load("snowflake", "columns"),
                SqlFiles.load("snowflake", "schemas"),
                SqlFiles.load("snowflake", "columns-by-schema"),
                SqlFiles.load("snowflake", "account-usage-columns"));
    }
}
