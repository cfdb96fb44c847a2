package dev.secodasync.extract.snowflake;

import dev.secodasync.sql.SqlFiles;

/** The statements under {@code sql/snowflake/} (or their {@code sync.sql-dir} overrides). */
record SnowflakeSql(String databases, String columns, String schemas, String columnsBySchema,
        String accountUsageColumns) {

    static SnowflakeSql load(SqlFiles sql) {
        return new SnowflakeSql(
                sql.load("snowflake", "databases"),
                sql.load("snowflake", "columns"),
                sql.load("snowflake", "schemas"),
                sql.load("snowflake", "columns-by-schema"),
                sql.load("snowflake", "account-usage-columns"));
    }
}
