package dev.secodasync.extract.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.testsupport.JdbcDrivers;
import dev.secodasync.testsupport.Rows;
import dev.secodasync.testsupport.Warehouses;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kind: jdbc with the real DuckDB driver, loaded at run time from a folder: a driver with schemas
 * and catalogs (the file is a catalog, next to DuckDB's own {@code system} and {@code temp}),
 * comments, and types that carry their parameters in {@code TYPE_NAME}.
 */
class JdbcDuckDbCatalogIT {

    @TempDir
    Path dir;

    Path drivers;

    String url;

    @BeforeEach
    void createDatabase() throws Exception {
        drivers = JdbcDrivers.copyTo(JdbcDrivers.DUCKDB, dir.resolve("drivers"));
        url = "jdbc:duckdb:" + dir.resolve("Shop.duckdb");
        JdbcDrivers.execute(drivers, url,
                "CREATE SCHEMA \"Sales Team\"",
                "CREATE TABLE \"Sales Team\".\"Order \"\"Lines\"\"\" (\"Line Id\" INTEGER PRIMARY KEY,"
                        + " amount DECIMAL(10,2), note VARCHAR, tags VARCHAR[], \"Größe\" DOUBLE)",
                "COMMENT ON TABLE \"Sales Team\".\"Order \"\"Lines\"\"\" IS 'Lines, \"quoted\"\nand more'",
                "COMMENT ON COLUMN \"Sales Team\".\"Order \"\"Lines\"\"\".amount IS 'in €'",
                "CREATE TABLE \"Sales Team\".a (x BIGINT, y STRUCT(k INTEGER))",
                "CREATE TABLE \"Sales Team\".B (z DATE, w BLOB, PRIMARY KEY (w, z))",
                "CREATE VIEW \"Sales Team\".recent AS SELECT \"Line Id\", amount FROM \"Sales Team\".\"Order \"\"Lines\"\"\"",
                "COMMENT ON VIEW \"Sales Team\".recent IS 'the view'",
                // '_' is a wildcard in a schema pattern: a_b must not read aXb's tables
                "CREATE SCHEMA a_b", "CREATE TABLE a_b.t1 (c INTEGER)",
                "CREATE SCHEMA aXb", "CREATE TABLE aXb.t2 (d INTEGER)");
    }

    WarehouseProperties warehouse(List<String> include, List<String> exclude) {
        return Warehouses.of("duck", WarehouseKind.JDBC, url).driverPath(List.of(drivers.toString()))
                .includeSchemas(include).excludeSchemas(exclude).build();
    }

    @Test
    void readsWhatDuckDbsOwnCatalogSaysInCodePointOrder() throws Exception {
        // given: the driver is not on the classpath
        JdbcDrivers.assertNotOnClasspath("org.duckdb.DuckDBDriver");
        List<ColumnRow> expected;
        try (Connection connection = JdbcDrivers.connect(drivers, url)) {
            expected = JdbcCatalogAssert.expected(connection, """
                    SELECT c.database_name, c.schema_name, c.table_name, coalesce(t.comment, v.comment),
                           v.view_name IS NOT NULL, c.column_name, c.comment, c.data_type, c.column_index
                    FROM duckdb_columns() c
                    LEFT JOIN duckdb_tables() t ON t.database_name = c.database_name
                         AND t.schema_name = c.schema_name AND t.table_name = c.table_name
                    LEFT JOIN duckdb_views() v ON v.database_name = c.database_name
                         AND v.schema_name = c.schema_name AND v.view_name = c.table_name
                    WHERE c.database_name = current_database() AND NOT c.internal""");
        }

        // when
        List<ColumnRow> rows = Rows.readAll(new JdbcExtractor().reader(warehouse(null, null)));

        // then: the file's catalog is the database; its schemas, not DuckDB's system catalog
        assertThat(expected).hasSize(13);
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(rows).extracting(ColumnRow::schema).containsOnly("Sales Team", "a_b", "aXb");
        assertThat(rows).filteredOn(r -> r.table().equals("Order \"Lines\""))
                .extracting(ColumnRow::tableDescription).containsOnly("Lines, \"quoted\"\nand more");
        assertThat(rows).filteredOn(ColumnRow::view).extracting(ColumnRow::table, ColumnRow::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("recent", "Line Id"),
                        org.assertj.core.groups.Tuple.tuple("recent", "amount"));
        assertThat(rows).extracting(ColumnRow::table).containsSubsequence("B", "Order \"Lines\"", "a", "recent");
    }

    @Test
    void schemaFiltersTakeUnderscoresLiterallyAndTheCountMatchesTheRows() throws Exception {
        // when
        List<ColumnRow> rows = Rows.readAll(new JdbcExtractor().reader(warehouse(List.of("a_b", "sales*"), null)));
        CatalogCount count = new JdbcExtractor().count(warehouse(null, List.of("axb")));

        // then
        assertThat(rows).extracting(ColumnRow::schema, ColumnRow::table).containsOnly(
                org.assertj.core.groups.Tuple.tuple("Sales Team", "Order \"Lines\""),
                org.assertj.core.groups.Tuple.tuple("Sales Team", "a"),
                org.assertj.core.groups.Tuple.tuple("Sales Team", "B"),
                org.assertj.core.groups.Tuple.tuple("Sales Team", "recent"),
                org.assertj.core.groups.Tuple.tuple("a_b", "t1"));
        assertThat(count).isEqualTo(new CatalogCount(5, 12));
    }

    @Test
    void readsPrimaryKeysTableByTableWhenTheDriverAnswersNothingForAllTables() throws Exception {
        // when
        List<PrimaryKey> keys = new JdbcExtractor().primaryKeys().read(warehouse(List.of("Sales Team"), null));

        // then: in key order, not column order
        assertThat(keys).extracting(PrimaryKey::table, PrimaryKey::columns).containsExactly(
                org.assertj.core.groups.Tuple.tuple("B", List.of("w", "z")),
                org.assertj.core.groups.Tuple.tuple("Order \"Lines\"", List.of("Line Id")));
    }

    @Test
    void aDriverThatThrowsOnGetPrimaryKeysFailsWithTheTableNamed() throws Exception {
        // given: the real driver, on a connection that is closed by then
        DatabaseMetaData metaData;
        try (Connection connection = JdbcDrivers.connect(drivers, url)) {
            metaData = connection.getMetaData();
        }
        JdbcNamespace schema = new JdbcNamespace("Shop", "Sales Team", "Shop", "Sales Team");

        // when / then
        assertThatThrownBy(() -> JdbcPrimaryKeyReader.forSchema(metaData, schema, List.of("B")))
                .isInstanceOf(WarehouseReadException.class)
                .hasMessageStartingWith("reading the primary key of \"Shop\".\"Sales Team\".\"B\" through"
                        + " DatabaseMetaData.getPrimaryKeys failed: ");
    }
}
