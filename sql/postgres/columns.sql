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
--
-- Shape: one scan of pg_class; everything else is read per table or per column through the
-- catalogs' unique or leading-key indexes: the schema name and the table comment as correlated
-- subqueries, the table's columns and their comments in a LATERAL subquery keyed by the table.
-- PostgreSQL can only run those as loops driven by the row that references them, so no plan can
-- scan, hash or materialize the whole of pg_attribute, pg_namespace or pg_description and compare
-- every row with all of it, whatever the statistics say. A catalog that grew by a million columns
-- since its last ANALYZE (autovacuum off, or behind after a migration) carries the estimates of an
-- empty database, which a read-only role cannot refresh; with them the plain joins were planned
-- as nested loops over a materialized pg_description (see bench/README.md). Inside the LATERAL the
-- planner still picks how to match a table's columns with that table's comments (hash, or a loop
-- over the few materialized comments): each choice costs at most the table's own columns times
-- its own comments. One index range scan of pg_description per table is cheaper than a lookup
-- per column.
-- The tables are sorted first (thousands of narrow rows), then joined to their columns, so
-- PostgreSQL sorts each table's few columns (Incremental Sort) instead of a million wide rows.
COPY (
SELECT current_database()                     AS database_name,
       t.nspname                              AS schema_name,
       t.relname                              AS table_name,
       t.description                          AS table_description,
       t.relkind IN ('v', 'm')                AS is_view,
       -- PostgreSQL keeps no per-table modification time.
       CAST(NULL AS bigint)                   AS last_updated_time,
       a.attname                              AS column_name,
       a.description                          AS column_description,
       format_type(a.atttypid, a.atttypmod)   AS column_type,
       a.attnum                               AS sort_order
FROM (
    SELECT c.oid, c.nspname, c.relname, c.relkind,
           (SELECT td.description
              FROM pg_catalog.pg_description td
             WHERE td.objoid = c.oid
               AND td.classoid = 'pg_catalog.pg_class'::regclass
               AND td.objsubid = 0) AS description
    FROM (
        SELECT c.oid, c.relname, c.relkind,
               (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = c.relnamespace) AS nspname
        FROM pg_catalog.pg_class c
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND (NOT c.relispartition OR current_setting('secoda_sync.include_partitions')::boolean)
        -- Keeps the subquery from being merged into the one above: there the schema filters
        -- would each run the pg_namespace lookup again.
        OFFSET 0
    ) c
    WHERE c.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND c.nspname NOT LIKE 'pg\_temp\_%'
      AND c.nspname NOT LIKE 'pg\_toast\_temp\_%'
      AND c.nspname ~* current_setting('secoda_sync.include_schemas')
      AND c.nspname !~* current_setting('secoda_sync.exclude_schemas')
    ORDER BY c.nspname COLLATE "C", c.relname COLLATE "C"
) t
CROSS JOIN LATERAL (
    SELECT a.attname, a.atttypid, a.atttypmod, a.attnum, cd.description
    FROM pg_catalog.pg_attribute a
    LEFT JOIN pg_catalog.pg_description cd
      ON cd.objoid = t.oid
     AND cd.classoid = 'pg_catalog.pg_class'::regclass
     AND cd.objsubid = a.attnum
    WHERE a.attrelid = t.oid
      AND a.attnum > 0
      AND NOT a.attisdropped
    -- Keeps PostgreSQL from merging this subquery into the outer join, where pg_description
    -- could again be joined as a whole: as a subquery it runs once per table, bound to t.oid.
    OFFSET 0
) a
ORDER BY t.nspname COLLATE "C", t.relname COLLATE "C", a.attnum
) TO STDOUT
