-- Remembers the integration id for a Secoda host and integration name.
INSERT INTO secoda_sync_integration (base_url, integration_name, integration_id, recorded_at)
VALUES (:base_url, :integration_name, :integration_id, CURRENT_TIMESTAMP)
