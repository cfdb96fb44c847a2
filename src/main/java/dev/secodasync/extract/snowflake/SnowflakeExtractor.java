package dev.secodasync.extract.snowflake;

import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.catalog.CatalogCounter;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.catalog.CatalogCount;
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

    /** {@code sql/snowflake/*.sql} is read per warehouse run, so a broken override fails that warehouse only. */
    public SnowflakeExtractor(SqlFiles sql, int fetchSize) {
        this.sql = sql;
        this.fetchSize = fetchSize;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.SNOWFLAKE;
    }

    @Override
    public ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse) {
        return new SnowflakeCatalogReader(warehouse, SnowflakeSql.load(sql), fetchSize);
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
