package dev.secodasync.extract;

import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.sql.SqlFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Reads a warehouse whose whole catalog is one query on one connection ({@code postgres}, {@code h2}):
 * {@code sql/<dialect>/columns.sql}, streamed through a forward-only cursor (H2) or as a COPY
 * (PostgreSQL, {@link PostgresCopyReader}).
 */
public class JdbcCatalogExtractor implements WarehouseExtractor {

    private final WarehouseKind kind;

    private final int fetchSize;

    /** The kind's SQL is read per warehouse run, so a broken override fails that warehouse only. */
    public JdbcCatalogExtractor(WarehouseKind kind, int fetchSize) {
        this.kind = kind;
        this.fetchSize = fetchSize;
    }

    @Override
    public WarehouseKind kind() {
        return kind;
    }

    @Override
    public ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse) {
        if (kind == WarehouseKind.POSTGRES) {
            return new PostgresCopyReader(WarehouseConnections.dataSource(warehouse), postgresSettings(warehouse));
        }
        SqlFiles.Bound query = SqlFiles.bind(SqlFiles.load(kind.dialect(), "columns"), parameters(warehouse));
        return new JdbcCursorItemReaderBuilder<ColumnRow>()
                .name("columns-" + warehouse.name())
                .dataSource(WarehouseConnections.dataSource(warehouse))
                .sql(query.sql())
                .queryArguments(query.arguments())
                .rowMapper(new ColumnRowMapper())
                // PostgreSQL streams only with autocommit off and a fetch size; otherwise the
                // driver holds every row in memory.
                .connectionAutoCommit(false)
                .fetchSize(fetchSize)
                .verifyCursorPosition(false)
                .saveState(false)
                .build();
    }

    @Override
    public CatalogCount count(WarehouseProperties warehouse) {
        DataSource dataSource = WarehouseConnections.dataSource(warehouse);
        if (kind != WarehouseKind.POSTGRES) {
            SqlFiles.Bound query = SqlFiles.bind(SqlFiles.load(kind.dialect(), "check"), parameters(warehouse));
            return count(JdbcClient.create(dataSource), query);
        }
        // check.sql reads its filters from the settings of settings.sql, made in the same transaction.
        try (Connection connection = dataSource.getConnection()) {
            try {
                PostgresCopyReader.beginWithSettings(connection, postgresSettings(warehouse));
                SqlFiles.Bound query = new SqlFiles.Bound(SqlFiles.load("postgres", "check"), List.of());
                return count(JdbcClient.create(new SingleConnectionDataSource(connection, true)), query);
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException(e.getMessage(), e);
        }
    }

    private static CatalogCount count(JdbcClient jdbc, SqlFiles.Bound query) {
        return jdbc.sql(query.sql())
                .params(query.arguments())
                .query((rs, n) -> new CatalogCount(rs.getLong("tables"), rs.getLong("columns")))
                .single();
    }

    private static SqlFiles.Bound postgresSettings(WarehouseProperties warehouse) {
        return SqlFiles.bind(SqlFiles.load("postgres", "settings"), parameters(warehouse));
    }

    static Map<String, Object> parameters(WarehouseProperties warehouse) {
        return Map.of(
                "include_schemas", SchemaPatterns.toRegex(warehouse.includeSchemas()),
                "exclude_schemas", SchemaPatterns.toRegex(warehouse.excludeSchemas()),
                "include_partitions", warehouse.includePartitions());
    }
}
