package dev.secodasync.catalog;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two catalogs by a streaming merge: both come as tables in CSV order (code-point order
 * of database, schema, table), so one pass over each, holding one table of each side at a time,
 * finds every added or removed table and every added, removed or retyped column, and (where both
 * sides carry keys) every column that joined or left a primary key. Memory is bounded by the
 * largest table, never the catalog.
 */
public final class CatalogDiff {

    /** How many names each list of {@link SchemaChanges} keeps. */
    public static final int FIRST = 10;

    private CatalogDiff() {
    }

    /**
     * One table of a catalog.
     *
     * @param name the table
     * @param columns its columns and their types, in file order
     * @param keyColumns the columns of its primary key, or null when the format carries no keys
     */
    public record TableColumns(TableName name, Map<String, String> columns, Set<String> keyColumns) {
    }

    /**
     * The changes from {@code previous} to {@code current}.
     *
     * @throws IllegalArgumentException when a side is not in CSV order (a merge would report nonsense)
     */
    public static SchemaChanges diff(Iterator<TableColumns> current, Iterator<TableColumns> previous) {
        Ordered a = new Ordered(current, "the new catalog");
        Ordered b = new Ordered(previous, "the last uploaded catalog");
        Collected tablesAdded = new Collected();
        Collected tablesRemoved = new Collected();
        Collected columnsAdded = new Collected();
        Collected columnsRemoved = new Collected();
        Collected keysAdded = new Collected();
        Collected keysRemoved = new Collected();
        boolean keys = true;
        long typeChanges = 0;
        List<SchemaChanges.TypeChange> firstTypeChanges = new ArrayList<>();
        TableColumns x = a.next();
        TableColumns y = b.next();
        while (x != null || y != null) {
            int order = x == null ? 1 : y == null ? -1 : x.name().compareTo(y.name());
            if (order < 0) {
                tablesAdded.add(label(x.name()));
                keys &= x.keyColumns() != null;
                x = a.next();
            } else if (order > 0) {
                tablesRemoved.add(label(y.name()));
                keys &= y.keyColumns() != null;
                y = b.next();
            } else {
                String table = label(x.name());
                for (Map.Entry<String, String> column : x.columns().entrySet()) {
                    String oldType = y.columns().get(column.getKey());
                    String qualified = table + "." + column.getKey();
                    if (!y.columns().containsKey(column.getKey())) {
                        columnsAdded.add(qualified);
                    } else if (oldType == null ? column.getValue() != null : !oldType.equals(column.getValue())) {
                        typeChanges++;
                        if (firstTypeChanges.size() < FIRST) {
                            firstTypeChanges.add(new SchemaChanges.TypeChange(qualified, oldType, column.getValue()));
                        }
                    }
                }
                for (String column : y.columns().keySet()) {
                    if (!x.columns().containsKey(column)) {
                        columnsRemoved.add(table + "." + column);
                    }
                }
                if (x.keyColumns() != null && y.keyColumns() != null) {
                    for (String key : x.keyColumns()) {
                        if (!y.keyColumns().contains(key)) {
                            keysAdded.add(table + "." + key);
                        }
                    }
                    for (String key : y.keyColumns()) {
                        if (!x.keyColumns().contains(key)) {
                            keysRemoved.add(table + "." + key);
                        }
                    }
                } else {
                    keys = false;
                }
                x = a.next();
                y = b.next();
            }
        }
        return new SchemaChanges(tablesAdded.names(), tablesRemoved.names(), columnsAdded.names(),
                columnsRemoved.names(), new SchemaChanges.TypeChanges(typeChanges, firstTypeChanges),
                keys ? keysAdded.names() : null, keys ? keysRemoved.names() : null);
    }

    // The names as the CSV comparison always wrote them: database.schema.table.
    private static String label(TableName name) {
        return name.database() + "." + name.schema() + "." + name.table();
    }

    /** Checks the order as it reads. */
    private static final class Ordered {

        private final Iterator<TableColumns> tables;

        private final String side;

        private TableName last;

        Ordered(Iterator<TableColumns> tables, String side) {
            this.tables = tables;
            this.side = side;
        }

        TableColumns next() {
            if (!tables.hasNext()) {
                return null;
            }
            TableColumns table = tables.next();
            if (last != null && last.compareTo(table.name()) >= 0) {
                throw new IllegalArgumentException(side + " is not sorted by database, schema, table: "
                        + label(table.name()) + " comes after " + label(last));
            }
            last = table.name();
            return table;
        }
    }

    /** A count and the first {@link #FIRST} names. */
    private static final class Collected {

        private long count;

        private final List<String> first = new ArrayList<>();

        void add(String name) {
            count++;
            if (first.size() < FIRST) {
                first.add(name);
            }
        }

        SchemaChanges.Names names() {
            return new SchemaChanges.Names(count, first);
        }
    }
}
