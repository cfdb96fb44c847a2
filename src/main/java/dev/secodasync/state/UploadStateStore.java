package dev.secodasync.state;

import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.sql.SqlFiles;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers the last upload Secoda accepted per integration ({@code secoda_sync_upload}), in the
 * job-repository database so that every machine sharing it sees the same history.
 */
public class UploadStateStore {

    private final JdbcClient jdbc;

    private final String findSql;
    private final String updateSql;
    private final String insertSql;

    public UploadStateStore(DataSource dataSource, SqlFiles sql) {
        this.jdbc = JdbcClient.create(dataSource);
        this.findSql = sql.load("state", "find-last-upload");
        this.updateSql = sql.load("state", "update-last-upload");
        this.insertSql = sql.load("state", "insert-last-upload");
    }

    /** The last accepted upload into this integration, if any. */
    public Optional<LastUpload> find(String baseUrl, String integrationId) {
        return jdbc.sql(findSql)
                .paramSource(Map.of("base_url", baseUrl, "integration_id", integrationId))
                .query((rs, n) -> new LastUpload(rs.getString("warehouse"), rs.getString("sha256"),
                        rs.getLong("tables_count"), rs.getLong("columns_count"),
                        rs.getTimestamp("uploaded_at").toLocalDateTime()))
                .optional();
    }

    /** Records an accepted upload, replacing the previous record of the integration. */
    public void record(String baseUrl, String integrationId, String warehouse, CatalogStats stats) {
        Map<String, Object> params = Map.of("base_url", baseUrl, "integration_id", integrationId,
                "warehouse", warehouse, "sha256", stats.sha256(), "tables_count", stats.tables(),
                "columns_count", stats.columns());
        if (jdbc.sql(updateSql).paramSource(params).update() > 0) {
            return;
        }
        try {
            jdbc.sql(insertSql).paramSource(params).update();
        } catch (DuplicateKeyException raced) {
            jdbc.sql(updateSql).paramSource(params).update();
        }
    }
}
