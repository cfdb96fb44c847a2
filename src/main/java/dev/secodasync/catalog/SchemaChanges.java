package dev.secodasync.catalog;

import java.io.Serializable;
import java.util.List;

/**
 * How a new catalog CSV differs from the last one Secoda accepted, table by table and column by
 * column. Every list holds at most the first {@code CatalogComparison.FIRST} (csv) names, in CSV order;
 * the counts are complete. Columns of a table that was added or removed are counted with the
 * table only, not again as added or removed columns.
 *
 * @param tablesAdded tables ({@code database.schema.table}) in the new CSV only
 * @param tablesRemoved tables in the last uploaded CSV only
 * @param columnsAdded columns ({@code database.schema.table.column}) new in a table both CSVs hold
 * @param columnsRemoved columns gone from a table both CSVs hold
 * @param typesChanged columns whose {@code col_type} changed
 * @param keysAdded columns that joined their table's primary key (in a table both hold), or null
 *     when a side carries no keys (a CSV)
 * @param keysRemoved columns that left their table's primary key, or null as {@code keysAdded}
 */
public record SchemaChanges(Names tablesAdded, Names tablesRemoved, Names columnsAdded, Names columnsRemoved,
        TypeChanges typesChanged, Names keysAdded, Names keysRemoved) implements Serializable {

    /** Changes without keys (a CSV). */
    public SchemaChanges(Names tablesAdded, Names tablesRemoved, Names columnsAdded, Names columnsRemoved,
            TypeChanges typesChanged) {
        this(tablesAdded, tablesRemoved, columnsAdded, columnsRemoved, typesChanged, null, null);
    }

    /** True when nothing changed at the level of tables, columns and types. */
    public boolean none() {
        return tablesAdded.count() == 0 && tablesRemoved.count() == 0 && columnsAdded.count() == 0
                && columnsRemoved.count() == 0 && typesChanged.count() == 0
                && (keysAdded == null || keysAdded.count() == 0) && (keysRemoved == null || keysRemoved.count() == 0);
    }

    /**
     * A count and the first names.
     *
     * @param count how many in all
     * @param first the first ones, in CSV order
     */
    public record Names(long count, List<String> first) implements Serializable {

        public Names {
            first = List.copyOf(first);
        }
    }

    /**
     * A count of type changes and the first ones.
     *
     * @param count how many in all
     * @param first the first ones, in CSV order
     */
    public record TypeChanges(long count, List<TypeChange> first) implements Serializable {

        public TypeChanges {
            first = List.copyOf(first);
        }
    }

    /**
     * One column whose type changed.
     *
     * @param column {@code database.schema.table.column}
     * @param from type in the last uploaded CSV
     * @param to type in the new CSV
     */
    public record TypeChange(String column, String from, String to) implements Serializable {
    }
}
