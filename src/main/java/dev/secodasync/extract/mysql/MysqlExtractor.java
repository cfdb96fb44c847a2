package dev.secodasync.extract.mysql;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.CatalogFilters;
import dev.secodasync.extract.CursorQueries;
import dev.secodasync.extract.DetailedCatalogReader;
import dev.secodasync.extract.PlainDetailedSession;
import dev.secodasync.extract.WarehouseConnections;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.sql.SqlFiles;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a MySQL or MariaDB server: {@code sql/mysql/columns.sql} over {@code information_schema},
 * streamed (MariaDB Connector/J streams a result with a positive fetch size instead of reading it
 * whole into memory). MySQL has no schema level: the warehouse name stands for the database and
 * each MySQL database is a schema.
 */
public class MysqlExtractor implements WarehouseExtractor {

    private final SqlFiles sql;

    private final int fetchSize;

    public MysqlExtractor(SqlFiles sql, int fetchSize) {
        this.sql = sql;
        this.fetchSize = fetchSize;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.MYSQL;
    }

    @Override
    public ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse) {
        return CursorQueries.reader(warehouse, SqlFiles.bind(sql.load("mysql", "columns"), parameters(warehouse)), fetchSize);
    }

    @Override
    public Optional<ItemStreamReader<CatalogItem>> detailedReader(WarehouseProperties warehouse) {
        Map<String, Object> parameters = parameters(warehouse);
        return Optional.of(new DetailedCatalogReader(() -> PlainDetailedSession.open(
                WarehouseConnections.dataSource(warehouse), SqlFiles.bind(sql.load("mysql", "tables"), parameters),
                SqlFiles.bind(sql.load("mysql", "columns"), parameters),
                SqlFiles.bind(sql.load("mysql", "lineage"), parameters), fetchSize), warehouse.name()));
    }

    @Override
    public boolean readsDetails() {
        return true;
    }

    @Override
    public CatalogCount count(WarehouseProperties warehouse) {
        return CursorQueries.count(warehouse, SqlFiles.bind(sql.load("mysql", "check"), parameters(warehouse)));
    }

    private static Map<String, Object> parameters(WarehouseProperties warehouse) {
        Map<String, Object> parameters = new HashMap<>(CatalogFilters.of(warehouse));
        parameters.put("database_label", warehouse.name());
        return parameters;
    }
}
