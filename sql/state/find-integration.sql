-- The integration id remembered for a Secoda host and integration name.
SELECT integration_id
FROM secoda_sync_integration
WHERE base_url = :base_url
  AND integration_name = :integration_name
