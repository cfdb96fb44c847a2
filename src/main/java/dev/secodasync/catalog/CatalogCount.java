package dev.secodasync.catalog;

/**
 * What a connection check found: the tables and columns a sync would export.
 *
 * @param tables tables and views
 * @param columns columns
 */
public record CatalogCount(long tables, long columns) {
}
