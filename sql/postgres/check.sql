-- Connection check: proves the login works and counts what a sync would export.
-- Same filters and the same shape as columns.sql (one scan of pg_class, everything else looked
-- up per table through an index, so that no plan depends on the catalog's statistics), from the
-- settings settings.sql makes first in the same transaction. A table without columns counts
-- neither as a table nor as columns, as in columns.sql, which lists none of its rows.
SELECT count(*) FILTER (WHERE a.columns > 0)  AS tables,
       CAST(coalesce(sum(a.columns), 0) AS bigint) AS columns
FROM (
    SELECT c.oid, c.nspname
    FROM (
        SELECT c.oid,
               (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = c.relnamespace) AS nspname
        FROM pg_catalog.pg_class c
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND (NOT c.relispartition OR current_setting('secoda_sync.include_partitions')::boolean)
        -- As in columns.sql: the schema filters below read the looked-up name once.
        OFFSET 0
    ) c
    WHERE c.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND c.nspname NOT LIKE 'pg\_temp\_%'
      AND c.nspname NOT LIKE 'pg\_toast\_temp\_%'
      AND c.nspname ~* current_setting('secoda_sync.include_schemas')
      AND c.nspname !~* current_setting('secoda_sync.exclude_schemas')
) t
CROSS JOIN LATERAL (
    SELECT count(*) AS columns
    FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = t.oid
      AND a.attnum > 0
      AND NOT a.attisdropped
) a
