package dev.secodasync.catalog;

/**
 * A table or view by its three names, ordered as the CSV is (code-point order of database,
 * schema, table).
 *
 * @param database database (catalog) name
 * @param schema schema name
 * @param table table or view name
 */
public record TableName(String database, String schema, String table) implements Comparable<TableName> {

    /** The table of a column row. */
    public static TableName of(ColumnRow row) {
        return new TableName(row.database(), row.schema(), row.table());
    }

    @Override
    public int compareTo(TableName other) {
        int c = CodePointOrder.compare(database, other.database);
        if (c == 0) {
            c = CodePointOrder.compare(schema, other.schema);
        }
        return c != 0 ? c : CodePointOrder.compare(table, other.table);
    }

    @Override
    public String toString() {
        return quote(database) + "." + quote(schema) + "." + quote(table);
    }

    private static String quote(String name) {
        return name == null ? "null" : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
