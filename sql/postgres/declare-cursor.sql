-- Opens columns.sql as a server-side cursor: the job sends this line followed by columns.sql.
-- PostgreSQL plans a declared cursor for a fast start, which the JDBC driver's own streaming (a
-- protocol-level portal) does not get; on a million columns the first rows come after 0.15 s
-- instead of 2.5 s. The cursor lives until the transaction ends (the job rolls back when done).
DECLARE secoda_sync_columns NO SCROLL CURSOR FOR
