-- Schemas of ONE database, for the per-schema fallback after error 090030 ("Information schema
-- query returned too much data"). SCHEMATA has one row per schema, so it stays small where
-- COLUMNS does not.
--
-- Named parameters: :schemata_view ('"<db>".INFORMATION_SCHEMA.SCHEMATA', quoted as in
-- columns.sql), :include_schemas, :exclude_schemas, :lower_case_names as in columns.sql, so that
-- the fallback reads exactly the schemas the single query would have, in the same order.
SELECT
    s.CATALOG_NAME AS "database_name",
    s.SCHEMA_NAME  AS "schema_name"
FROM IDENTIFIER(:schemata_view) AS s
WHERE s.SCHEMA_NAME <> 'INFORMATION_SCHEMA'
  AND REGEXP_LIKE(s.SCHEMA_NAME, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(s.SCHEMA_NAME, :exclude_schemas, 'i')
ORDER BY COLLATE(IFF(:lower_case_names, LOWER(s.SCHEMA_NAME), s.SCHEMA_NAME), 'utf8'),
         COLLATE(s.SCHEMA_NAME, 'utf8')
