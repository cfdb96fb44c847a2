package dev.secodasync.state;

import dev.secodasync.sql.SqlFiles;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which Secoda integration id belongs to each (Secoda base URL, integration name), in the
 * job-repository database ({@code sql/state/schema.sql}), so the integration is created once. When
 * the job repository is shared (PostgreSQL), every machine sees the same ids.
 */
public class IntegrationStateStore {

    private final JdbcClient jdbc;

    private final String findSql;
    private final String insertSql;
    private final String deleteSql;

    public IntegrationStateStore(DataSource dataSource, SqlFiles sql) {
        this.jdbc = JdbcClient.create(dataSource);
        this.findSql = sql.load("state", "find-integration");
        this.insertSql = sql.load("state", "insert-integration");
        this.deleteSql = sql.load("state", "delete-integration");
    }

    /** The id remembered for this integration name on this Secoda host. */
    public Optional<String> find(String baseUrl, String integrationName) {
        return jdbc.sql(findSql)
                .paramSource(Map.of("base_url", baseUrl, "integration_name", integrationName))
                .query(String.class)
                .optional();
    }

    /** Remembers the id; when another run recorded one first, the recorded one wins and is returned. */
    public String save(String baseUrl, String integrationName, String integrationId) {
        try {
            jdbc.sql(insertSql)
                    .paramSource(Map.of("base_url", baseUrl, "integration_name", integrationName,
                            "integration_id", integrationId))
                    .update();
            return integrationId;
        } catch (DuplicateKeyException e) {
            return find(baseUrl, integrationName).orElse(integrationId);
        }
    }

    /** Forgets the id, e.g. because the integration was deleted in Secoda. */
    public void forget(String baseUrl, String integrationName) {
        jdbc.sql(deleteSql)
                .paramSource(Map.of("base_url", baseUrl, "integration_name", integrationName))
                .update();
    }
}
