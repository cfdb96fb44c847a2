-- The last upload Secoda accepted for an integration.
SELECT warehouse, sha256, tables_count, columns_count, uploaded_at
FROM secoda_sync_upload
WHERE base_url = :base_url
  AND integration_id = :integration_id
