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
--
-- Views and keys are derived tables the server indexes on the byte-compared names, one lookup
-- per table (see columns.sql): a correlated subquery over KEY_COLUMN_USAGE refilled that
-- information_schema table for every table (minutes for 2,000 tables on MariaDB).
SELECT :database_label                               AS database_name,
       t.TABLE_SCHEMA                                AS schema_name,
       t.TABLE_NAME                                  AS table_name,
       CASE t.TABLE_TYPE WHEN 'BASE TABLE' THEN 'table' ELSE LOWER(t.TABLE_TYPE) END AS native_type,
       NULLIF(v.VIEW_DEFINITION, '')                 AS definition,
       k.primary_key                                 AS primary_key
FROM information_schema.TABLES t
LEFT JOIN (SELECT CAST(TABLE_SCHEMA AS BINARY) AS schema_bytes,
                  CAST(TABLE_NAME AS BINARY)   AS table_bytes,
                  VIEW_DEFINITION
             FROM information_schema.VIEWS
            WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
              AND TABLE_SCHEMA REGEXP :include_schemas
              AND NOT (TABLE_SCHEMA REGEXP :exclude_schemas)
            LIMIT 18446744073709551615) v
  ON v.schema_bytes = CAST(t.TABLE_SCHEMA AS BINARY)
 AND v.table_bytes = CAST(t.TABLE_NAME AS BINARY)
LEFT JOIN (SELECT CAST(TABLE_SCHEMA AS BINARY) AS schema_bytes,
                  CAST(TABLE_NAME AS BINARY)   AS table_bytes,
                  JSON_ARRAYAGG(COLUMN_NAME)   AS primary_key
             FROM information_schema.KEY_COLUMN_USAGE
            WHERE CONSTRAINT_NAME = 'PRIMARY'
              AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
              AND TABLE_SCHEMA REGEXP :include_schemas
              AND NOT (TABLE_SCHEMA REGEXP :exclude_schemas)
            GROUP BY CAST(TABLE_SCHEMA AS BINARY), CAST(TABLE_NAME AS BINARY)) k
  ON k.schema_bytes = CAST(t.TABLE_SCHEMA AS BINARY)
 AND k.table_bytes = CAST(t.TABLE_NAME AS BINARY)
WHERE t.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
  AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW')
  AND t.TABLE_SCHEMA REGEXP :include_schemas
  AND NOT (t.TABLE_SCHEMA REGEXP :exclude_schemas)
ORDER BY BINARY t.TABLE_SCHEMA, BINARY t.TABLE_NAME
