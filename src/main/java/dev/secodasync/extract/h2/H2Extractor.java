package dev.secodasync.extract.h2;

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
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads an H2 database (the built-in demo, or any H2 database): {@code sql/h2/columns.sql}
 * through a forward-only cursor on one connection.
 */
public class H2Extractor implements WarehouseExtractor {

    private final SqlFiles sql;

    private final int fetchSize;

    /** The SQL is read per warehouse run, so a broken override fails that warehouse only. */
    public H2Extractor(SqlFiles sql, int fetchSize) {
        this.sql = sql;
        this.fetchSize = fetchSize;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.H2;
    }

    @Override
    public ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse) {
        return CursorQueries.reader(warehouse, SqlFiles.bind(sql.load("h2", "columns"), CatalogFilters.of(warehouse)), fetchSize);
    }

    @Override
    public Optional<ItemStreamReader<CatalogItem>> detailedReader(WarehouseProperties warehouse) {
        Map<String, Object> filters = CatalogFilters.of(warehouse);
        return Optional.of(new DetailedCatalogReader(() -> PlainDetailedSession.open(
                WarehouseConnections.dataSource(warehouse), SqlFiles.bind(sql.load("h2", "tables"), filters),
                SqlFiles.bind(sql.load("h2", "columns"), filters), SqlFiles.bind(sql.load("h2", "lineage"), filters),
                fetchSize), warehouse.name()));
    }

    @Override
    public boolean readsDetails() {
        return true;
    }

    @Override
    public CatalogCount count(WarehouseProperties warehouse) {
        return CursorQueries.count(warehouse, SqlFiles.bind(sql.load("h2", "check"), CatalogFilters.of(warehouse)));
    }
}
