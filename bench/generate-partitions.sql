-- Builds the partitions case of the secoda-sync benchmark in the connected (empty) database: one
-- partitioned table, bench.partitions list partitions of it, the first bench.subpartitioned of
-- them partitioned again into bench.subpartitions each, and bench.tables plain tables beside it,
-- all of bench.columns columns, with comments as in generate.sql.
-- include-partitions false lists the parent and the plain tables; true lists every partition too.
SET synchronous_commit = off;
CREATE SCHEMA IF NOT EXISTS events;

DO $gen$
DECLARE
    n_parts   int := current_setting('bench.partitions')::int;
    n_subbed  int := current_setting('bench.subpartitioned')::int;
    n_subs    int := current_setting('bench.subpartitions')::int;
    n_tables  int := current_setting('bench.tables')::int;
    n_columns int := current_setting('bench.columns')::int;
    col_list  text;
    i         int;
    j         int;
BEGIN
    -- part_key and sub_key route the rows; the other columns are as in generate.sql's tables.
    SELECT 'part_key integer NOT NULL, sub_key integer NOT NULL, '
           || string_agg(format('c%s_text text', lpad(k::text, 3, '0')), ', ' ORDER BY k)
      INTO col_list
      FROM generate_series(3, n_columns) k;
    EXECUTE format('CREATE TABLE events.log (%s) PARTITION BY LIST (part_key)', col_list);
    COMMENT ON TABLE events.log IS 'Bench partitioned table, "sample" rows, for secoda-sync';
    EXECUTE 'COMMENT ON COLUMN events.log.c005_text IS ''Column 5, in "units", see docs''';
    FOR i IN 1 .. n_parts LOOP
        IF i <= n_subbed THEN
            EXECUTE format('CREATE TABLE events.%I PARTITION OF events.log FOR VALUES IN (%s) PARTITION BY LIST (sub_key)',
                           'log_p' || lpad(i::text, 4, '0'), i);
            FOR j IN 1 .. n_subs LOOP
                EXECUTE format('CREATE TABLE events.%I PARTITION OF events.%I FOR VALUES IN (%s)',
                               'log_p' || lpad(i::text, 4, '0') || '_s' || j, 'log_p' || lpad(i::text, 4, '0'), j);
            END LOOP;
        ELSE
            EXECUTE format('CREATE TABLE events.%I PARTITION OF events.log FOR VALUES IN (%s)',
                           'log_p' || lpad(i::text, 4, '0'), i);
        END IF;
        IF i % 100 = 0 THEN
            COMMIT;
        END IF;
    END LOOP;
    FOR i IN 1 .. n_tables LOOP
        EXECUTE format('CREATE TABLE events.%I (%s); COMMENT ON TABLE events.%I IS %L',
                       't' || lpad(i::text, 6, '0'), col_list, 't' || lpad(i::text, 6, '0'),
                       format('Bench table %s, for secoda-sync', i));
    END LOOP;
    COMMIT;
END
$gen$;
VACUUM (ANALYZE) pg_catalog.pg_class, pg_catalog.pg_attribute, pg_catalog.pg_description,
    pg_catalog.pg_namespace, pg_catalog.pg_type, pg_catalog.pg_depend, pg_catalog.pg_inherits;
CHECKPOINT;
