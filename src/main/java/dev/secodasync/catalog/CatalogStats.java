package dev.secodasync.catalog;

import java.io.Serializable;

/**
 * What one CSV holds.
 *
 * @param databases distinct databases
 * @param schemas distinct (database, schema) pairs
 * @param tables tables and views
 * @param views views and materialized views among them
 * @param columns rows, one per column
 * @param sha256 hex SHA-256 of the file's bytes
 */
public record CatalogStats(long databases, long schemas, long tables, long views, long columns, String sha256) implements Serializable {
}
