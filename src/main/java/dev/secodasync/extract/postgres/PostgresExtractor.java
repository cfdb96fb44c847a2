package dev.secodasync.extract.postgres;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.CatalogFilters;
import dev.secodasync.extract.DetailedCatalogReader;
import dev.secodasync.extract.WarehouseConnections;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.sql.SqlFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Reads one PostgreSQL database through {@code pg_catalog}: {@code sql/postgres/settings.sql} binds
 * the filters into transaction-local settings, then {@code columns.sql} streams as a COPY
 * ({@link PostgresCopyReader}); COPY takes no bind parameters.
 */
public class PostgresExtractor implements WarehouseExtractor {

    private final SqlFiles sql;

    /** The SQL is read per warehouse run, so a broken override fails that warehouse only. */
    public PostgresExtractor(SqlFiles sql) {
        this.sql = sql;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.POSTGRES;
    }

    @Override
    public ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse) {
        return new PostgresCopyReader(WarehouseConnections.dataSource(warehouse), settings(warehouse),
                sql.load("postgres", "columns"));
    }

    @Override
    public Optional<ItemStreamReader<CatalogItem>> detailedReader(WarehouseProperties warehouse) {
        return Optional.of(new DetailedCatalogReader(() -> PostgresDetailedSession.open(
                WarehouseConnections.dataSource(warehouse), settings(warehouse), sql.load("postgres", "tables"),
                sql.load("postgres", "columns"), sql.load("postgres", "lineage")), warehouse.name()));
    }

    @Override
    public boolean readsDetails() {
        return true;
    }

    // check.sql reads its filters from the settings of settings.sql, made in the same transaction.
    @Override
    public CatalogCount count(WarehouseProperties warehouse) {
        try (Connection connection = WarehouseConnections.dataSource(warehouse).getConnection()) {
            try {
                PostgresCopyReader.beginWithSettings(connection, settings(warehouse));
                return JdbcClient.create(new SingleConnectionDataSource(connection, true))
                        .sql(sql.load("postgres", "check"))
                        .params(List.of())
                        .query((rs, n) -> new CatalogCount(rs.getLong("tables"), rs.getLong("columns")))
                        .single();
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException(e.getMessage(), e);
        }
    }

    private SqlFiles.Bound settings(WarehouseProperties warehouse) {
        return SqlFiles.bind(sql.load("postgres", "settings"), CatalogFilters.of(warehouse));
    }
}
