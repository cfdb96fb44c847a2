package dev.secodasync.extract.jdbc;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.DetailedCatalogReader;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.support.Errors;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads any database with a JDBC driver through {@code java.sql.DatabaseMetaData} ({@code kind:
 * jdbc}): no SQL of its own, so nothing under {@code sql/jdbc/}. The driver comes from the entry's
 * {@code driver-path} at run time ({@link DriverLoader}); schemas, tables and columns from
 * {@link JdbcNamespaces} and {@link SchemaMetadata}, one {@code getTables} and one
 * {@code getColumns} call per schema.
 */
public class JdbcExtractor implements WarehouseExtractor {

    private final DriverLoader drivers = new DriverLoader();

    private final int maxInMemory;

    private final Path tempDir;

    /** Sorts up to {@value SortedColumns#DEFAULT_MAX_IN_MEMORY} columns of a schema in memory, more through {@code java.io.tmpdir}. */
    public JdbcExtractor() {
        this(SortedColumns.DEFAULT_MAX_IN_MEMORY, Path.of(System.getProperty("java.io.tmpdir")));
    }

    JdbcExtractor(int maxInMemory, Path tempDir) {
        this.maxInMemory = maxInMemory;
        this.tempDir = tempDir;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.JDBC;
    }

    /** Loads the driver at once, so that a jar without a driver fails here with its own message. */
    @Override
    public ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse) {
        drivers.driver(warehouse);
        return new JdbcCatalogReader(warehouse, drivers, maxInMemory, tempDir);
    }

    @Override
    public Optional<ItemStreamReader<CatalogItem>> detailedReader(WarehouseProperties warehouse) {
        return Optional.of(new DetailedCatalogReader(() -> new JdbcDetailedSession(warehouse, this), warehouse.name()));
    }

    @Override
    public boolean readsDetails() {
        return true;
    }

    /** The same calls as the reader, counted as they arrive instead of sorted. */
    @Override
    public CatalogCount count(WarehouseProperties warehouse) {
        try (Connection connection = drivers.connect(warehouse)) {
            DatabaseMetaData metaData = connection.getMetaData();
            long tables = 0;
            long[] columns = {0};
            for (JdbcNamespace namespace : JdbcNamespaces.list(connection, warehouse)) {
                Map<String, TableEntry> schemaTables = SchemaMetadata.tables(metaData, namespace);
                Set<String> withColumns = new HashSet<>();
                SchemaMetadata.columns(metaData, namespace, schemaTables, warehouse.tablesPerCall(), column -> {
                    withColumns.add(column.table());
                    columns[0]++;
                });
                tables += withColumns.size();
            }
            return new CatalogCount(tables, columns[0]);
        } catch (SQLException | IOException e) {
            throw new WarehouseReadException("reading the catalog of " + warehouse.jdbcUrl() + " through DatabaseMetaData"
                    + " failed: " + Errors.oneLine(e), e);
        }
    }

    /** The primary keys of the tables this extractor exports, with the same driver (for the JSONL format). */
    public JdbcPrimaryKeyReader primaryKeys() {
        return new JdbcPrimaryKeyReader(drivers);
    }
}
