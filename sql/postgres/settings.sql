-- Transaction-local settings the job makes before columns.sql or check.sql, in the same
-- transaction.
--
-- The filters: columns.sql is a COPY, and COPY takes no bind parameters, so the values travel as
-- custom settings that both statements read with current_setting(). They are still bound here,
-- never concatenated.
--   :include_schemas     case-insensitive regex a schema must match
--   :exclude_schemas     case-insensitive regex a schema must not match
--   :include_partitions  true to list each partition of a partitioned table as a table too
--
-- The plan: PostgreSQL estimates the join to pg_attribute at a few percent of its real size, and
-- on a million columns picks hash joins and a full sort that spills about 470 MB to disk before
-- the first row. Nested loops over the catalog's indexes stream the tables in order and each
-- table's columns in order (an incremental sort per table), on one server process, leaving the
-- other CPU to the job (see bench/README.md).
SELECT set_config('secoda_sync.include_schemas', :include_schemas, true),
       set_config('secoda_sync.exclude_schemas', :exclude_schemas, true),
       set_config('secoda_sync.include_partitions', CAST(:include_partitions AS text), true),
       set_config('enable_hashjoin', 'off', true),
       set_config('enable_mergejoin', 'off', true),
       set_config('max_parallel_workers_per_gather', '0', true)
