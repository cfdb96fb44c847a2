-- Every column of every table, partitioned table, view, materialized view and foreign table of
-- the connected database, in the order Secoda's importer groups them (code-point order of
-- schema and table, then column position), as COPY's text format: the server streams the rows
-- without waiting for the job to ask for the next batch (a cursor's FETCH is one round trip per
-- batch, with the server idle while the job reads it). The job runs settings.sql first, in the
-- same transaction: it holds the filters (COPY takes no bind parameters) and the plan settings.
--
-- The result columns, by position (the job reads them so, as in every dialect):
-- database_name, schema_name, table_name, table_description, is_view, last_updated_time,
-- column_name, column_description, column_type, sort_order.
--
-- pg_catalog rather than information_schema: information_schema.columns leaves out
-- materialized views and only shows objects the role holds a privilege on.
-- pg_description is LEFT JOINed once per level; col_description()/obj_description() per row
-- make the query about three times slower on a million columns.
--
-- Shape: the tables are sorted first (thousands of narrow rows), then joined to their columns,
-- so PostgreSQL sorts each table's few columns (Incremental Sort) instead of a million wide rows.
COPY (
SELECT current_database()                     AS database_name,
       t.nspname                              AS schema_name,
       t.relname                              AS table_name,
       t.description                          AS table_description,
       t.relkind IN ('v', 'm')                AS is_view,
       -- PostgreSQL keeps no per-table modification time.
       CAST(NULL AS bigint)                   AS last_updated_time,
       a.attname                              AS column_name,
       cd.description                         AS column_description,
       format_type(a.atttypid, a.atttypmod)   AS column_type,
       a.attnum                               AS sort_order
FROM (
    SELECT c.oid, n.nspname, c.relname, c.relkind, td.description
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n
      ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_description td
      ON td.objoid = c.oid
     AND td.classoid = 'pg_catalog.pg_class'::regclass
     AND td.objsubid = 0
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND (NOT c.relispartition OR current_setting('secoda_sync.include_partitions')::boolean)
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND n.nspname NOT LIKE 'pg\_temp\_%'
      AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
      AND n.nspname ~* current_setting('secoda_sync.include_schemas')
      AND n.nspname !~* current_setting('secoda_sync.exclude_schemas')
    ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
) t
JOIN pg_catalog.pg_attribute a
  ON a.attrelid = t.oid
 AND a.attnum > 0
 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_description cd
  ON cd.objoid = a.attrelid
 AND cd.classoid = 'pg_catalog.pg_class'::regclass
 AND cd.objsubid = a.attnum
ORDER BY t.nspname COLLATE "C", t.relname COLLATE "C", a.attnum
) TO STDOUT
