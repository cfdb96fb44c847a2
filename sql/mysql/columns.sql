-- Every column of every table and view a MySQL / MariaDB server shows the role, system schemas
-- left out, in the CSV's order.
--
-- MySQL has no schema level under a database: the warehouse's name is the CSV's database
-- (:database_label) and each MySQL database is a schema, the same for every kind that lacks a level.
--
-- A view cannot have a comment: information_schema reports 'VIEW' as its TABLE_COMMENT, left out
-- here. Its columns carry the comments of the columns they show, as information_schema reports.
--
-- MariaDB compares information_schema names case-insensitively: joining on names alone would
-- double every column of two tables that differ only in case (Customers / customers) and give one
-- the other's comment, so the join and the order compare bytes (BINARY). UTF-8 bytes sort as code
-- points, as the other dialects sort (COLLATE "C").
--
-- MariaDB fills each information_schema table into an unindexed temporary table, so a plain join
-- of COLUMNS and TABLES is a nested loop over both (every column against every table: 100,000
-- columns of 2,000 tables took over a minute). TABLES is therefore read as a derived table that
-- the server may not merge back (the LIMIT) and whose byte-compared names are its own columns:
-- the server indexes a derived table on its join columns, one lookup per column. MySQL 8 plans
-- the same shape over its data dictionary. bench/README.md has the EXPLAIN of both shapes.
--   :database_label   the CSV's database name (the warehouse name)
--   :include_schemas  regex a schema must match (case-insensitive, as the column's collation)
--   :exclude_schemas  regex a schema must not match
SELECT :database_label                               AS database_name,
       c.TABLE_SCHEMA                                AS schema_name,
       c.TABLE_NAME                                  AS table_name,
       CASE WHEN t.TABLE_TYPE = 'VIEW' THEN NULL
            ELSE NULLIF(t.TABLE_COMMENT, '') END     AS table_description,
       t.TABLE_TYPE = 'VIEW'                         AS is_view,
       UNIX_TIMESTAMP(t.UPDATE_TIME)                 AS last_updated_epoch_seconds,
       c.COLUMN_NAME                                 AS column_name,
       NULLIF(c.COLUMN_COMMENT, '')                  AS column_description,
       c.COLUMN_TYPE                                 AS column_type,
       c.ORDINAL_POSITION                            AS sort_order
FROM information_schema.COLUMNS c
JOIN (SELECT CAST(TABLE_SCHEMA AS BINARY) AS schema_bytes,
             CAST(TABLE_NAME AS BINARY)   AS table_bytes,
             TABLE_TYPE, TABLE_COMMENT, UPDATE_TIME
        FROM information_schema.TABLES
       WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
         AND TABLE_TYPE IN ('BASE TABLE', 'VIEW')
         AND TABLE_SCHEMA REGEXP :include_schemas
         AND NOT (TABLE_SCHEMA REGEXP :exclude_schemas)
       LIMIT 18446744073709551615) t
  ON t.schema_bytes = CAST(c.TABLE_SCHEMA AS BINARY)
 AND t.table_bytes = CAST(c.TABLE_NAME AS BINARY)
WHERE c.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
  AND c.TABLE_SCHEMA REGEXP :include_schemas
  AND NOT (c.TABLE_SCHEMA REGEXP :exclude_schemas)
ORDER BY BINARY c.TABLE_SCHEMA, BINARY c.TABLE_NAME, c.ORDINAL_POSITION
