-- Lineage for the JSONL format when account-usage: true: every table or view that a view or
-- materialized view of the synced databases and schemas reads, from
-- SNOWFLAKE.ACCOUNT_USAGE.OBJECT_DEPENDENCIES, which records what Snowflake resolved when the view
-- was created, across databases (a view in DB1 over a table in DB2 is one row naming both).
--
-- Why only with account-usage: true: OBJECT_DEPENDENCIES needs IMPORTED PRIVILEGES on the
-- SNOWFLAKE database (which that switch already asks for) and lags up to 3 hours, like the
-- ACCOUNT_USAGE columns that mode reads. Otherwise each view gives its SQL instead (a
-- tables_from_query edge, made by the job from tables.sql's definition, no extra query), which
-- needs no extra grant and is never stale, but leaves the parsing to Secoda and gives nothing for
-- a view whose text the role may not see.
--
-- The result columns, by position (the same in every dialect): source_database, source_schema,
-- source_table, target_database, target_schema, target_table, source_sql (always null here).
--
-- ACCOUNT_USAGE keeps dropped objects and a re-created object has a new id: both ends are joined
-- to TABLES on ids, live rows only, and named as TABLES names them now. The job also keeps only
-- edges whose view it wrote (the lag can list a view INFORMATION_SCHEMA no longer shows).
--
-- Named parameters: :include_databases (case-sensitive POSIX regex of exactly the databases
-- read), :include_schemas, :exclude_schemas as in columns.sql, for the view's side only: the
-- table read may be anywhere in the account (Secoda then names it as an external table).
SELECT DISTINCT
    s.TABLE_CATALOG                                        AS "source_database",
    s.TABLE_SCHEMA                                         AS "source_schema",
    s.TABLE_NAME                                           AS "source_table",
    v.TABLE_CATALOG                                        AS "target_database",
    v.TABLE_SCHEMA                                         AS "target_schema",
    v.TABLE_NAME                                           AS "target_table",
    CAST(NULL AS VARCHAR)                                  AS "source_sql"
FROM SNOWFLAKE.ACCOUNT_USAGE.OBJECT_DEPENDENCIES AS d
JOIN SNOWFLAKE.ACCOUNT_USAGE.TABLES AS v
  ON v.TABLE_ID = d.REFERENCING_OBJECT_ID
 AND v.DELETED IS NULL
JOIN SNOWFLAKE.ACCOUNT_USAGE.TABLES AS s
  ON s.TABLE_ID = d.REFERENCED_OBJECT_ID
 AND s.DELETED IS NULL
WHERE d.REFERENCING_OBJECT_DOMAIN IN ('VIEW', 'MATERIALIZED VIEW')
  AND d.REFERENCED_OBJECT_DOMAIN IN ('TABLE', 'VIEW', 'MATERIALIZED VIEW', 'EXTERNAL TABLE',
                                     'DYNAMIC TABLE', 'EVENT TABLE')
  AND REGEXP_LIKE(v.TABLE_CATALOG, :include_databases)
  AND REGEXP_LIKE(v.TABLE_SCHEMA, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(v.TABLE_SCHEMA, :exclude_schemas, 'i')
