-- Lineage for the JSONL format: what each view reads. MariaDB keeps no table of view
-- dependencies (MySQL 8's VIEW_TABLE_USAGE has no MariaDB counterpart), so each view gives its
-- SQL, from which Secoda finds the tables (a tables_from_query edge). Same filters as columns.sql.
--
-- The result columns, by position (the same in every dialect): source_database, source_schema,
-- source_table (null: the source is the query), target_database, target_schema, target_table,
-- source_sql.
--
-- Named parameters (bound, never concatenated):
--   :database_label      the CSV's database: the warehouse's name
--   :include_schemas     regex a MySQL database must match
--   :exclude_schemas     regex a MySQL database must not match
SELECT CAST(NULL AS CHAR)                            AS source_database,
       CAST(NULL AS CHAR)                            AS source_schema,
       CAST(NULL AS CHAR)                            AS source_table,
       :database_label                               AS target_database,
       v.TABLE_SCHEMA                                AS target_schema,
       v.TABLE_NAME                                  AS target_table,
       v.VIEW_DEFINITION                             AS source_sql
FROM information_schema.VIEWS v
WHERE v.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
  AND v.VIEW_DEFINITION <> ''
  AND v.TABLE_SCHEMA REGEXP :include_schemas
  AND NOT (v.TABLE_SCHEMA REGEXP :exclude_schemas)
ORDER BY BINARY v.TABLE_SCHEMA, BINARY v.TABLE_NAME
