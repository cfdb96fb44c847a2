package dev.secodasync.csv;

import dev.secodasync.catalog.CodePointOrder;
import dev.secodasync.catalog.ColumnRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks, row by row, what Secoda's importer would reject or misread: empty names, names with a
 * period, two rows for one column, table-level fields that differ between the rows of one table,
 * and rows out of order (the importer groups consecutive rows by table). Holds only the current
 * table's column names, never the catalog.
 */
public class RowValidator {

    private ColumnRow previous;

    private final Set<String> columnsOfTable = new HashSet<>();

    /** The problems of this row, each naming the object; empty when the row is fine. */
    public List<String> check(ColumnRow row) {
        // Runs once per column of the warehouse: no allocation unless something is wrong.
        List<String> problems = List.of();
        problems = requireName(problems, "database", row.database(), row);
        problems = requireName(problems, "schema", row.schema(), row);
        problems = requireName(problems, "table", row.table(), row);
        problems = requireName(problems, "column", row.column(), row);

        boolean sameTable = previous != null
                && Objects.equals(previous.database(), row.database())
                && Objects.equals(previous.schema(), row.schema())
                && Objects.equals(previous.table(), row.table());
        if (sameTable) {
            if (!Objects.equals(previous.tableDescription(), row.tableDescription())
                    || previous.view() != row.view()
                    || !Objects.equals(previous.lastUpdatedEpochSeconds(), row.lastUpdatedEpochSeconds())) {
                problems = add(problems, "table " + tableName(row) + ": description, is_view or last_updated_time differ between its rows");
            }
        } else {
            if (previous != null && compareTables(previous, row) > 0) {
                problems = add(problems, "table " + tableName(row) + " comes after " + tableName(previous)
                        + ": rows are not sorted by database, schema, table");
            }
            columnsOfTable.clear();
        }
        if (row.column() != null && !columnsOfTable.add(row.column())) {
            problems = add(problems, "column " + qualified(row) + " appears twice");
        }
        previous = row;
        return problems;
    }

    private static List<String> requireName(List<String> problems, String what, String name, ColumnRow row) {
        if (name == null || name.isBlank()) {
            return add(problems, what + " name is empty in " + qualified(row));
        }
        if (name.indexOf('.') >= 0) {
            return add(problems, what + " name '" + name + "' contains a period, which Secoda rejects: " + qualified(row));
        }
        return problems;
    }

    private static List<String> add(List<String> problems, String problem) {
        List<String> more = problems.isEmpty() ? new ArrayList<>(2) : problems;
        more.add(problem);
        return more;
    }

    static int compareTables(ColumnRow a, ColumnRow b) {
        int c = CodePointOrder.compare(a.database(), b.database());
        if (c == 0) {
            c = CodePointOrder.compare(a.schema(), b.schema());
        }
        return c != 0 ? c : CodePointOrder.compare(a.table(), b.table());
    }

    /**
     * Why Secoda would reject this row's names (a period in the database, schema, table or column
     * name), or null when it would take them.
     */
    public static String dotted(ColumnRow row) {
        for (String[] name : new String[][] {{"database", row.database()}, {"schema", row.schema()},
                {"table", row.table()}, {"column", row.column()}}) {
            if (name[1] != null && name[1].indexOf('.') >= 0) {
                return name[0] + " name '" + name[1] + "' contains a period, which Secoda rejects: " + qualified(row);
            }
        }
        return null;
    }

    private static String tableName(ColumnRow row) {
        return row.qualifiedTable();
    }

    private static String qualified(ColumnRow row) {
        return row.qualifiedName();
    }
}
