package dev.secodasync.extract;

import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Reads the column catalog of one kind of warehouse. */
public interface WarehouseExtractor {

    /** The kind of warehouse this extractor reads. */
    WarehouseKind kind();

    /**
     * A reader streaming every column of the warehouse, already in CSV order (database, schema,
     * table in code-point order, then position). The caller opens and closes it.
     */
    ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse);

    /** Signs in, runs a trivial query and counts what a sync would export, uploading nothing. */
    CatalogCount count(WarehouseProperties warehouse);

    /** What a connection check found: tables and columns a sync would export. */
    record CatalogCount(long tables, long columns) {
    }
}
