package dev.secodasync.extract;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the column catalog of one kind of warehouse. A dialect is one implementation in a package
 * of its own under {@code extract}, with its statements under {@code sql/<dialect>/}.
 */
public interface WarehouseExtractor {

    /** The kind of warehouse this extractor reads. */
    WarehouseKind kind();

    /**
     * A reader streaming every column of the warehouse, already in CSV order (database, schema,
     * table in code-point order, then position). The caller opens and closes it.
     */
    ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse);

    /**
     * A reader of the detailed catalog the JSONL format writes ({@link CatalogItem}: each table's
     * details before its columns, the lineage edges after them), or empty when this kind reads only
     * columns. The caller opens and closes it.
     */
    default Optional<ItemStreamReader<CatalogItem>> detailedReader(WarehouseProperties warehouse) {
        return Optional.empty();
    }

    /** True when {@link #detailedReader} reads this kind, so that a JSONL warehouse of another kind fails at start. */
    default boolean readsDetails() {
        return false;
    }

    /** Signs in, runs a trivial query and counts what a sync would export, uploading nothing. */
    CatalogCount count(WarehouseProperties warehouse);
}
