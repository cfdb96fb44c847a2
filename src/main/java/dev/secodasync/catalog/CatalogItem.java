package dev.secodasync.catalog;

/**
 * One item of a detailed catalog stream (what the JSONL format reads): a column, the details of
 * the table whose columns follow, or a lineage edge. The stream holds a table's
 * {@link TableDetails} before that table's first {@link ColumnRow}, and every {@link LineageEdge}
 * after the last column.
 */
public sealed interface CatalogItem permits ColumnRow, TableDetails, LineageEdge {
}
