-- What columns.sql would return, counted (--check): same filters, same join.
SELECT COUNT(DISTINCT BINARY c.TABLE_SCHEMA, BINARY c.TABLE_NAME) AS tables,
       COUNT(*)                                                   AS columns
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t
  ON BINARY t.TABLE_SCHEMA = BINARY c.TABLE_SCHEMA
 AND BINARY t.TABLE_NAME = BINARY c.TABLE_NAME
WHERE c.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
  AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW')
  AND c.TABLE_SCHEMA REGEXP :include_schemas
  AND NOT (c.TABLE_SCHEMA REGEXP :exclude_schemas)
