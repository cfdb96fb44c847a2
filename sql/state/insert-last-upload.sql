-- Records the first accepted upload of an integration.
INSERT INTO secoda_sync_upload (base_url, integration_id, warehouse, sha256, tables_count, columns_count, uploaded_at)
VALUES (:base_url, :integration_id, :warehouse, :sha256, :tables_count, :columns_count, CURRENT_TIMESTAMP)
