package dev.secodasync.extract.jdbc;

import dev.secodasync.catalog.CodePointOrder;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.SchemaPatterns;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schemas a {@code kind: jdbc} warehouse exports, in CSV order, whatever level the driver calls
 * a schema:
 * <ul>
 * <li>a driver with schemas ({@code getSchemas()} returns rows: PostgreSQL, SQL Server, Oracle,
 * DuckDB): the schemas of the catalog the connection is in (one entry reads one database, as
 * {@code kind: postgres} does; DuckDB also lists its {@code system} and {@code temp} catalogs), the
 * CSV's database being that catalog, or the warehouse name when the driver reports none (Oracle);</li>
 * <li>a driver with catalogs only (MySQL, MariaDB): as {@code kind: mysql}, the warehouse name is
 * the database and each catalog a schema;</li>
 * <li>a driver with neither (SQLite): the warehouse name is the database and the one schema is
 * {@value #SINGLE_SCHEMA}, the name SQLite itself gives the main database file.</li>
 * </ul>
 * System schemas are left out by name ({@link #SYSTEM_SCHEMAS}), then {@code include-schemas} and
 * {@code exclude-schemas} apply to the CSV's schema name, case-insensitively.
 */
final class JdbcNamespaces {

    /** The CSV's schema for a driver with neither catalogs nor schemas. */
    static final String SINGLE_SCHEMA = "main";

    /**
     * Schemas that hold the database's own catalog, never user tables, compared case-insensitively:
     * the SQL standard's, PostgreSQL's, MySQL's, SQL Server's, Oracle's main ones, DB2's, H2's.
     */
    static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast", "mysql",
            "performance_schema", "sys", "guest", "db_owner", "db_accessadmin", "db_securityadmin", "db_ddladmin",
            "db_backupoperator", "db_datareader", "db_datawriter", "db_denydatareader", "db_denydatawriter",
            "system", "outln", "xdb", "ctxsys", "mdsys", "ordsys", "wmsys", "dbsnmp", "appqossys", "audsys",
            "sysibm", "syscat", "sysstat", "sysfun", "sysproc", "sysibmadm", "systools");

    private JdbcNamespaces() {
    }

    /** The schemas to read, sorted by CSV database then schema in code-point order. */
    static List<JdbcNamespace> list(Connection connection, WarehouseProperties warehouse) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String current = blankToNull(connection.getCatalog());
        List<JdbcNamespace> found = new ArrayList<>();
        try (ResultSet rs = metaData.getSchemas()) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String catalog = blankToNull(rs.getString("TABLE_CATALOG"));
                if (schema != null && (current == null || catalog == null || current.equals(catalog))) {
                    found.add(new JdbcNamespace(catalog, schema, catalog != null ? catalog : warehouse.name(), schema));
                }
            }
        }
        if (found.isEmpty()) {
            try (ResultSet rs = metaData.getCatalogs()) {
                while (rs.next()) {
                    String catalog = rs.getString("TABLE_CAT");
                    if (catalog != null && !catalog.isEmpty()) {
                        found.add(new JdbcNamespace(catalog, null, warehouse.name(), catalog));
                    }
                }
            }
        }
        boolean noLevel = found.isEmpty();
        if (noLevel) {
            found.add(new JdbcNamespace(null, null, warehouse.name(), SINGLE_SCHEMA));
        }
        Pattern include = Pattern.compile(SchemaPatterns.toRegex(warehouse.includeSchemas()), Pattern.CASE_INSENSITIVE);
        Pattern exclude = Pattern.compile(SchemaPatterns.toRegex(warehouse.excludeSchemas()), Pattern.CASE_INSENSITIVE);
        // Keyed by the CSV's names: a driver listing a schema twice must not export it twice.
        Map<String, JdbcNamespace> kept = new LinkedHashMap<>();
        for (JdbcNamespace namespace : found) {
            String name = namespace.schemaName();
            boolean system = !noLevel && SYSTEM_SCHEMAS.contains(name.toLowerCase(Locale.ROOT));
            if (!system && include.matcher(name).matches() && !exclude.matcher(name).matches()) {
                kept.putIfAbsent(namespace.database() + "\u0000" + name, namespace);
            }
        }
        List<JdbcNamespace> sorted = new ArrayList<>(kept.values());
        sorted.sort(Comparator.comparing(JdbcNamespace::database, CodePointOrder::compare)
                .thenComparing(JdbcNamespace::schemaName, CodePointOrder::compare));
        return sorted;
    }

    /**
     * The schema as a {@code schemaPattern} argument: {@code _} and {@code %} are wildcards there
     * ({@code sales_eu} would also match {@code salesXeu}), so they are escaped with the driver's
     * escape string; null stays null (no schema level).
     */
    static String schemaPattern(DatabaseMetaData metaData, JdbcNamespace namespace) throws SQLException {
        return namespace.schema() == null ? null : literal(metaData, namespace.schema());
    }

    /**
     * A name as a metadata pattern that matches only that name where the driver has an escape
     * string; where it has none, the pattern may match more, and callers keep only exact names.
     */
    static String literal(DatabaseMetaData metaData, String name) throws SQLException {
        String escape = metaData.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        StringBuilder pattern = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == '_' || c == '%' || escape.indexOf(c) >= 0 && escape.length() == 1) {
                pattern.append(escape);
            }
            pattern.append(c);
        }
        return pattern.toString();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
