-- The details the JSONL format adds to each table and view of the connected H2 database: what H2
-- calls it, a view's SQL, the columns of its primary key. Same filters and order as columns.sql.
--
-- The result columns, by position (the same in every dialect): database_name, schema_name,
-- table_name, native_type, definition, primary_key (a JSON array of column names, or null).
--
-- Named parameters (bound, never concatenated):
--   :include_schemas     case-insensitive regex a schema must match
--   :exclude_schemas     case-insensitive regex a schema must not match
--   :include_partitions  unused: H2 has no partitions
SELECT t.TABLE_CATALOG                                        AS database_name,
       t.TABLE_SCHEMA                                         AS schema_name,
       t.TABLE_NAME                                           AS table_name,
       CASE t.TABLE_TYPE WHEN 'BASE TABLE' THEN 'table' ELSE LOWER(t.TABLE_TYPE) END AS native_type,
       v.VIEW_DEFINITION                                      AS definition,
       (SELECT CAST(JSON_ARRAYAGG(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION) AS VARCHAR)
          FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
          JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
            ON k.CONSTRAINT_CATALOG = tc.CONSTRAINT_CATALOG
           AND k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
           AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
         WHERE tc.TABLE_CATALOG = t.TABLE_CATALOG
           AND tc.TABLE_SCHEMA = t.TABLE_SCHEMA
           AND tc.TABLE_NAME = t.TABLE_NAME
           AND tc.CONSTRAINT_TYPE = 'PRIMARY KEY')            AS primary_key
FROM INFORMATION_SCHEMA.TABLES t
LEFT JOIN INFORMATION_SCHEMA.VIEWS v
  ON v.TABLE_CATALOG = t.TABLE_CATALOG
 AND v.TABLE_SCHEMA = t.TABLE_SCHEMA
 AND v.TABLE_NAME = t.TABLE_NAME
WHERE t.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
  AND REGEXP_LIKE(t.TABLE_SCHEMA, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(t.TABLE_SCHEMA, :exclude_schemas, 'i')
ORDER BY t.TABLE_CATALOG, t.TABLE_SCHEMA, t.TABLE_NAME
