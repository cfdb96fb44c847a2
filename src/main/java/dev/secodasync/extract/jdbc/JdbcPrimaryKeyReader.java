package dev.secodasync.extract.jdbc;

import dev.secodasync.catalog.CodePointOrder;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.support.Errors;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the primary keys of a {@code kind: jdbc} warehouse's exported tables (for the JSONL format's
 * {@code is_pk}; not written to the CSV). Per schema, one {@code getPrimaryKeys} call with table
 * {@code null} where the driver allows it (PostgreSQL, SQL Server, Oracle); a driver that demands a
 * table (MariaDB, SQLite) throws, and one that silently answers nothing for {@code null} (DuckDB)
 * returns no row for a schema that has tables: both are then asked table by table. A driver that
 * fails table by table too fails the warehouse, naming the table.
 */
public final class JdbcPrimaryKeyReader {

    private final DriverLoader drivers;

    JdbcPrimaryKeyReader(DriverLoader drivers) {
        this.drivers = drivers;
    }

    /**
     * Every primary key of the tables a sync exports, sorted by schema and table in code-point order.
     *
     * @throws WarehouseReadException naming the warehouse's URL, schema or table that failed
     */
    public List<PrimaryKey> read(WarehouseProperties warehouse) {
        try (Connection connection = drivers.connect(warehouse)) {
            DatabaseMetaData metaData = connection.getMetaData();
            List<PrimaryKey> keys = new ArrayList<>();
            for (JdbcNamespace namespace : JdbcNamespaces.list(connection, warehouse)) {
                keys.addAll(forSchema(metaData, namespace, SchemaMetadata.tables(metaData, namespace).keySet()));
            }
            return keys;
        } catch (SQLException e) {
            throw new WarehouseReadException("reading the primary keys of " + warehouse.jdbcUrl() + " failed: "
                    + Errors.oneLine(e), e);
        }
    }

    /** The primary keys of {@code tables} in one schema, by table in code-point order. */
    static List<PrimaryKey> forSchema(DatabaseMetaData metaData, JdbcNamespace namespace, Collection<String> tables) {
        Map<String, Map<Integer, String>> columns = new TreeMap<>(CodePointOrder::compare);
        Map<String, String> names = new TreeMap<>(CodePointOrder::compare);
        boolean whole;
        try {
            whole = collect(metaData, namespace, null, tables, columns, names) || tables.isEmpty();
        } catch (SQLException | RuntimeException e) {
            whole = false;
        }
        if (!whole) {
            for (String table : tables) {
                try {
                    collect(metaData, namespace, table, tables, columns, names);
                } catch (SQLException | RuntimeException e) {
                    throw new WarehouseReadException("reading the primary key of " + namespace.qualified() + ".\""
                            + table.replace("\"", "\"\"") + "\" through DatabaseMetaData.getPrimaryKeys failed: "
                            + Errors.oneLine(e), e);
                }
            }
        }
        List<PrimaryKey> keys = new ArrayList<>();
        columns.forEach((table, bySequence) -> keys.add(new PrimaryKey(namespace.database(), namespace.schemaName(),
                table, names.get(table), List.copyOf(bySequence.values()))));
        return keys;
    }

    // Whether any row came back.
    private static boolean collect(DatabaseMetaData metaData, JdbcNamespace namespace, String table,
            Collection<String> tables, Map<String, Map<Integer, String>> columns, Map<String, String> names)
            throws SQLException {
        boolean any = false;
        try (ResultSet rs = metaData.getPrimaryKeys(namespace.catalog(), namespace.schema(), table)) {
            while (rs.next()) {
                any = true;
                String name = rs.getString("TABLE_NAME");
                String schema = rs.getString("TABLE_SCHEM");
                if (name == null || !tables.contains(name)
                        || namespace.schema() != null && schema != null && !schema.equals(namespace.schema())) {
                    continue;
                }
                columns.computeIfAbsent(name, n -> new TreeMap<>()).put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                String pkName = JdbcNamespaces.blankToNull(rs.getString("PK_NAME"));
                if (pkName != null) {
                    names.put(name, pkName);
                }
            }
        }
        return any;
    }
}
