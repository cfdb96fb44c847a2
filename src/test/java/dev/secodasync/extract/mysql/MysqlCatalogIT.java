package dev.secodasync.extract.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.testsupport.MariaDbTestDatabase;
import dev.secodasync.testsupport.Rows;
import dev.secodasync.testsupport.Warehouses;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kind: mysql against the real MariaDB: names, comments, types and order as the CSV needs them. */
class MysqlCatalogIT {

    static final String SHOP = MariaDbTestDatabase.name("secoda_it_Shop");

    static final String CI_DB = MariaDbTestDatabase.name("secoda_it_ci");

    @BeforeAll
    static void createDatabases() {
        MariaDbTestDatabase.execute(
                "DROP DATABASE IF EXISTS " + SHOP, "DROP DATABASE IF EXISTS " + CI_DB,
                "CREATE DATABASE " + SHOP + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                // Two tables whose names differ only in case, legal on a case-sensitive file system.
                "CREATE TABLE " + SHOP + ".Customers (id int unsigned NOT NULL COMMENT 'key, \"quoted\"\\nnext line',"
                        + " tier enum('gold','silver'), price decimal(10,2), total decimal(12,2) AS (price * 2))"
                        + " COMMENT 'Kunden: Größe €'",
                "CREATE TABLE " + SHOP + ".customers (name varchar(20) COMMENT '単価')",
                // InnoDB keeps UPDATE_TIME once a table is written; a table never written has none.
                "INSERT INTO " + SHOP + ".Customers (id, tier, price) VALUES (1, 'gold', 2.50)",
                "CREATE VIEW " + SHOP + ".v_gold AS SELECT id FROM " + SHOP + ".Customers WHERE tier = 'gold'",
                // A default collation that is case-insensitive, and table names that sort differently in it.
                "CREATE DATABASE " + CI_DB + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
                "CREATE TABLE " + CI_DB + ".b (x int)",
                "CREATE TABLE " + CI_DB + ".B2 (y int)",
                "CREATE TABLE " + CI_DB + ".a (z int)");
    }

    static final String LIMITED = MariaDbTestDatabase.name("secoda_it_limited");

    @AfterAll
    static void dropDatabases() {
        MariaDbTestDatabase.execute("DROP DATABASE IF EXISTS " + SHOP, "DROP DATABASE IF EXISTS " + CI_DB,
                "DROP USER IF EXISTS " + LIMITED);
    }

    static WarehouseProperties warehouse(List<String> include) {
        return Warehouses.of("mydb", WarehouseKind.MYSQL, MariaDbTestDatabase.URL).username(MariaDbTestDatabase.USER)
                .includeSchemas(include).build();
    }

    static List<ColumnRow> readAll(WarehouseProperties warehouse) throws Exception {
        return Rows.readAll(new MysqlExtractor(SqlFiles.builtIn(), 2).reader(warehouse));
    }

    @Test
    void readsTablesViewsCommentsAndFullTypesInCodePointOrderWithoutMixingNamesThatDifferInCase() throws Exception {
        // when
        List<ColumnRow> rows = readAll(warehouse(List.of(SHOP)));

        // then: the warehouse name is the database, the MySQL database the schema; Customers before customers
        assertThat(rows).extracting(ColumnRow::database, ColumnRow::schema, ColumnRow::table, ColumnRow::tableDescription,
                ColumnRow::view, ColumnRow::column, ColumnRow::columnDescription, ColumnRow::columnType,
                ColumnRow::sortOrder).containsExactly(
                        tuple("mydb", SHOP, "Customers", "Kunden: Größe €", false, "id", "key, \"quoted\"\nnext line",
                                "int(10) unsigned", 1),
                        tuple("mydb", SHOP, "Customers", "Kunden: Größe €", false, "tier", null, "enum('gold','silver')", 2),
                        tuple("mydb", SHOP, "Customers", "Kunden: Größe €", false, "price", null, "decimal(10,2)", 3),
                        tuple("mydb", SHOP, "Customers", "Kunden: Größe €", false, "total", null, "decimal(12,2)", 4),
                        tuple("mydb", SHOP, "customers", null, false, "name", "単価", "varchar(20)", 1),
                        // A view has no comment of its own; its column shows the comment of the column it reads.
                        tuple("mydb", SHOP, "v_gold", null, true, "id", "key, \"quoted\"\nnext line",
                                "int(10) unsigned", 1));
        assertThat(rows).filteredOn(r -> r.table().equals("Customers"))
                .allSatisfy(r -> assertThat(r.lastUpdatedEpochSeconds()).isPositive());
        assertThat(rows).filteredOn(r -> r.table().equals("customers"))
                .allSatisfy(r -> assertThat(r.lastUpdatedEpochSeconds()).isNull());
    }

    @Test
    void aRoleThatSeesOnlySomeDatabasesAndTablesExportsWhatItSeesAndCountsTheSame() throws Exception {
        // given: a reader granted one database and one table of another, nothing else
        MariaDbTestDatabase.user(LIMITED, "pw-limited", "SELECT, SHOW VIEW ON " + SHOP + ".*", "SELECT ON " + CI_DB + ".a");
        WarehouseProperties limited = Warehouses.of("mydb", WarehouseKind.MYSQL, MariaDbTestDatabase.URL)
                .username(LIMITED).password("pw-limited").build();
        MysqlExtractor extractor = new MysqlExtractor(SqlFiles.builtIn(), 2);

        // when: every schema asked for
        List<ColumnRow> rows = Rows.readAll(extractor.reader(limited));

        // then: only what the grants show, no error for the rest
        assertThat(rows).extracting(ColumnRow::schema, ColumnRow::table).containsExactly(
                tuple(SHOP, "Customers"), tuple(SHOP, "Customers"), tuple(SHOP, "Customers"), tuple(SHOP, "Customers"),
                tuple(SHOP, "customers"), tuple(SHOP, "v_gold"), tuple(CI_DB, "a"));
        assertThat(extractor.count(limited)).isEqualTo(new CatalogCount(4, 7));
    }

    @Test
    void sortsByCodePointWhateverTheDatabaseCollationAndCountsAsItReads() throws Exception {
        // when
        List<ColumnRow> rows = readAll(warehouse(List.of(CI_DB)));
        CatalogCount count = new MysqlExtractor(SqlFiles.builtIn(), 100).count(warehouse(List.of(SHOP, CI_DB)));

        // then: "B2" before "a" before "b", as COLLATE "C" sorts
        assertThat(rows).extracting(ColumnRow::table).containsExactly("B2", "a", "b");
        assertThat(count).isEqualTo(new CatalogCount(6, 9));
    }
}
