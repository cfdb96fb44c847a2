package dev.secodasync.extract.snowflake;

import dev.secodasync.sql.SqlFiles;

/** The statements under {@code sql/snowflake/} (or their {@code sync.sql-dir} overrides). */
record SnowflakeSql(String databases, String columns, String schemas, String columnsBySchema,
        String accountUsageColumns, String tables, String primaryKeys, String accountUsageLineage) {

    static SnowflakeSql load(SqlFiles sql) {
        return new SnowflakeSql(
                sql.load("snowflake", "databases"),
                sql.load("snowflake", "columns"),
                sql.load("snowflake", "schemas"),
                sql.load("snowflake", "columns-by-schema"),
                sql.load("snowflake", "account-usage-columns"),
                sql.load("snowflake", "tables"),
                sql.load("snowflake", "primary-keys"),
                sql.load("snowflake", "account-usage-lineage"));
    }
}
