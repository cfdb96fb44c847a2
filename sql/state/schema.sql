-- State store of secoda-sync, kept beside Spring Batch's tables in the job-repository database.
-- Portable between H2 and PostgreSQL.

-- The Secoda integration each (Secoda host, integration name) maps to: created once, reused.
CREATE TABLE IF NOT EXISTS secoda_sync_integration (
    base_url         VARCHAR(500) NOT NULL,
    integration_name VARCHAR(500) NOT NULL,
    integration_id   VARCHAR(200) NOT NULL,
    recorded_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (base_url, integration_name)
);

-- The last upload Secoda accepted for each integration: the base of the unchanged check and the
-- shrink guard. Kept per integration (not per warehouse) because that is what Secoda compares.
CREATE TABLE IF NOT EXISTS secoda_sync_upload (
    base_url       VARCHAR(500) NOT NULL,
    integration_id VARCHAR(200) NOT NULL,
    warehouse      VARCHAR(200) NOT NULL,
    sha256         VARCHAR(64)  NOT NULL,
    tables_count   BIGINT       NOT NULL,
    columns_count  BIGINT       NOT NULL,
    uploaded_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (base_url, integration_id)
);
