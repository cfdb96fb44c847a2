package dev.secodasync.catalog;

import java.util.Objects;

/**
 * Counts databases, schemas, tables, views and columns of rows that arrive grouped by table, as
 * in every Secoda CSV: a change of key is a new table (or schema, or database).
 */
public final class CatalogCounter {

    private long databases;
    private long schemas;
    private long tables;
    private long views;
    private long columns;
    private String database;
    private String schema;
    private String table;

    /** Counts one row (one column). */
    public void add(String database, String schema, String table, boolean view) {
        columns++;
        boolean newDatabase = columns == 1 || !Objects.equals(this.database, database);
        boolean newSchema = newDatabase || !Objects.equals(this.schema, schema);
        boolean newTable = newSchema || !Objects.equals(this.table, table);
        if (newDatabase) {
            databases++;
        }
        if (newSchema) {
            schemas++;
        }
        if (newTable) {
            tables++;
            if (view) {
                views++;
            }
        }
        this.database = database;
        this.schema = schema;
        this.table = table;
    }

    /** Tables (views included) counted so far. */
    public long tables() {
        return tables;
    }

    /** Rows (columns) counted so far. */
    public long columns() {
        return columns;
    }

    public CatalogStats stats(String sha256) {
        return new CatalogStats(databases, schemas, tables, views, columns, sha256);
    }
}
