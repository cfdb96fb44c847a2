-- The benchmark's limit (issue 12): the plain join of the catalog, as anyone would write it, run
-- by psql's \copy with PostgreSQL's own plan. Same result columns, filters and order as
-- sql/postgres/columns.sql; the filters come from the settings bench/run.sh makes with SET.
SELECT current_database(), n.nspname, c.relname, td.description, c.relkind IN ('v', 'm'),
       CAST(NULL AS bigint), a.attname, cd.description, format_type(a.atttypid, a.atttypmod), a.attnum
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_description td
  ON td.objoid = c.oid AND td.classoid = 'pg_catalog.pg_class'::regclass AND td.objsubid = 0
LEFT JOIN pg_catalog.pg_description cd
  ON cd.objoid = c.oid AND cd.classoid = 'pg_catalog.pg_class'::regclass AND cd.objsubid = a.attnum
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND (NOT c.relispartition OR current_setting('secoda_sync.include_partitions')::boolean)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND n.nspname ~* current_setting('secoda_sync.include_schemas')
  AND n.nspname !~* current_setting('secoda_sync.exclude_schemas')
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", a.attnum
