package dev.secodasync.catalog;

import java.io.Serializable;

/**
 * What a JSONL upload carries beyond the columns, for the run summary.
 *
 * @param primaryKeyColumns columns marked {@code is_pk}
 * @param viewsWithSql views and materialized views whose SQL went into {@code definition}
 * @param lineageEdges lines of {@code lineage.jsonl}
 */
public record DetailCounts(long primaryKeyColumns, long viewsWithSql, long lineageEdges) implements Serializable {
}
