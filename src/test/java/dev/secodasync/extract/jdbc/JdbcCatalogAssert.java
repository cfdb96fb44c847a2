package dev.secodasync.extract.jdbc;

import dev.secodasync.catalog.CodePointOrder;
import dev.secodasync.catalog.ColumnRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rows a database's own catalog query gives, in CSV order, to compare kind jdbc's rows with. */
final class JdbcCatalogAssert {

    static final Comparator<ColumnRow> CSV_ORDER = Comparator.comparing(ColumnRow::database, CodePointOrder::compare)
            .thenComparing(ColumnRow::schema, CodePointOrder::compare)
            .thenComparing(ColumnRow::table, CodePointOrder::compare)
            .thenComparingInt(ColumnRow::sortOrder);

    private JdbcCatalogAssert() {
    }

    /**
     * The rows of {@code sql}, whose columns are: database, schema, table, table comment, is view
     * (boolean), column, column comment, type, position; sorted in Java so that the database's own
     * collation does not matter. Empty comments count as none, as in the CSV.
     */
    static List<ColumnRow> expected(Connection connection, String sql) throws Exception {
        List<ColumnRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new ColumnRow(rs.getString(1), rs.getString(2), rs.getString(3), blank(rs.getString(4)),
                        rs.getBoolean(5), null, rs.getString(6), blank(rs.getString(7)), blank(rs.getString(8)),
                        rs.getInt(9)));
            }
        }
        rows.sort(CSV_ORDER);
        return rows;
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
