package dev.secodasync.jsonl;

import dev.secodasync.catalog.TableName;

/**
 * The {@code databuilder_id} of each resource: its names joined with periods, as in Secoda's own
 * examples ({@code secoda.public.order.order_id}), each name escaped so that no two resources can
 * share an id: {@code %} becomes {@code %25} and {@code .} becomes {@code %2E}. A database has one
 * part, a schema two, a table three, a column four, so the levels cannot collide either. The id
 * depends on nothing but the names: it stays the same from run to run.
 */
public final class ResourceIds {

    private ResourceIds() {
    }

    /** The id of a database. */
    public static String database(String database) {
        return escape(database);
    }

    /** The id of a schema. */
    public static String schema(String database, String schema) {
        return escape(database) + "." + escape(schema);
    }

    /** The id of a table or view. */
    public static String table(TableName table) {
        return schema(table.database(), table.schema()) + "." + escape(table.table());
    }

    /** The id of a column. */
    public static String column(String tableId, String column) {
        return tableId + "." + escape(column);
    }

    static String escape(String name) {
        if (name.indexOf('%') < 0 && name.indexOf('.') < 0) {
            return name;
        }
        return name.replace("%", "%25").replace(".", "%2E");
    }
}
