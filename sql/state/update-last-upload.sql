-- Records an accepted upload over the previous one (0 rows when there was none: then insert).
UPDATE secoda_sync_upload
SET warehouse = :warehouse,
    sha256 = :sha256,
    tables_count = :tables_count,
    columns_count = :columns_count,
    uploaded_at = CURRENT_TIMESTAMP
WHERE base_url = :base_url
  AND integration_id = :integration_id
