package dev.secodasync.extract.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.testsupport.JdbcDrivers;
import dev.secodasync.testsupport.MariaDbTestDatabase;
import dev.secodasync.testsupport.Rows;
import dev.secodasync.testsupport.Warehouses;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kind: jdbc against the real MariaDB, with MariaDB Connector/J loaded from a folder rather than
 * the copy the application carries: a driver whose databases are catalogs, whose {@code getColumns}
 * follows the server's case-insensitive collation, and whose views carry the remark "VIEW".
 */
class JdbcMariaDbCatalogIT {

    static final String SHOP = MariaDbTestDatabase.name("secoda_it_jdbc_Shop");

    static final String CI_DB = MariaDbTestDatabase.name("secoda_it_jdbc_ci");

    @TempDir
    static Path dir;

    @BeforeAll
    static void createDatabases() {
        MariaDbTestDatabase.execute("DROP DATABASE IF EXISTS " + SHOP, "DROP DATABASE IF EXISTS " + CI_DB,
                "CREATE DATABASE " + SHOP + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                "CREATE TABLE " + SHOP + ".`Order \"Lines\"` (`Line Id` int unsigned NOT NULL PRIMARY KEY"
                        + " COMMENT 'key, \"quoted\"\\nnext', tier enum('gold','silver'), price decimal(10,2),"
                        + " name varchar(20) COMMENT '単価', body text) COMMENT 'Lines: Größe €'",
                "CREATE TABLE " + SHOP + ".Customers (id int, region char(2), PRIMARY KEY (region, id))",
                "CREATE TABLE " + SHOP + ".customers (x int)",
                "CREATE VIEW " + SHOP + ".v_gold AS SELECT `Line Id` FROM " + SHOP + ".`Order \"Lines\"`",
                "CREATE DATABASE " + CI_DB + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
                "CREATE TABLE " + CI_DB + ".b (x int)", "CREATE TABLE " + CI_DB + ".B2 (y int)",
                "CREATE TABLE " + CI_DB + ".a (z int)");
    }

    static final String LIMITED = MariaDbTestDatabase.name("secoda_it_jdbc_limited");

    @AfterAll
    static void dropDatabases() {
        MariaDbTestDatabase.execute("DROP DATABASE IF EXISTS " + SHOP, "DROP DATABASE IF EXISTS " + CI_DB,
                "DROP USER IF EXISTS " + LIMITED);
    }

    static WarehouseProperties warehouse(Path drivers) {
        return Warehouses.of("mydb", WarehouseKind.JDBC, MariaDbTestDatabase.URL).username(MariaDbTestDatabase.USER)
                .driverPath(List.of(drivers.toString())).includeSchemas(List.of(SHOP, CI_DB)).build();
    }

    @Test
    void readsWhatInformationSchemaSaysWithTheWarehouseAsDatabaseAndEachDatabaseAsSchema() throws Exception {
        // given: the same comparison as kind mysql's, the type as JDBC names it (base name, with
        // the length of a character type and the precision of a decimal, unsigned kept)
        Path drivers = JdbcDrivers.copyTo(JdbcDrivers.MARIADB, dir.resolve("drivers"));
        List<ColumnRow> expected;
        try (Connection connection = DriverManager.getConnection(MariaDbTestDatabase.URL, MariaDbTestDatabase.USER, "")) {
            expected = JdbcCatalogAssert.expected(connection, """
                    SELECT 'mydb', c.TABLE_SCHEMA, c.TABLE_NAME,
                           CASE WHEN t.TABLE_TYPE = 'VIEW' THEN NULL ELSE t.TABLE_COMMENT END, t.TABLE_TYPE = 'VIEW',
                           c.COLUMN_NAME, c.COLUMN_COMMENT,
                           CASE WHEN c.DATA_TYPE IN ('varchar', 'char') THEN CONCAT(UPPER(c.DATA_TYPE), '(', c.CHARACTER_MAXIMUM_LENGTH, ')')
                                WHEN c.DATA_TYPE = 'decimal' THEN CONCAT('DECIMAL(', c.NUMERIC_PRECISION, ',', c.NUMERIC_SCALE, ')')
                                ELSE UPPER(REGEXP_REPLACE(c.COLUMN_TYPE, '\\\\([^)]*\\\\)', '')) END,
                           c.ORDINAL_POSITION
                    FROM information_schema.COLUMNS c JOIN information_schema.TABLES t
                      ON BINARY t.TABLE_SCHEMA = BINARY c.TABLE_SCHEMA AND BINARY t.TABLE_NAME = BINARY c.TABLE_NAME
                    WHERE c.TABLE_SCHEMA IN ('%s', '%s')""".formatted(SHOP, CI_DB));
        }

        // when
        JdbcExtractor extractor = new JdbcExtractor();
        List<ColumnRow> rows = Rows.readAll(extractor.reader(warehouse(drivers)));

        // then: Customers and customers apart, B2 before a before b whatever the collation
        assertThat(expected).hasSize(12);
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(rows).filteredOn(r -> r.schema().equals(CI_DB)).extracting(ColumnRow::table)
                .containsExactly("B2", "a", "b");
        assertThat(rows).filteredOn(r -> r.schema().equals(SHOP)).extracting(ColumnRow::table).containsSubsequence(
                "Customers", "Customers", "Order \"Lines\"", "customers", "v_gold");
        assertThat(rows).filteredOn(r -> r.column().equals("Line Id") && !r.view())
                .extracting(ColumnRow::columnType, ColumnRow::columnDescription, ColumnRow::tableDescription)
                .containsExactly(tuple("INT UNSIGNED", "key, \"quoted\"\nnext", "Lines: Größe €"));
        assertThat(extractor.count(warehouse(drivers))).isEqualTo(new CatalogCount(7, 12));
    }

    @Test
    void aRoleThatSeesOnlySomeDatabasesAndTablesExportsWhatItSeesAndCountsTheSame() throws Exception {
        // given: a reader granted one database and one table of another, nothing else
        MariaDbTestDatabase.user(LIMITED, "pw-limited", "SELECT, SHOW VIEW ON " + SHOP + ".*", "SELECT ON " + CI_DB + ".a");
        Path drivers = JdbcDrivers.copyTo(JdbcDrivers.MARIADB, dir.resolve("drivers-limited"));
        WarehouseProperties limited = Warehouses.of("mydb", WarehouseKind.JDBC, MariaDbTestDatabase.URL)
                .username(LIMITED).password("pw-limited").driverPath(List.of(drivers.toString())).build();
        JdbcExtractor extractor = new JdbcExtractor();

        // when: every schema asked for
        List<ColumnRow> rows = Rows.readAll(extractor.reader(limited));

        // then: only what the grants show (the driver lists only the databases the role may use)
        assertThat(rows).extracting(ColumnRow::schema, ColumnRow::table).containsExactly(
                tuple(SHOP, "Customers"), tuple(SHOP, "Customers"),
                tuple(SHOP, "Order \"Lines\""), tuple(SHOP, "Order \"Lines\""), tuple(SHOP, "Order \"Lines\""),
                tuple(SHOP, "Order \"Lines\""), tuple(SHOP, "Order \"Lines\""),
                tuple(SHOP, "customers"), tuple(SHOP, "v_gold"), tuple(CI_DB, "a"));
        assertThat(extractor.count(limited)).isEqualTo(new CatalogCount(5, 10));
        assertThat(new JdbcPrimaryKeyReader(new DriverLoader()).read(limited)).extracting(PrimaryKey::table)
                .containsExactly("Customers", "Order \"Lines\"");
    }

    @Test
    void readsPrimaryKeysTableByTableAndLoadsTheDriverApartFromTheApplicationsCopy() throws Exception {
        // given
        Path drivers = JdbcDrivers.copyTo(JdbcDrivers.MARIADB, dir.resolve("drivers-pk"));
        DriverLoader loader = new DriverLoader();

        // when
        List<PrimaryKey> keys = new JdbcPrimaryKeyReader(loader).read(warehouse(drivers));

        // then
        assertThat(keys).extracting(PrimaryKey::schema, PrimaryKey::table, PrimaryKey::columns).containsExactly(
                tuple(SHOP, "Customers", List.of("region", "id")),
                tuple(SHOP, "Order \"Lines\"", List.of("Line Id")));
        Class<?> driverClass = loader.driver(warehouse(drivers)).getClass();
        assertThat(driverClass.getName()).isEqualTo("org.mariadb.jdbc.Driver");
        assertThat(driverClass.getClassLoader()).isNotSameAs(JdbcMariaDbCatalogIT.class.getClassLoader());
        assertThat(driverClass.getProtectionDomain().getCodeSource().getLocation().getPath()).startsWith(drivers.toString());
    }
}
