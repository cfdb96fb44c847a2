-- Lineage for the JSONL format: every table, view, materialized view or foreign table that a view
-- or materialized view of the synced schemas reads, from the dependencies PostgreSQL records for
-- the view's rewrite rule (pg_rewrite, pg_depend); the same that keeps a table from being dropped
-- under its view. The source may lie outside the synced schemas: the job then names it as an
-- external table. Same filters as columns.sql for the view (settings.sql ran first).
--
-- The result columns, by position (the same in every dialect): source_database, source_schema,
-- source_table, target_database, target_schema, target_table, source_sql (always null here).
SELECT * FROM (
SELECT DISTINCT
       current_database()                                     AS source_database,
       (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = s.relnamespace) AS source_schema,
       s.relname                                              AS source_table,
       current_database()                                     AS target_database,
       v.nspname                                              AS target_schema,
       v.relname                                              AS target_table,
       CAST(NULL AS text)                                     AS source_sql
FROM (
    SELECT c.oid, c.relname,
           (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = c.relnamespace) AS nspname
    FROM pg_catalog.pg_class c
    WHERE c.relkind IN ('v', 'm')
    OFFSET 0
) v
JOIN pg_catalog.pg_rewrite r
  ON r.ev_class = v.oid
JOIN pg_catalog.pg_depend d
  ON d.classid = 'pg_catalog.pg_rewrite'::regclass
 AND d.objid = r.oid
 AND d.refclassid = 'pg_catalog.pg_class'::regclass
 AND d.deptype = 'n'
JOIN pg_catalog.pg_class s
  ON s.oid = d.refobjid
 AND s.oid <> v.oid
 AND s.relkind IN ('r', 'p', 'v', 'm', 'f')
WHERE v.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND v.nspname NOT LIKE 'pg\_temp\_%'
  AND v.nspname ~* current_setting('secoda_sync.include_schemas')
  AND v.nspname !~* current_setting('secoda_sync.exclude_schemas')
-- ORDER BY cannot take COLLATE on an output column of a DISTINCT: sorted outside it.
) e
ORDER BY e.target_schema COLLATE "C", e.target_table COLLATE "C", e.source_schema COLLATE "C", e.source_table COLLATE "C"
