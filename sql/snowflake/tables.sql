-- The details the JSONL format adds to each table and view of ONE database, from that database's
-- INFORMATION_SCHEMA (what the session's role may see): what Snowflake calls it and a view's SQL.
-- Run once per database, beside columns.sql; the primary keys come from primary-keys.sql (SHOW),
-- because Snowflake's INFORMATION_SCHEMA has TABLE_CONSTRAINTS but no KEY_COLUMN_USAGE.
--
-- The result columns, by position (the same in every dialect): database_name, schema_name,
-- table_name, native_type, definition, primary_key (always null here).
--
-- native_type: TABLE_TYPE as Snowflake calls it, lower-cased, except BASE TABLE, which is what
-- every other dialect calls "table": table, view, materialized view, external table, event table,
-- temporary table. Transient, dynamic, hybrid and Iceberg tables are BASE TABLE here (their
-- IS_* columns are newer than some accounts' INFORMATION_SCHEMA, so they are not read): "table".
--
-- definition: VIEWS.VIEW_DEFINITION, the whole CREATE statement as Snowflake keeps it. A role that
-- may not see a view's text (a secure view it does not own) gets NULL or an empty string: both
-- become null, so the view is written without a definition and without a tables_from_query edge.
--
-- Named parameters (bound, never concatenated):
--   :tables_view       '"<db>".INFORMATION_SCHEMA.TABLES', through IDENTIFIER() as in columns.sql
--   :views_view        '"<db>".INFORMATION_SCHEMA.VIEWS', likewise
--   :include_schemas   case-insensitive POSIX regex a schema must match (as in columns.sql)
--   :exclude_schemas   case-insensitive POSIX regex a schema must not match (as in columns.sql)
--
-- No ORDER BY: the job sorts one database's tables in memory by the names as the CSV shows them
-- (lower-cased or not), which the SQL cannot do for every lower-case-names setting at no cost.
SELECT
    t.TABLE_CATALOG                                        AS "database_name",
    t.TABLE_SCHEMA                                         AS "schema_name",
    t.TABLE_NAME                                           AS "table_name",
    IFF(t.TABLE_TYPE = 'BASE TABLE', 'table', LOWER(t.TABLE_TYPE)) AS "native_type",
    NULLIF(v.VIEW_DEFINITION, '')                          AS "definition",
    CAST(NULL AS VARCHAR)                                  AS "primary_key"
FROM IDENTIFIER(:tables_view) AS t
-- The view's whole key, so each table meets at most one view row.
LEFT JOIN IDENTIFIER(:views_view) AS v
       ON v.TABLE_CATALOG = t.TABLE_CATALOG
      AND v.TABLE_SCHEMA  = t.TABLE_SCHEMA
      AND v.TABLE_NAME    = t.TABLE_NAME
WHERE t.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
  AND REGEXP_LIKE(t.TABLE_SCHEMA, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(t.TABLE_SCHEMA, :exclude_schemas, 'i')
