package dev.secodasync.extract;

import dev.secodasync.config.WarehouseProperties;
import java.util.Map;

/** The bind parameters of every dialect's catalog query: the schema and partition filters. */
public final class CatalogFilters {

    private CatalogFilters() {
    }

    /** {@code :include_schemas}, {@code :exclude_schemas} (regular expressions) and {@code :include_partitions}. */
    public static Map<String, Object> of(WarehouseProperties warehouse) {
        return Map.of(
                "include_schemas", SchemaPatterns.toRegex(warehouse.includeSchemas()),
                "exclude_schemas", SchemaPatterns.toRegex(warehouse.excludeSchemas()),
                "include_partitions", warehouse.includePartitions());
    }
}
