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
-- Tables, views and keys are one UNION ALL grouped by the byte-compared names, not joins:
-- MariaDB fills each information_schema table into an unindexed temporary table and joined them
-- as a nested loop (a correlated subquery over KEY_COLUMN_USAGE refilled it for every table: 16
-- minutes for 2,000 tables; derived tables joined without an index: 2 minutes for 22,000). A
-- grouping sorts once. Within a group the names are the same bytes, so MAX returns them as they
-- are; each branch fills only its own columns, so MAX picks the one value there is.
SELECT :database_label                               AS database_name,
       MAX(u.schema_name)                            AS schema_name,
       MAX(u.table_name)                             AS table_name,
       CASE MAX(u.table_type) WHEN 'BASE TABLE' THEN 'table' ELSE LOWER(MAX(u.table_type)) END AS native_type,
       NULLIF(MAX(u.definition), '')                 AS definition,
       MAX(u.primary_key)                            AS primary_key
FROM (
    SELECT TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, TABLE_TYPE AS table_type,
           CAST(NULL AS CHAR) AS definition, CAST(NULL AS CHAR) AS primary_key
      FROM information_schema.TABLES
     WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
       AND TABLE_TYPE IN ('BASE TABLE', 'VIEW')
       AND TABLE_SCHEMA REGEXP :include_schemas
       AND NOT (TABLE_SCHEMA REGEXP :exclude_schemas)
    UNION ALL
    SELECT TABLE_SCHEMA, TABLE_NAME, NULL, VIEW_DEFINITION, NULL
      FROM information_schema.VIEWS
     WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
       AND TABLE_SCHEMA REGEXP :include_schemas
       AND NOT (TABLE_SCHEMA REGEXP :exclude_schemas)
    UNION ALL
    SELECT MAX(TABLE_SCHEMA), MAX(TABLE_NAME), NULL, NULL, JSON_ARRAYAGG(COLUMN_NAME)
      FROM information_schema.KEY_COLUMN_USAGE
     WHERE CONSTRAINT_NAME = 'PRIMARY'
       AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
       AND TABLE_SCHEMA REGEXP :include_schemas
       AND NOT (TABLE_SCHEMA REGEXP :exclude_schemas)
     GROUP BY CAST(TABLE_SCHEMA AS BINARY), CAST(TABLE_NAME AS BINARY)
) u
GROUP BY CAST(u.schema_name AS BINARY), CAST(u.table_name AS BINARY)
-- A view or key whose table the TABLES branch did not list (filtered out) is not exported.
HAVING MAX(u.table_type) IS NOT NULL
ORDER BY CAST(MAX(u.schema_name) AS BINARY), CAST(MAX(u.table_name) AS BINARY)
