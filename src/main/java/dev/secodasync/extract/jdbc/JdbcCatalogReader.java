package dev.secodasync.extract.jdbc;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.support.Errors;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams a {@code kind: jdbc} catalog schema by schema in CSV order: the schemas sorted
 * ({@link JdbcNamespaces}), each schema's tables held by name and its columns sorted by table and
 * position ({@link SortedColumns}), so memory holds one schema's tables and a bounded number of its
 * columns. The driver knows no "last altered" time: {@code last_updated_time} is always {@code None}.
 */
final class JdbcCatalogReader implements ItemStreamReader<ColumnRow> {

    private final WarehouseProperties warehouse;

    private final DriverLoader drivers;

    private final int maxInMemory;

    private final Path tempDir;

    private Connection connection;

    private DatabaseMetaData metaData;

    private Iterator<JdbcNamespace> namespaces;

    private JdbcNamespace namespace;

    private Map<String, TableEntry> tables;

    private SortedColumns columns;

    private Iterator<ColumnEntry> rows;

    JdbcCatalogReader(WarehouseProperties warehouse, DriverLoader drivers, int maxInMemory, Path tempDir) {
        this.warehouse = warehouse;
        this.drivers = drivers;
        this.maxInMemory = maxInMemory;
        this.tempDir = tempDir;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        connection = drivers.connect(warehouse);
        try {
            metaData = connection.getMetaData();
            List<JdbcNamespace> all = JdbcNamespaces.list(connection, warehouse);
            namespaces = all.iterator();
        } catch (SQLException | RuntimeException e) {
            throw new WarehouseReadException("listing the schemas of " + warehouse.jdbcUrl() + " through DatabaseMetaData"
                    + " failed: " + Errors.oneLine(e), e);
        }
    }

    @Override
    public ColumnRow read() throws IOException {
        while (rows == null || !rows.hasNext()) {
            closeSchema();
            if (!namespaces.hasNext()) {
                return null;
            }
            loadSchema(namespaces.next());
        }
        ColumnEntry column = rows.next();
        TableEntry table = tables.get(column.table());
        return new ColumnRow(namespace.database(), namespace.schemaName(), table.name(), table.description(),
                table.view(), null, column.column(), column.description(), column.type(), column.position());
    }

    private void loadSchema(JdbcNamespace next) throws IOException {
        namespace = next;
        columns = new SortedColumns(maxInMemory, tempDir);
        try {
            tables = SchemaMetadata.tables(metaData, namespace);
            SchemaMetadata.columns(metaData, namespace, tables, warehouse.tablesPerCall(), columns::add);
            rows = columns.sorted();
        } catch (SQLException | RuntimeException e) {
            throw new WarehouseReadException("reading schema " + namespace.qualified() + " of " + warehouse.jdbcUrl()
                    + " through DatabaseMetaData failed: " + Errors.oneLine(e), e);
        }
    }

    private void closeSchema() throws IOException {
        rows = null;
        tables = null;
        if (columns != null) {
            SortedColumns done = columns;
            columns = null;
            done.close();
        }
    }

    @Override
    public void close() {
        try {
            closeSchema();
        } catch (IOException e) {
            // Temporary files left in java.io.tmpdir are all that remains of a failed close.
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Closing after the read: the catalog is complete or its failure already reported.
                }
                connection = null;
            }
        }
    }
}
