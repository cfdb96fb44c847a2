-- Databases the role can see, one page of at most 10,000 (SHOW's cap) in name order; read "name".
--
-- Paging: while a page has 10,000 rows, the job runs this again with FROM '<last name>' appended
-- (SHOW starts strictly after it). SHOW accepts only a string literal there, not a bind variable,
-- so the job appends the literal itself (SnowflakeNames.stringLiteral escapes ' and \). The name
-- comes from the previous page of this same query, not from configuration.
--
-- SNOWFLAKE and SNOWFLAKE_SAMPLE_DATA are left out by the job, not here: SHOW has no WHERE.
SHOW TERSE DATABASES LIMIT 10000
