-- Lineage for the JSONL format: what each view of the connected H2 database reads. H2 keeps no
-- table of view dependencies, so each view gives its SQL, from which Secoda finds the tables
-- (a tables_from_query edge). Same filters as columns.sql.
--
-- The result columns, by position (the same in every dialect): source_database, source_schema,
-- source_table (null: the source is the query), target_database, target_schema, target_table,
-- source_sql.
--
-- Named parameters (bound, never concatenated):
--   :include_schemas     case-insensitive regex a schema must match
--   :exclude_schemas     case-insensitive regex a schema must not match
--   :include_partitions  unused: H2 has no partitions
SELECT CAST(NULL AS VARCHAR) AS source_database,
       CAST(NULL AS VARCHAR) AS source_schema,
       CAST(NULL AS VARCHAR) AS source_table,
       v.TABLE_CATALOG       AS target_database,
       v.TABLE_SCHEMA        AS target_schema,
       v.TABLE_NAME          AS target_table,
       v.VIEW_DEFINITION     AS source_sql
FROM INFORMATION_SCHEMA.VIEWS v
WHERE v.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
  AND v.VIEW_DEFINITION IS NOT NULL
  AND REGEXP_LIKE(v.TABLE_SCHEMA, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(v.TABLE_SCHEMA, :exclude_schemas, 'i')
ORDER BY v.TABLE_CATALOG, v.TABLE_SCHEMA, v.TABLE_NAME
