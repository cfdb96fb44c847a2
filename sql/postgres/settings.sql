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
-- search_path: format_type() qualifies a type with its schema when that schema is not on the
-- path, so the same column would read public.mpaa_rating for one role and mpaa_rating for
-- another, and a change of role would report every custom-typed column as a type change. A
-- fixed path makes col_type the same for every role and session; 'public' keeps what the default
-- path ("$user", public) prints for a role without a schema of its own name. pg_catalog is
-- searched first whatever the path says, and both statements qualify every catalog they read.
--
-- client_encoding: a SQL_ASCII database stores whatever bytes it was given, and converting its
-- comments to UTF8 fails the whole COPY on the first byte that is not UTF-8 ("invalid byte
-- sequence"), naming no object. For such a database the bytes travel as they are; the job decodes
-- them, replaces what is not UTF-8 and names the object in a warning.
--
-- The plan: columns.sql is shaped so that every plan of it is index lookups driven by one scan
-- of pg_class (see there); what is left to set is one server process rather than parallel
-- workers, which leaves the other CPU to the job, and no JIT compilation, which the planner's
-- cost estimate of a million subquery runs switches on and which costs more than it saves on
-- this query (see bench/README.md).
SELECT set_config('secoda_sync.include_schemas', :include_schemas, true),
       set_config('secoda_sync.exclude_schemas', :exclude_schemas, true),
       set_config('secoda_sync.include_partitions', CAST(:include_partitions AS text), true),
       set_config('search_path', 'public', true),
       set_config('max_parallel_workers_per_gather', '0', true),
       set_config('jit', 'off', true),
       set_config('client_encoding', CASE WHEN current_setting('server_encoding') = 'SQL_ASCII'
                                          THEN 'SQL_ASCII' ELSE current_setting('client_encoding') END, true)
