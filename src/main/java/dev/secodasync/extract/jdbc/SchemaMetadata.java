package dev.secodasync.extract.jdbc;

import java.io.IOException;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code DatabaseMetaData} calls that read one schema, never one per table (per-table
 * reflection is what makes generic catalog tools take most of an hour on 18,000 tables):
 * {@code getTables} with table pattern {@code %} and no type filter, then {@code getColumns} with
 * table pattern {@code %}, or one call per group of tables sharing a name prefix when the schema
 * has more than {@code max-tables-per-call} tables. Every driver fills the columns the
 * JDBC specification names ({@code TABLE_NAME}, {@code REMARKS}, ...), read here by label.
 */
final class SchemaMetadata {

    /** Receives the columns of a schema. */
    interface ColumnSink {
        void accept(ColumnEntry column) throws IOException;
    }

    private SchemaMetadata() {
    }

    /**
     * The tables and views of the schema, by name. Left out, by {@code TABLE_TYPE}: system tables
     * and views, temporary tables (another session's), indexes, sequences, types, synonyms and
     * aliases (a synonym's columns belong to the table it names).
     */
    static Map<String, TableEntry> tables(DatabaseMetaData metaData, JdbcNamespace namespace) throws SQLException {
        Map<String, TableEntry> tables = new HashMap<>();
        try (ResultSet rs = metaData.getTables(namespace.catalog(), JdbcNamespaces.schemaPattern(metaData, namespace),
                "%", null)) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String type = rs.getString("TABLE_TYPE");
                if (name == null || !inNamespace(rs, namespace) || !exported(type)) {
                    continue;
                }
                boolean view = type != null && type.toUpperCase(Locale.ROOT).contains("VIEW");
                tables.put(name, new TableEntry(name, description(rs.getString("REMARKS"), view), view));
            }
        }
        return tables;
    }

    /**
     * Every column of the schema's {@code tables}, in the driver's order within each group of at
     * most {@code maxTablesPerCall} tables ({@link TableGroups}), one {@code getColumns} call each.
     */
    static void columns(DatabaseMetaData metaData, JdbcNamespace namespace, Map<String, TableEntry> tables,
            int maxTablesPerCall, ColumnSink sink) throws SQLException, IOException {
        // The same type text on thousands of rows is kept once.
        Map<String, String> types = new HashMap<>();
        String schemaPattern = JdbcNamespaces.schemaPattern(metaData, namespace);
        for (TableGroups.Group group : TableGroups.split(tables.keySet(), maxTablesPerCall)) {
            String tablePattern = JdbcNamespaces.literal(metaData, group.prefix()) + (group.exact() ? "" : "%");
            try (ResultSet rs = metaData.getColumns(namespace.catalog(), schemaPattern, tablePattern, "%")) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    TableEntry table = name == null ? null : tables.get(name);
                    if (table == null || !group.covers(name) || !inNamespace(rs, namespace)) {
                        continue;
                    }
                    String type = JdbcColumnTypes.format(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"),
                            integer(rs, "COLUMN_SIZE"), integer(rs, "DECIMAL_DIGITS"));
                    String column = rs.getString("COLUMN_NAME");
                    String remarks = JdbcNamespaces.blankToNull(rs.getString("REMARKS"));
                    sink.accept(new ColumnEntry(table.name(), column, remarks,
                            type == null ? null : types.computeIfAbsent(type, t -> t), rs.getInt("ORDINAL_POSITION")));
                }
            }
        }
    }

    static boolean exported(String tableType) {
        if (tableType == null) {
            return true;
        }
        String type = tableType.toUpperCase(Locale.ROOT);
        return !(type.contains("SYSTEM") || type.contains("TEMPORARY") || type.contains("INDEX")
                || type.contains("SEQUENCE") || type.contains("SYNONYM") || type.contains("ALIAS") || type.equals("TYPE"));
    }

    // MySQL-family drivers report a view's TABLE_COMMENT, which is the word VIEW, as its remarks.
    private static String description(String remarks, boolean view) {
        String description = JdbcNamespaces.blankToNull(remarks);
        return view && "VIEW".equalsIgnoreCase(description) ? null : description;
    }

    // A driver that ignores the escaped pattern must not mix schemas whose names differ in one '_'.
    private static boolean inNamespace(ResultSet rs, JdbcNamespace namespace) throws SQLException {
        if (namespace.schema() != null) {
            String schema = rs.getString("TABLE_SCHEM");
            if (schema != null && !schema.equals(namespace.schema())) {
                return false;
            }
        }
        if (namespace.catalog() != null) {
            String catalog = rs.getString("TABLE_CAT");
            return catalog == null || catalog.equals(namespace.catalog());
        }
        return true;
    }

    private static Integer integer(ResultSet rs, String label) throws SQLException {
        int value = rs.getInt(label);
        return rs.wasNull() ? null : value;
    }
}
