-- The next rows of the cursor opened by declare-cursor.sql. FETCH takes no bind parameter for
-- its count, so the batch size is fixed here (sync.fetch-size applies to the other dialects).
FETCH FORWARD 10000 FROM secoda_sync_columns
