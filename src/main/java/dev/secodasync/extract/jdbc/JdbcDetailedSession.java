package dev.secodasync.extract.jdbc;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.catalog.TableName;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.DetailedCatalogReader;
import java.util.Comparator;
import java.util.function.Consumer;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The JSONL format's reading of a {@code kind: jdbc} warehouse: the declared primary keys
 * ({@code getPrimaryKeys}), then the columns as the CSV reads them. {@code DatabaseMetaData} has
 * no view text and no view dependencies, so there is no definition and no lineage; the table type
 * comes from {@code is_view} as for the CSV. The two readings are separate connections: JDBC
 * offers no snapshot across them (a table created in between has no key line, which the next run
 * mends).
 */
final class JdbcDetailedSession implements DetailedCatalogReader.Session {

    private final WarehouseProperties warehouse;

    private final JdbcExtractor extractor;

    JdbcDetailedSession(WarehouseProperties warehouse, JdbcExtractor extractor) {
        this.warehouse = warehouse;
        this.extractor = extractor;
    }

    // Sorted here: the namespaces may come in any order, the columns in CSV order.
    @Override
    public void tables(Consumer<TableDetails> each) {
        extractor.primaryKeys().read(warehouse).stream()
                .map(key -> new TableDetails(new TableName(key.database(), key.schema(), key.table()), null, null,
                        key.columns()))
                .sorted(Comparator.comparing(TableDetails::name))
                .forEach(each);
    }

    @Override
    public ItemStreamReader<ColumnRow> columns() {
        return extractor.reader(warehouse);
    }

    @Override
    public void lineage(Consumer<LineageEdge> each) {
        // DatabaseMetaData says nothing of what a view reads.
    }

    @Override
    public void close() {
        // Each reading closes its own connection.
    }
}
