-- The columns of ONE schema of one database: the fallback when columns.sql fails with 090030
-- "Information schema query returned too much data". An equality predicate on TABLE_SCHEMA is
-- what lets Snowflake answer a large INFORMATION_SCHEMA piece by piece.
--
-- Named parameters: :columns_view, :tables_view, :exclude_columns, :lower_case_names as in
-- columns.sql; :schema_name, the schema exactly as schemas.sql returned it (a value, so bound).
-- The schema filters are not repeated: schemas.sql applied them.
SELECT
    c.TABLE_CATALOG                                        AS "database_name",
    c.TABLE_SCHEMA                                         AS "schema_name",
    c.TABLE_NAME                                           AS "table_name",
    t.COMMENT                                              AS "table_description",
    COALESCE(t.TABLE_TYPE IN ('VIEW', 'MATERIALIZED VIEW'), FALSE) AS "is_view",
    DATE_PART(EPOCH_SECOND, t.LAST_ALTERED)                AS "last_updated_time",
    c.COLUMN_NAME                                          AS "column_name",
    c.COMMENT                                              AS "column_description",
    c.DATA_TYPE                                            AS "column_type",
    c.ORDINAL_POSITION                                     AS "sort_order"
FROM IDENTIFIER(:columns_view) AS c
-- The schema predicate sits inside the derived table too, so that TABLES is also read for one
-- schema only (a big TABLES view can hit 090030 on its own).
LEFT JOIN (
    SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, COMMENT, LAST_ALTERED
    FROM IDENTIFIER(:tables_view)
    WHERE TABLE_SCHEMA = :schema_name
) AS t
       ON t.TABLE_CATALOG = c.TABLE_CATALOG
      AND t.TABLE_SCHEMA  = c.TABLE_SCHEMA
      AND t.TABLE_NAME    = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = :schema_name
  AND NOT REGEXP_LIKE(c.COLUMN_NAME, :exclude_columns, 'i')
ORDER BY COLLATE(IFF(:lower_case_names, LOWER(c.TABLE_NAME), c.TABLE_NAME), 'utf8'),
         COLLATE(c.TABLE_NAME, 'utf8'),
         c.ORDINAL_POSITION
