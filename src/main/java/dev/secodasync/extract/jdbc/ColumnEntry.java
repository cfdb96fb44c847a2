package dev.secodasync.extract.jdbc;

import dev.secodasync.catalog.CodePointOrder;
import java.util.Comparator;

/**
 * One column of one schema, from {@code getColumns}: what is not the same for every row of the
 * schema, so that a schema buffered or spilled to disk carries nothing more.
 *
 * @param table the table's name
 * @param column the column's name
 * @param description {@code REMARKS}, or null
 * @param type the CSV's {@code col_type} ({@link JdbcColumnTypes})
 * @param position {@code ORDINAL_POSITION}
 */
record ColumnEntry(String table, String column, String description, String type, int position) {

    /** The CSV's order within a schema: table in code-point order, then position. */
    static final Comparator<ColumnEntry> CSV_ORDER = Comparator.comparing(ColumnEntry::table, CodePointOrder::compare)
            .thenComparingInt(ColumnEntry::position);
}
