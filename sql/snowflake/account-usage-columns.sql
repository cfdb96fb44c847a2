-- Every column of every database in ONE query, from SNOWFLAKE.ACCOUNT_USAGE (account-usage: true).
-- Needs IMPORTED PRIVILEGES on the SNOWFLAKE database; lags 45 minutes to 3 hours behind DDL.
--
-- Named parameters: :include_databases (case-sensitive POSIX regex of the configured databases,
-- or '.*' for all), :exclude_databases (SNOWFLAKE, SNOWFLAKE_SAMPLE_DATA when no databases are
-- configured, else a regex matching nothing), and :include_schemas, :exclude_schemas,
-- :exclude_columns, :lower_case_names as in columns.sql.
--
-- ACCOUNT_USAGE keeps dropped objects, and a re-created object has a new id under the same name:
-- join on ids, never on names, and keep only live rows on both sides.
SELECT
    c.TABLE_CATALOG                                        AS "database_name",
    c.TABLE_SCHEMA                                         AS "schema_name",
    c.TABLE_NAME                                           AS "table_name",
    t.COMMENT                                              AS "table_description",
    (t.TABLE_TYPE IN ('VIEW', 'MATERIALIZED VIEW'))        AS "is_view",
    DATE_PART(EPOCH_SECOND, t.LAST_ALTERED)                AS "last_updated_time",
    c.COLUMN_NAME                                          AS "column_name",
    c.COMMENT                                              AS "column_description",
    c.DATA_TYPE                                            AS "column_type",
    c.ORDINAL_POSITION                                     AS "sort_order"
FROM SNOWFLAKE.ACCOUNT_USAGE.COLUMNS AS c
-- Inner join: a live column whose table row is deleted belongs to a dropped table.
JOIN SNOWFLAKE.ACCOUNT_USAGE.TABLES AS t
  ON t.TABLE_ID = c.TABLE_ID
WHERE c.DELETED IS NULL
  AND t.DELETED IS NULL
  AND c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
  AND REGEXP_LIKE(c.TABLE_CATALOG, :include_databases)
  AND NOT REGEXP_LIKE(c.TABLE_CATALOG, :exclude_databases)
  AND REGEXP_LIKE(c.TABLE_SCHEMA, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(c.TABLE_SCHEMA, :exclude_schemas, 'i')
  AND NOT REGEXP_LIKE(c.COLUMN_NAME, :exclude_columns, 'i')
ORDER BY COLLATE(IFF(:lower_case_names, LOWER(c.TABLE_CATALOG), c.TABLE_CATALOG), 'utf8'),
         COLLATE(c.TABLE_CATALOG, 'utf8'),
         COLLATE(IFF(:lower_case_names, LOWER(c.TABLE_SCHEMA), c.TABLE_SCHEMA), 'utf8'),
         COLLATE(c.TABLE_SCHEMA, 'utf8'),
         COLLATE(IFF(:lower_case_names, LOWER(c.TABLE_NAME), c.TABLE_NAME), 'utf8'),
         COLLATE(c.TABLE_NAME, 'utf8'),
         c.ORDINAL_POSITION
