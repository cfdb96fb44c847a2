-- Connection check: proves the login works and counts what a sync would export.
-- Same filters and parameters as columns.sql.
SELECT COUNT(DISTINCT (c.TABLE_SCHEMA, c.TABLE_NAME)) AS tables,
       COUNT(*)                                       AS columns
FROM INFORMATION_SCHEMA.COLUMNS c
WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
  AND REGEXP_LIKE(c.TABLE_SCHEMA, :include_schemas, 'i')
  AND NOT REGEXP_LIKE(c.TABLE_SCHEMA, :exclude_schemas, 'i')
