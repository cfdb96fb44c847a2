package dev.secodasync.catalog;

/**
 * One column of one table, as every dialect's {@code columns.sql} returns it and as one line of
 * the Secoda CSV carries it.
 *
 * @param database database (catalog) name
 * @param schema schema name
 * @param table table or view name
 * @param tableDescription the table's comment, or null
 * @param view true for views and materialized views
 * @param lastUpdatedEpochSeconds when the table last changed, in epoch seconds, or null when the
 *     warehouse does not know
 * @param column column name
 * @param columnDescription the column's comment, or null
 * @param columnType the type as the warehouse prints it
 * @param sortOrder the column's position in its table, from 1
 */
public record ColumnRow(
        String database,
        String schema,
        String table,
        String tableDescription,
        boolean view,
        Long lastUpdatedEpochSeconds,
        String column,
        String columnDescription,
        String columnType,
        int sortOrder) implements CatalogItem {

    /** The table as database.schema.table, each name quoted, so that a name holding a period reads as one. */
    public String qualifiedTable() {
        return quote(database) + "." + quote(schema) + "." + quote(table);
    }

    /** The column as database.schema.table.column, each name quoted. */
    public String qualifiedName() {
        return qualifiedTable() + "." + quote(column);
    }

    private static String quote(String name) {
        return name == null ? "null" : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
