-- The details the JSONL format adds to each table, partitioned table, view, materialized view and
-- foreign table of the connected database: what PostgreSQL calls it, a view's SQL, the columns of
-- its primary key. The same filters and order as columns.sql (the job runs settings.sql first, in
-- the same repeatable-read transaction, so both see one catalog).
--
-- The result columns, by position (the same in every dialect): database_name, schema_name,
-- table_name, native_type, definition, primary_key (a JSON array of column names, or null).
--
-- Shape, as in columns.sql: one scan of pg_class, everything else looked up per table through
-- the catalogs' indexes (pg_namespace by oid, pg_constraint by conrelid, pg_attribute by
-- attrelid and attnum), so no plan depends on the statistics.
SELECT current_database()                                     AS database_name,
       c.nspname                                              AS schema_name,
       c.relname                                              AS table_name,
       CASE c.relkind WHEN 'r' THEN 'table'
                      WHEN 'p' THEN 'partitioned table'
                      WHEN 'v' THEN 'view'
                      WHEN 'm' THEN 'materialized view'
                      WHEN 'f' THEN 'foreign table' END       AS native_type,
       CASE WHEN c.relkind IN ('v', 'm')
            THEN pg_catalog.pg_get_viewdef(c.oid, true) END   AS definition,
       (SELECT CAST(json_agg(a.attname ORDER BY k.n) AS text)
          FROM pg_catalog.pg_constraint pk
         CROSS JOIN LATERAL unnest(pk.conkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_catalog.pg_attribute a
            ON a.attrelid = pk.conrelid
           AND a.attnum = k.attnum
         WHERE pk.conrelid = c.oid
           AND pk.contype = 'p')                              AS primary_key
FROM (
    SELECT c.oid, c.relname, c.relkind,
           (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = c.relnamespace) AS nspname
    FROM pg_catalog.pg_class c
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND (NOT c.relispartition OR current_setting('secoda_sync.include_partitions')::boolean)
    -- Keeps the subquery from being merged into the one above (see columns.sql).
    OFFSET 0
) c
WHERE c.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND c.nspname NOT LIKE 'pg\_temp\_%'
  AND c.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND c.nspname ~* current_setting('secoda_sync.include_schemas')
  AND c.nspname !~* current_setting('secoda_sync.exclude_schemas')
ORDER BY c.nspname COLLATE "C", c.relname COLLATE "C"
