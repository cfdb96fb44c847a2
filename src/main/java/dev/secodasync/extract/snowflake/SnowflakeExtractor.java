package dev.secodasync.extract.snowflake;

import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.catalog.CatalogCounter;
import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.extract.DetailedCatalogReader;
import dev.secodasync.extract.WarehouseConnections;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.catalog.CatalogCount;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one Snowflake account: every database the role can see (or the configured ones), each
 * through its own {@code INFORMATION_SCHEMA}, or all at once through {@code SNOWFLAKE.ACCOUNT_USAGE}
 * ({@code account-usage: true}). Names are lower-cased by default, as the Secoda seed query does;
 * names that collide once lower-cased fail the warehouse.
 */
public class SnowflakeExtractor implements WarehouseExtractor {

    private final SqlFiles sql;

    private final int fetchSize;

    private final Function<WarehouseProperties, DataSource> connections;

    private final int showPageSize;

    /** Signs in with the warehouse's own settings ({@link WarehouseConnections#dataSource}). */
    public SnowflakeExtractor(SqlFiles sql, int fetchSize) {
        this(sql, fetchSize, WarehouseConnections::dataSource);
    }

    /**
     * {@code sql/snowflake/*.sql} is read per warehouse run, so a broken override fails that warehouse only.
     *
     * @param connections a warehouse's sessions: a data source that signs in anew on each
     *     {@code getConnection()}; the reader pools them itself
     */
    public SnowflakeExtractor(SqlFiles sql, int fetchSize, Function<WarehouseProperties, DataSource> connections) {
        this(sql, fetchSize, connections, SnowflakeDatabases.SHOW_PAGE_SIZE);
    }

    /**
     * @param showPageSize the most rows one {@code SHOW PRIMARY KEYS} answers (Snowflake's cap,
     *     10,000); an answer this long is asked again per schema, then per table
     */
    public SnowflakeExtractor(SqlFiles sql, int fetchSize, Function<WarehouseProperties, DataSource> connections,
            int showPageSize) {
        this.sql = sql;
        this.fetchSize = fetchSize;
        this.connections = connections;
        this.showPageSize = showPageSize;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.SNOWFLAKE;
    }

    @Override
    public ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse) {
        return new SnowflakeCatalogReader(warehouse, SnowflakeSql.load(sql), fetchSize, connections);
    }

    /**
     * Table details (native type, view SQL, primary keys from {@code SHOW PRIMARY KEYS}) database by
     * database, the columns as {@link #reader} reads them, then the lineage ({@link SnowflakeDetailedSession}).
     */
    @Override
    public Optional<ItemStreamReader<CatalogItem>> detailedReader(WarehouseProperties warehouse) {
        return Optional.of(new DetailedCatalogReader(() -> new SnowflakeDetailedSession(warehouse,
                SnowflakeSql.load(sql), fetchSize, connections, showPageSize), warehouse.name()));
    }

    @Override
    public boolean readsDetails() {
        return true;
    }

    /** Walks the catalog as a sync would (same queries, same checks), counting instead of writing. */
    @Override
    public CatalogCount count(WarehouseProperties warehouse) {
        ItemStreamReader<ColumnRow> reader = reader(warehouse);
        reader.open(new ExecutionContext());
        try {
            CatalogCounter counter = new CatalogCounter();
            ColumnRow row;
            while ((row = read(reader)) != null) {
                counter.add(row.database(), row.schema(), row.table(), row.view());
            }
            return new CatalogCount(counter.tables(), counter.columns());
        } finally {
            reader.close();
        }
    }

    private static ColumnRow read(ItemStreamReader<ColumnRow> reader) {
        try {
            return reader.read();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
