package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.TableName;
import dev.secodasync.extract.InvalidCatalogException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Lower-cases database, schema, table and column names as the Secoda seed query does, and fails
 * when two different names become one: Snowflake keeps {@code "col"} and {@code COL} apart, the
 * CSV would merge them. Relies on the SQL's order (lower-cased name, then original name), which
 * puts colliding databases, schemas and tables next to each other; holds only the current table's
 * column names.
 */
final class CaseFolding {

    private final boolean lowerCase;

    private final String warehouse;

    private ColumnRow previous;

    private final Map<String, String> columnsOfTable = new HashMap<>();

    /**
     * @param lowerCase false: names pass through unchanged and nothing is checked
     * @param warehouse the warehouse's name, for messages
     */
    CaseFolding(boolean lowerCase, String warehouse) {
        this.lowerCase = lowerCase;
        this.warehouse = warehouse;
    }

    /** A name as the CSV shows it. */
    String fold(String name) {
        return lowerCase && name != null ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** A table's three names as the CSV shows them: the JSONL details and lineage must name what the columns name. */
    TableName fold(TableName name) {
        return lowerCase ? new TableName(fold(name.database()), fold(name.schema()), fold(name.table())) : name;
    }

    /**
     * The row with its names lower-cased.
     *
     * @throws InvalidCatalogException naming both original names when they collide
     */
    ColumnRow apply(ColumnRow row) {
        if (!lowerCase) {
            return row;
        }
        ColumnRow before = previous;
        previous = row;
        boolean sameDatabase = before != null && Objects.equals(before.database(), row.database());
        boolean sameSchema = sameDatabase && Objects.equals(before.schema(), row.schema());
        boolean sameTable = sameSchema && Objects.equals(before.table(), row.table());
        if (before != null && !sameDatabase) {
            check("databases", before.database(), row.database(), "");
        } else if (sameDatabase && !sameSchema) {
            check("schemas", before.schema(), row.schema(), " in database " + row.database());
        } else if (sameSchema && !sameTable) {
            check("tables", before.table(), row.table(), " in " + row.database() + "." + row.schema());
        }
        if (!sameTable) {
            columnsOfTable.clear();
        }
        String column = fold(row.column());
        String other = columnsOfTable.putIfAbsent(column, row.column());
        if (other != null && !other.equals(row.column())) {
            throw collision("columns", other, row.column(),
                    " of table " + row.database() + "." + row.schema() + "." + row.table());
        }
        return new ColumnRow(fold(row.database()), fold(row.schema()), fold(row.table()), row.tableDescription(),
                row.view(), row.lastUpdatedEpochSeconds(), column, row.columnDescription(), row.columnType(),
                row.sortOrder());
    }

    /** Databases listed up front (not only those with rows) must not collide either. */
    void checkNeighbours(String what, String a, String b) {
        if (lowerCase) {
            check(what, a, b, "");
        }
    }

    private void check(String what, String a, String b, String where) {
        if (a != null && b != null && !a.equals(b) && fold(a).equals(fold(b))) {
            throw collision(what, a, b, where);
        }
    }

    private InvalidCatalogException collision(String what, String a, String b, String where) {
        return new InvalidCatalogException(what + " \"" + a + "\" and \"" + b + "\"" + where + " both become \""
                + fold(a) + "\" once lower-cased: Secoda would merge them. Rename one, or set lower-case-names:"
                + " false for warehouse '" + warehouse + "' to keep Snowflake's case");
    }
}
