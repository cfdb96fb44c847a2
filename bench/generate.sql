-- Builds a wide catalog for the secoda-sync benchmark in the connected (empty) database.
-- Settings (set by bench/run.sh with SET before \i-ing this file):
--   bench.tables  number of tables (spread over 4 schemas)
--   bench.columns columns per table
--   bench.views   number of views (each SELECT * of one table, so bench.columns columns each)
--   bench.schemas number of schemas the tables are spread over (1 to 4)
-- and the psql variable `analyze` (-v analyze=true|false): false leaves the catalog as a large
-- migration leaves it with autovacuum off, its statistics those of an empty database.
-- Comments are kept free of newlines so `wc -l` counts CSV records; they do contain commas and
-- double quotes so that the CSV writer has to quote them.
-- Commits every 200 tables: one transaction for 20,000 CREATE TABLEs runs out of lock table slots.
SET synchronous_commit = off;
CREATE SCHEMA IF NOT EXISTS analytics;
CREATE SCHEMA IF NOT EXISTS finance;
CREATE SCHEMA IF NOT EXISTS marketing;
CREATE SCHEMA IF NOT EXISTS sales;

DO $gen$
DECLARE
    n_tables  int := current_setting('bench.tables')::int;
    n_columns int := current_setting('bench.columns')::int;
    n_views   int := current_setting('bench.views')::int;
    n_schemas int := current_setting('bench.schemas')::int;
    schemas   text[] := (ARRAY['analytics', 'finance', 'marketing', 'sales'])[1:n_schemas];
    types     text[] := ARRAY['integer', 'bigint', 'text', 'varchar(255)', 'numeric(12,2)',
                              'timestamp with time zone', 'boolean', 'date', 'jsonb', 'double precision'];
    col_list  text;
    comments  text;
    qname     text;
    i         int;
BEGIN
    -- The same column list for every table: c001_integer, c002_bigint, ...
    SELECT string_agg(format('c%s_%s %s', lpad(k::text, 3, '0'),
                             regexp_replace(split_part(types[1 + (k - 1) % 10], '(', 1), '\W', '_', 'g'),
                             types[1 + (k - 1) % 10]), ', ' ORDER BY k)
      INTO col_list
      FROM generate_series(1, n_columns) k;
    FOR i IN 1 .. n_tables LOOP
        qname := format('%I.%I', schemas[1 + i % n_schemas], 't' || lpad(i::text, 6, '0'));
        -- One statement per table: CREATE, the table comment and a comment on every 5th column.
        SELECT string_agg(format('COMMENT ON COLUMN %s.%I IS %L', qname,
                                 format('c%s_%s', lpad(k::text, 3, '0'),
                                        regexp_replace(split_part(types[1 + (k - 1) % 10], '(', 1), '\W', '_', 'g')),
                                 format('Column %s of table %s, in "units", see docs', k, i)), '; ')
          INTO comments
          FROM generate_series(5, n_columns, 5) k;
        EXECUTE format('CREATE TABLE %s (%s); COMMENT ON TABLE %s IS %L; %s',
                       qname, col_list, qname,
                       format('Bench table %s, holds "sample" rows, for secoda-sync', i),
                       coalesce(comments, ''));
        IF i % 200 = 0 THEN
            COMMIT;
        END IF;
    END LOOP;
    COMMIT;
    FOR i IN 1 .. n_views LOOP
        EXECUTE format('CREATE VIEW %I.%I AS SELECT * FROM %I.%I', schemas[1 + i % n_schemas], 'v' || lpad(i::text, 6, '0'),
                       schemas[1 + i % n_schemas], 't' || lpad(i::text, 6, '0'));
    END LOOP;
END
$gen$;
-- Vacuum sets the hint bits and visibility map of the new catalog rows and the checkpoint writes
-- them out, so the first timed query does not pay for that instead.
\if :analyze
VACUUM (ANALYZE) pg_catalog.pg_class, pg_catalog.pg_attribute, pg_catalog.pg_description,
    pg_catalog.pg_namespace, pg_catalog.pg_type, pg_catalog.pg_depend;
\else
-- No VACUUM either: it would update pg_class.reltuples. Full scans set the hint bits instead.
DO $scan$
BEGIN
    PERFORM count(*) FROM pg_catalog.pg_class;
    PERFORM count(*) FROM pg_catalog.pg_attribute;
    PERFORM count(*) FROM pg_catalog.pg_description;
    PERFORM count(*) FROM pg_catalog.pg_type;
    PERFORM count(*) FROM pg_catalog.pg_depend;
END
$scan$;
\endif
CHECKPOINT;
