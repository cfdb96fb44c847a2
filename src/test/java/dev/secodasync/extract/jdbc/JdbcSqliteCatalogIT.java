package dev.secodasync.extract.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.testsupport.JdbcDrivers;
import dev.secodasync.testsupport.Rows;
import dev.secodasync.testsupport.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kind: jdbc with the real SQLite driver, loaded at run time from a folder: a driver with neither
 * catalogs nor schemas, untyped columns, and a {@code getPrimaryKeys} that needs the table.
 */
class JdbcSqliteCatalogIT {

    @TempDir
    Path dir;

    Path drivers;

    String url;

    @BeforeEach
    void createDatabase() throws Exception {
        drivers = JdbcDrivers.copyTo(JdbcDrivers.SQLITE, dir.resolve("drivers"));
        url = "jdbc:sqlite:" + dir.resolve("app.sqlite");
        JdbcDrivers.execute(drivers, url,
                "CREATE TABLE \"Order \"\"Lines\"\"\" (\"Line Id\" INTEGER PRIMARY KEY, note VARCHAR(20), raw BLOB,"
                        + " anything, \"Größe\" REAL NOT NULL)",
                "CREATE TABLE b (x TEXT, y BIGINT, PRIMARY KEY (y, x))",
                "CREATE TABLE Z (z INTEGER)",
                "CREATE TABLE a (w NUMERIC)",
                "CREATE INDEX b_x ON b (x)",
                "CREATE VIEW \"recent view\" AS SELECT \"Line Id\", note FROM \"Order \"\"Lines\"\"\"");
    }

    WarehouseProperties warehouse() {
        return Warehouses.of("lite", WarehouseKind.JDBC, url).driverPath(List.of(drivers.toString())).build();
    }

    /** What SQLite's own catalog says, as the reader should export it. */
    private List<ColumnRow> expectedFromPragma() throws Exception {
        try (Connection connection = JdbcDrivers.connect(drivers, url)) {
            return JdbcCatalogAssert.expected(connection, """
                    SELECT 'lite', 'main', m.name, NULL, m.type = 'view', p.name, NULL, p.type, p.cid + 1
                    FROM sqlite_schema m JOIN pragma_table_info(m.name) p
                    WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'""");
        }
    }

    @Test
    void readsWhatPragmaTableInfoSaysUnderSchemaMainSortedThroughTemporaryFiles() throws Exception {
        // given
        JdbcDrivers.assertNotOnClasspath("org.sqlite.JDBC");
        List<ColumnRow> expected = expectedFromPragma();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        // when: at most 2 columns of a schema in memory
        List<ColumnRow> rows = Rows.readAll(new JdbcExtractor(2, tmp).reader(warehouse()));

        // then: the warehouse name is the database, "main" the schema; "Order..." before "Z" before "a", "b"
        assertThat(expected).hasSize(11);
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(rows).extracting(ColumnRow::table).containsSubsequence("Order \"Lines\"", "Z", "a", "b", "recent view");
        assertThat(rows).filteredOn(r -> r.column().equals("anything")).extracting(ColumnRow::columnType)
                .containsExactly((String) null);
        assertThat(rows).filteredOn(ColumnRow::view).extracting(ColumnRow::table).containsOnly("recent view");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("temporary files removed").isEmpty();
        }
        assertThat(new JdbcExtractor().count(warehouse())).isEqualTo(new CatalogCount(5, 11));
    }

    @Test
    void readsASchemaInNamePrefixGroupsWithEachColumnOnceWhateverTheDriversLikeMatches() throws Exception {
        // given: names SQLite's case-insensitive LIKE mixes up ('a%' also matches "A1", "AB2"), LIKE
        // wildcards in names, and a name that is the prefix of others
        JdbcDrivers.execute(drivers, url,
                "CREATE TABLE \"A1\" (c1 INTEGER)",
                "CREATE TABLE \"AB2\" (c1 INTEGER, c2 TEXT)",
                "CREATE TABLE ab (c1 INTEGER)",
                "CREATE TABLE \"a_b\" (c1 INTEGER)",
                "CREATE TABLE \"a%c\" (c1 INTEGER)",
                "CREATE TABLE \"aXb\" (c1 INTEGER)",
                "CREATE TABLE \"añ\" (c1 INTEGER)");
        List<ColumnRow> expected = expectedFromPragma();
        WarehouseProperties oneTablePerCall = Warehouses.of("lite", WarehouseKind.JDBC, url)
                .driverPath(List.of(drivers.toString())).maxTablesPerCall(1).build();
        WarehouseProperties twoTablesPerCall = Warehouses.of("lite", WarehouseKind.JDBC, url)
                .driverPath(List.of(drivers.toString())).maxTablesPerCall(2).build();

        // when
        List<ColumnRow> one = Rows.readAll(new JdbcExtractor().reader(oneTablePerCall));
        List<ColumnRow> two = Rows.readAll(new JdbcExtractor().reader(twoTablesPerCall));
        List<ColumnRow> whole = Rows.readAll(new JdbcExtractor().reader(warehouse()));

        // then: every column once, as the database's own catalog says, however the schema is asked
        assertThat(expected).hasSize(19);
        assertThat(whole).containsExactlyElementsOf(expected);
        assertThat(one).containsExactlyElementsOf(expected);
        assertThat(two).containsExactlyElementsOf(expected);
        assertThat(new JdbcExtractor().count(oneTablePerCall)).isEqualTo(new CatalogCount(12, 19));
    }

    @Test
    void readsPrimaryKeysTableByTableInKeyOrder() {
        // when: the driver refuses getPrimaryKeys without a table
        List<PrimaryKey> keys = new JdbcExtractor().primaryKeys().read(warehouse());

        // then
        assertThat(keys).extracting(PrimaryKey::database, PrimaryKey::schema, PrimaryKey::table, PrimaryKey::columns)
                .containsExactly(
                        tuple("lite", "main", "Order \"Lines\"", List.of("Line Id")),
                        tuple("lite", "main", "b", List.of("y", "x")));
    }
}
