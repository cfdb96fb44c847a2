-- Connection check: proves the login works and counts what a sync would export.
-- Same filters as columns.sql, from the settings settings.sql makes first in the same transaction.
SELECT count(DISTINCT c.oid) AS tables,
       count(*)              AS columns
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n
  ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a
  ON a.attrelid = c.oid
 AND a.attnum > 0
 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND (NOT c.relispartition OR current_setting('secoda_sync.include_partitions')::boolean)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND n.nspname ~* current_setting('secoda_sync.include_schemas')
  AND n.nspname !~* current_setting('secoda_sync.exclude_schemas')
