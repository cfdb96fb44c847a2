-- Forgets the integration id of a Secoda host and integration name (it was deleted in Secoda).
DELETE FROM secoda_sync_integration
WHERE base_url = :base_url
  AND integration_name = :integration_name
