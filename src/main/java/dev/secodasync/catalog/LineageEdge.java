package dev.secodasync.catalog;

/**
 * Data flows from {@code source} into {@code target} (a view reads a table). Exactly one of
 * {@code source} and {@code sourceSql} is set: a warehouse that cannot name what a view reads
 * gives the view's SQL, and Secoda finds the tables in it.
 *
 * @param source the table or view read, or null
 * @param sourceSql the query whose tables are read, or null
 * @param target the view that reads it
 */
public record LineageEdge(TableName source, String sourceSql, TableName target) implements CatalogItem {

    public LineageEdge {
        if ((source == null) == (sourceSql == null)) {
            throw new IllegalArgumentException("a lineage edge has either a source table or a source query");
        }
    }

    /** An edge from a table. */
    public static LineageEdge from(TableName source, TableName target) {
        return new LineageEdge(source, null, target);
    }
}
