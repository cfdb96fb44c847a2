-- The details the JSONL format adds to each table and view: what MySQL calls it, a view's SQL
-- (information_schema shows it only to a role allowed SHOW VIEW on it, else ''), the columns of
-- its primary key. Same filters and order as columns.sql.
--
-- The result columns, by position (the same in every dialect): database_name, schema_name,
-- table_name, native_type, definition, primary_key (a JSON array of column names, or null).
--
-- Named parameters (bound, never concatenated):
--   :database_label      the CSV's database: the warehouse's name
--   :include_schemas     regex a MySQL database must match
--   :exclude_schemas     regex a MySQL database must not match
SELECT :database_label                               AS database_name,
       t.TABLE_SCHEMA                                AS schema_name,
       t.TABLE_NAME                                  AS table_name,
       CASE t.TABLE_TYPE WHEN 'BASE TABLE' THEN 'table' ELSE LOWER(t.TABLE_TYPE) END AS native_type,
       NULLIF(v.VIEW_DEFINITION, '')                 AS definition,
       (SELECT JSON_ARRAYAGG(k.COLUMN_NAME)
          FROM information_schema.KEY_COLUMN_USAGE k
         WHERE BINARY k.TABLE_SCHEMA = BINARY t.TABLE_SCHEMA
           AND BINARY k.TABLE_NAME = BINARY t.TABLE_NAME
           AND k.CONSTRAINT_NAME = 'PRIMARY')        AS primary_key
FROM information_schema.TABLES t
LEFT JOIN information_schema.VIEWS v
  ON BINARY v.TABLE_SCHEMA = BINARY t.TABLE_SCHEMA
 AND BINARY v.TABLE_NAME = BINARY t.TABLE_NAME
WHERE t.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
  AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW')
  AND t.TABLE_SCHEMA REGEXP :include_schemas
  AND NOT (t.TABLE_SCHEMA REGEXP :exclude_schemas)
ORDER BY BINARY t.TABLE_SCHEMA, BINARY t.TABLE_NAME
