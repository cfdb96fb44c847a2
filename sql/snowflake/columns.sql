-- Every column of ONE database, with its table, from that database's INFORMATION_SCHEMA (which
-- shows only what the session's role may see). Run once per database; databases.sql lists them.
--
-- Named parameters (bound, never concatenated):
--   :columns_view      '"<db>".INFORMATION_SCHEMA.COLUMNS', used through IDENTIFIER(): a database
--                      name is an identifier and cannot be a plain bind value. The caller quotes it
--                      (" doubled) in SnowflakeNames.quoteIdentifier, the one place that does.
--   :tables_view       '"<db>".INFORMATION_SCHEMA.TABLES', likewise
--   :include_schemas   case-insensitive POSIX regex a schema must match
--   :exclude_schemas   case-insensitive POSIX regex a schema must not match (the seed's STAGE_*,
--                      HIST_*, ... by default; "_" is literal in it, so HIST_* does not match HISTORY)
--   :exclude_columns   case-insensitive POSIX regex a column must not match (the seed's DW_*)
--   :lower_case_names  true: order by the lower-cased names, as the CSV will show them
--
-- Output aliases are quoted so that they come back in lower case (Snowflake upper-cases unquoted
-- aliases); the job reads the columns by position anyway, in the order every dialect uses.
SELECT
    c.TABLE_CATALOG                                        AS "database_name",
    c.TABLE_SCHEMA                                         AS "schema_name",
    c.TABLE_NAME                                           AS "table_name",
    t.COMMENT                                              AS "table_description",
    -- Materialized views are views for Secoda. A missing TABLES row (dropped meanwhile) reads as
    -- "not a view" rather than dropping the column.
    COALESCE(t.TABLE_TYPE IN ('VIEW', 'MATERIALIZED VIEW'), FALSE) AS "is_view",
    -- Whole seconds since 1970; LAST_ALTERED is TIMESTAMP_LTZ, so the session time zone does not matter.
    DATE_PART(EPOCH_SECOND, t.LAST_ALTERED)                AS "last_updated_time",
    c.COLUMN_NAME                                          AS "column_name",
    c.COMMENT                                              AS "column_description",
    c.DATA_TYPE                                            AS "column_type",
    c.ORDINAL_POSITION                                     AS "sort_order"
FROM IDENTIFIER(:columns_view) AS c
-- The join uses the view's whole key (database, schema, table), so each column meets at most one
-- table: no fan-out, hence no DISTINCT (which would also merge genuinely distinct rows).
LEFT JOIN IDENTIFIER(:tables_view) AS t
       ON t.TABLE_CATALOG = c.TABLE_CATALOG
      AND t.TABLE_SCHEMA  = c.TABLE_SCHEMA
      AND t.TABLE_NAME    = c.TABLE_NAME
WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
  AND REGEXP_LIKE(c.TABLE_SCHEMA, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(c.TABLE_SCHEMA, :exclude_schemas, 'i')
  AND NOT REGEXP_LIKE(c.COLUMN_NAME, :exclude_columns, 'i')
-- 'utf8' collation compares code points, whatever collation a column was declared with: the
-- order the CSV needs. Names are ordered as the CSV shows them (lower-cased or not), then by their
-- original spelling, so that names which collide once lower-cased come out next to each other and
-- the job can report them.
ORDER BY COLLATE(IFF(:lower_case_names, LOWER(c.TABLE_SCHEMA), c.TABLE_SCHEMA), 'utf8'),
         COLLATE(c.TABLE_SCHEMA, 'utf8'),
         COLLATE(IFF(:lower_case_names, LOWER(c.TABLE_NAME), c.TABLE_NAME), 'utf8'),
         COLLATE(c.TABLE_NAME, 'utf8'),
         c.ORDINAL_POSITION
