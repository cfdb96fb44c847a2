package dev.secodasync.catalog;

import java.util.List;

/**
 * What the JSONL format says of a table beyond its columns.
 *
 * @param name the table
 * @param nativeType what the warehouse calls it: {@code table}, {@code view},
 *     {@code materialized view}, {@code partitioned table}, {@code foreign table}, ...
 * @param definition the view's SQL as the warehouse shows it to this role, or null (a table, or a
 *     definition the role may not see)
 * @param primaryKey the columns of its declared primary key, none when it has no key
 */
public record TableDetails(TableName name, String nativeType, String definition, List<String> primaryKey)
        implements CatalogItem {

    public TableDetails {
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    }
}
