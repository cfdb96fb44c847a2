-- Every column of every table and view of the connected H2 database, in the order Secoda's
-- importer groups them. H2 orders strings by Java's String.compareTo (UTF-16 code units), which
-- equals code-point order except between supplementary characters and U+E000..U+FFFF.
--
-- Named parameters (bound, never concatenated):
--   :include_schemas     case-insensitive regex a schema must match
--   :exclude_schemas     case-insensitive regex a schema must not match
--   :include_partitions  unused: H2 has no partitions
SELECT c.TABLE_CATALOG                                   AS database_name,
       c.TABLE_SCHEMA                                    AS schema_name,
       c.TABLE_NAME                                      AS table_name,
       t.REMARKS                                         AS table_description,
       t.TABLE_TYPE = 'VIEW'                             AS is_view,
       -- TABLES.LAST_MODIFICATION is a change counter, not a time.
       CAST(NULL AS BIGINT)                              AS last_updated_time,
       c.COLUMN_NAME                                     AS column_name,
       c.REMARKS                                         AS column_description,
       c.DATA_TYPE                                       AS column_type,
       c.ORDINAL_POSITION                                AS sort_order
FROM INFORMATION_SCHEMA.COLUMNS c
JOIN INFORMATION_SCHEMA.TABLES t
  ON t.TABLE_CATALOG = c.TABLE_CATALOG
 AND t.TABLE_SCHEMA = c.TABLE_SCHEMA
 AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
  AND REGEXP_LIKE(c.TABLE_SCHEMA, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(c.TABLE_SCHEMA, :exclude_schemas, 'i')
ORDER BY c.TABLE_CATALOG, c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION
