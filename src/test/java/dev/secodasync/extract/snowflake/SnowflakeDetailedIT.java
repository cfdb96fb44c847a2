package dev.secodasync.extract.snowflake;

import static dev.secodasync.testsupport.FakeSnowflakeServer.error;
import static dev.secodasync.testsupport.FakeSnowflakeServer.result;
import static dev.secodasync.testsupport.FakeSnowflakeServer.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.catalog.TableName;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.testsupport.FakeSnowflakeServer;
import dev.secodasync.testsupport.FakeSnowflakeServer.Column;
import dev.secodasync.testsupport.FakeSnowflakeServer.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * {@link SnowflakeExtractor#detailedReader} through the real Snowflake JDBC driver against
 * {@link FakeSnowflakeServer}: the exact stream (each table's details before its columns, the
 * lineage after them), keys through SHOW PRIMARY KEYS narrowed past SHOW's cap, hidden view text,
 * lineage across databases both ways, lower-casing, and failures naming the database.
 */
class SnowflakeDetailedIT {

    static final List<String> TABLES_COLUMNS = List.of("database_name", "schema_name", "table_name", "native_type",
            "definition", "primary_key");

    static final List<Column> SHOW_KEYS_COLUMNS = List.of(Column.text("created_on"), Column.text("database_name"),
            Column.text("schema_name"), Column.text("table_name"), Column.text("column_name"),
            Column.number("key_sequence"), Column.text("constraint_name"), Column.text("rely"), Column.text("comment"));

    static final List<String> LINEAGE_COLUMNS = List.of("source_database", "source_schema", "source_table",
            "target_database", "target_schema", "target_table", "source_sql");

    @RegisterExtension
    final FakeSnowflakeServer snowflake = new FakeSnowflakeServer();

    final SnowflakeExtractor extractor = new SnowflakeExtractor(SqlFiles.builtIn(), 1000);

    // ------------------------------------------------------------------ the fake's answers

    static List<String> table(String db, String schema, String name, String nativeType, String definition) {
        return row(db, schema, name, nativeType, definition, null);
    }

    static List<String> key(String db, String schema, String table, String column, int sequence) {
        return row("2024-01-01 00:00:00.000 -0800", db, schema, table, column, Integer.toString(sequence),
                "PK_" + table, "false", null);
    }

    static List<String> column(String db, String schema, String table, boolean view, String column, int position) {
        return row(db, schema, table, null, Boolean.toString(view), "1700000000", column, null, "NUMBER",
                Integer.toString(position));
    }

    void tablesOf(String db, List<List<String>> rows) {
        snowflake.onQueryWith(q -> ("\"" + db + "\".INFORMATION_SCHEMA.TABLES").equals(q.bindingValue(1))
                && q.sqlText().contains("\"native_type\""), result(TABLES_COLUMNS, rows));
    }

    void keysOf(String scope, List<List<String>> rows) {
        snowflake.onQuery(sql -> sql.equals("SHOW PRIMARY KEYS IN " + scope),
                FakeSnowflakeServer.typedResult(SHOW_KEYS_COLUMNS, rows));
    }

    void columnsOf(String db, List<List<String>> rows) {
        snowflake.onQueryWith(q -> ("\"" + db + "\".INFORMATION_SCHEMA.COLUMNS").equals(q.bindingValue(1)),
                FakeSnowflakeServer.typedResult(FakeSnowflakeServer.CATALOG_COLUMNS, rows));
    }

    // ------------------------------------------------------------------ expected items

    static TableName name(String db, String schema, String table) {
        return new TableName(db, schema, table);
    }

    static ColumnRow columnRow(String db, String schema, String table, boolean view, String column, int position) {
        return new ColumnRow(db, schema, table, null, view, 1_700_000_000L, column, null, "NUMBER", position);
    }

    // ------------------------------------------------------------------ the warehouse

    WarehouseProperties warehouse(List<String> databases, boolean lowerCase, boolean accountUsage) {
        Map<String, String> properties = new HashMap<>();
        snowflake.baseProperties().forEach((k, v) -> properties.put((String) k, (String) v));
        return new WarehouseProperties("sf", WarehouseKind.SNOWFLAKE, snowflake.jdbcUrl(), "SVC_SYNC", "pw-4711", null,
                null, null, null, null, false, properties, null, null, null, null, null, "CATALOG_READER", "SYNC_WH",
                databases, lowerCase, accountUsage, null, null, null, null, null, false, null, null);
    }

    static List<CatalogItem> readAll(ItemStreamReader<CatalogItem> reader) throws Exception {
        reader.open(new ExecutionContext());
        try {
            List<CatalogItem> items = new ArrayList<>();
            for (CatalogItem item = reader.read(); item != null; item = reader.read()) {
                items.add(item);
            }
            return items;
        } finally {
            reader.close();
        }
    }

    List<CatalogItem> readDetailed(SnowflakeExtractor reading, WarehouseProperties warehouse) throws Exception {
        return readAll(reading.detailedReader(warehouse).orElseThrow());
    }

    // ------------------------------------------------------------------ tests

    @Test
    void handsEachTablesDetailsOutBeforeItsColumnsAndTheViewSqlAsLineageAfterThem() throws Exception {
        // given: tables in no order, a composite key listed out of sequence, a view with its SQL
        String viewSql = "create or replace view REVENUE as select sum(TOTAL) as TOTAL from SALES.PUBLIC.ORDERS";
        tablesOf("SALES", List.of(
                table("SALES", "PUBLIC", "REVENUE", "view", viewSql),
                table("SALES", "PUBLIC", "ORDERS", "table", null),
                table("SALES", "PUBLIC", "ORDER_LINES", "table", null)));
        keysOf("DATABASE \"SALES\"", List.of(
                key("SALES", "PUBLIC", "ORDER_LINES", "LINE_NO", 2),
                key("SALES", "PUBLIC", "ORDERS", "ID", 1),
                key("SALES", "PUBLIC", "ORDER_LINES", "ORDER_ID", 1)));
        columnsOf("SALES", List.of(
                column("SALES", "PUBLIC", "ORDER_LINES", false, "ORDER_ID", 1),
                column("SALES", "PUBLIC", "ORDER_LINES", false, "LINE_NO", 2),
                column("SALES", "PUBLIC", "ORDERS", false, "ID", 1),
                column("SALES", "PUBLIC", "ORDERS", false, "TOTAL", 2),
                column("SALES", "PUBLIC", "REVENUE", true, "TOTAL", 1)));

        // when
        List<CatalogItem> items = readDetailed(extractor, warehouse(List.of("SALES"), true, false));

        // then: names lower-cased as the column rows are, "order_lines" before "orders" in code points
        TableName revenue = name("sales", "public", "revenue");
        assertThat(items).containsExactly(
                new TableDetails(name("sales", "public", "order_lines"), "table", null, List.of("order_id", "line_no")),
                columnRow("sales", "public", "order_lines", false, "order_id", 1),
                columnRow("sales", "public", "order_lines", false, "line_no", 2),
                new TableDetails(name("sales", "public", "orders"), "table", null, List.of("id")),
                columnRow("sales", "public", "orders", false, "id", 1),
                columnRow("sales", "public", "orders", false, "total", 2),
                new TableDetails(revenue, "view", viewSql, List.of()),
                columnRow("sales", "public", "revenue", true, "total", 1),
                new LineageEdge(null, viewSql, revenue));
        Query details = snowflake.queries().stream().filter(q -> q.sqlText().contains("\"native_type\"")).findFirst()
                .orElseThrow();
        assertThat(details.sqlText()).contains("FROM IDENTIFIER(?) AS t").contains("LEFT JOIN IDENTIFIER(?) AS v")
                .contains("IFF(t.TABLE_TYPE = 'BASE TABLE', 'table', LOWER(t.TABLE_TYPE))");
        assertThat(details.bindingValue(1)).isEqualTo("\"SALES\".INFORMATION_SCHEMA.TABLES");
        assertThat(details.bindingValue(2)).isEqualTo("\"SALES\".INFORMATION_SCHEMA.VIEWS");
        assertThat(details.bindingValue(3)).isEqualTo("^(.*)$");
        assertThat(details.bindingValue(4)).startsWith("^(STAGE_.*|HIST_.*");
        assertThat(snowflake.sqlTexts()).filteredOn(sql -> sql.startsWith("SHOW"))
                .containsExactly("SHOW PRIMARY KEYS IN DATABASE \"SALES\"");
    }

    @Test
    void aViewWhoseTextTheRoleMayNotSeeHasNoDefinitionAndNoEdge() throws Exception {
        // given: a secure view's text comes back NULL, or empty from an overridden tables.sql
        tablesOf("DB", List.of(
                table("DB", "S", "HIDDEN", "view", null),
                table("DB", "S", "BLANK", "view", ""),
                table("DB", "S", "SHOWN", "materialized view", "create materialized view SHOWN as select 1 as X")));
        keysOf("DATABASE \"DB\"", List.of());
        columnsOf("DB", List.of(
                column("DB", "S", "BLANK", true, "X", 1),
                column("DB", "S", "HIDDEN", true, "X", 1),
                column("DB", "S", "SHOWN", true, "X", 1)));

        // when
        List<CatalogItem> items = readDetailed(extractor, warehouse(List.of("DB"), true, false));

        // then
        assertThat(items).containsExactly(
                new TableDetails(name("db", "s", "blank"), "view", null, List.of()),
                columnRow("db", "s", "blank", true, "x", 1),
                new TableDetails(name("db", "s", "hidden"), "view", null, List.of()),
                columnRow("db", "s", "hidden", true, "x", 1),
                new TableDetails(name("db", "s", "shown"), "materialized view",
                        "create materialized view SHOWN as select 1 as X", List.of()),
                columnRow("db", "s", "shown", true, "x", 1),
                new LineageEdge(null, "create materialized view SHOWN as select 1 as X", name("db", "s", "shown")));
    }

    @Test
    void keysAreAskedAgainPerSchemaThenPerTableWhenAnAnswerReachesTheShowCap() throws Exception {
        // given: SHOW answers at most 3 rows; the database's answer and schema B's are full
        SnowflakeExtractor smallPages = new SnowflakeExtractor(SqlFiles.builtIn(), 1000,
                dev.secodasync.extract.WarehouseConnections::dataSource, 3);
        tablesOf("DW", List.of(
                table("DW", "A", "T1", "table", null),
                table("DW", "B", "T2", "table", null),
                table("DW", "B", "T3", "table", null),
                table("DW", "B", "V", "view", "create view V as select 1 as X")));
        keysOf("DATABASE \"DW\"", List.of(key("DW", "A", "T1", "ID", 1), key("DW", "B", "T2", "K1", 1),
                key("DW", "B", "T2", "K2", 2)));
        keysOf("SCHEMA \"DW\".\"A\"", List.of(key("DW", "A", "T1", "ID", 1)));
        keysOf("SCHEMA \"DW\".\"B\"", List.of(key("DW", "B", "T2", "K1", 1), key("DW", "B", "T2", "K2", 2),
                key("DW", "B", "T3", "K1", 1)));
        keysOf("TABLE \"DW\".\"B\".\"T2\"", List.of(key("DW", "B", "T2", "K2", 2), key("DW", "B", "T2", "K1", 1)));
        keysOf("TABLE \"DW\".\"B\".\"T3\"", List.of(key("DW", "B", "T3", "K1", 1), key("DW", "B", "T3", "K2", 2)));
        columnsOf("DW", List.of(
                column("DW", "A", "T1", false, "ID", 1),
                column("DW", "B", "T2", false, "K1", 1),
                column("DW", "B", "T3", false, "K1", 1),
                column("DW", "B", "V", true, "X", 1)));

        // when
        List<CatalogItem> items = readDetailed(smallPages, warehouse(List.of("DW"), true, false));

        // then: T3's second key column is only in its own answer; the view is never asked for
        assertThat(items).filteredOn(TableDetails.class::isInstance).map(TableDetails.class::cast)
                .extracting(d -> d.name().table() + "=" + d.primaryKey())
                .containsExactly("t1=[id]", "t2=[k1, k2]", "t3=[k1, k2]", "v=[]");
        assertThat(snowflake.sqlTexts()).filteredOn(sql -> sql.startsWith("SHOW")).containsExactly(
                "SHOW PRIMARY KEYS IN DATABASE \"DW\"",
                "SHOW PRIMARY KEYS IN SCHEMA \"DW\".\"A\"",
                "SHOW PRIMARY KEYS IN SCHEMA \"DW\".\"B\"",
                "SHOW PRIMARY KEYS IN TABLE \"DW\".\"B\".\"T2\"",
                "SHOW PRIMARY KEYS IN TABLE \"DW\".\"B\".\"T3\"");
    }

    @Test
    void anAnswerOfTenThousandKeyRowsIsTreatedAsCutOffAndAskedAgainPerSchema() throws Exception {
        // given: Snowflake's own cap; the database's answer is full (of tables the filters leave out)
        List<List<String>> full = new ArrayList<>();
        for (int i = 0; i < SnowflakeDatabases.SHOW_PAGE_SIZE; i++) {
            full.add(key("DW", "STAGE_X", String.format("T%05d", i), "ID", 1));
        }
        tablesOf("DW", List.of(table("DW", "A", "T1", "table", null), table("DW", "B", "T2", "table", null)));
        keysOf("DATABASE \"DW\"", full);
        keysOf("SCHEMA \"DW\".\"A\"", List.of(key("DW", "A", "T1", "ID", 1)));
        keysOf("SCHEMA \"DW\".\"B\"", List.of(key("DW", "B", "T2", "Y", 2), key("DW", "B", "T2", "X", 1)));
        columnsOf("DW", List.of(column("DW", "A", "T1", false, "ID", 1), column("DW", "B", "T2", false, "X", 1)));

        // when
        List<CatalogItem> items = readDetailed(extractor, warehouse(List.of("DW"), true, false));

        // then
        assertThat(items).filteredOn(TableDetails.class::isInstance).map(TableDetails.class::cast)
                .extracting(TableDetails::primaryKey).containsExactly(List.of("id"), List.of("x", "y"));
        assertThat(snowflake.sqlTexts()).filteredOn(sql -> sql.startsWith("SHOW")).containsExactly(
                "SHOW PRIMARY KEYS IN DATABASE \"DW\"", "SHOW PRIMARY KEYS IN SCHEMA \"DW\".\"A\"",
                "SHOW PRIMARY KEYS IN SCHEMA \"DW\".\"B\"");
    }

    @Test
    void lineageAcrossTwoDatabasesComesFromObjectDependenciesWithAccountUsage() throws Exception {
        // given: a view in DB1 reads a table in DB2; OBJECT_DEPENDENCIES still lists a view dropped
        // since (lag), which the upload does not hold
        tablesOf("DB1", List.of(table("DB1", "PUBLIC", "V_SALES", "view", "create view V_SALES as select * from DB2.PUBLIC.ORDERS")));
        tablesOf("DB2", List.of(table("DB2", "PUBLIC", "ORDERS", "table", null)));
        keysOf("DATABASE \"DB1\"", List.of());
        keysOf("DATABASE \"DB2\"", List.of(key("DB2", "PUBLIC", "ORDERS", "ID", 1)));
        snowflake.onQuery(sql -> sql.contains("SNOWFLAKE.ACCOUNT_USAGE.COLUMNS"),
                FakeSnowflakeServer.typedResult(FakeSnowflakeServer.CATALOG_COLUMNS, List.of(
                        column("DB1", "PUBLIC", "V_SALES", true, "ID", 1),
                        column("DB2", "PUBLIC", "ORDERS", false, "ID", 1))));
        snowflake.onQuery(sql -> sql.contains("SNOWFLAKE.ACCOUNT_USAGE.OBJECT_DEPENDENCIES"), result(LINEAGE_COLUMNS,
                List.of(row("DB2", "PUBLIC", "ORDERS", "DB1", "PUBLIC", "V_DROPPED", null),
                        row("DB2", "PUBLIC", "ORDERS", "DB1", "PUBLIC", "V_SALES", null))));

        // when
        List<CatalogItem> items = readDetailed(extractor, warehouse(List.of("DB2", "DB1"), true, true));

        // then
        TableName view = name("db1", "public", "v_sales");
        TableName orders = name("db2", "public", "orders");
        assertThat(items).containsExactly(
                new TableDetails(view, "view", "create view V_SALES as select * from DB2.PUBLIC.ORDERS", List.of()),
                columnRow("db1", "public", "v_sales", true, "id", 1),
                new TableDetails(orders, "table", null, List.of("id")),
                columnRow("db2", "public", "orders", false, "id", 1),
                LineageEdge.from(orders, view));
        Query lineage = snowflake.queries().stream().filter(q -> q.sqlText().contains("OBJECT_DEPENDENCIES"))
                .findFirst().orElseThrow();
        assertThat(lineage.sqlText()).contains("ON v.TABLE_ID = d.REFERENCING_OBJECT_ID")
                .contains("ON s.TABLE_ID = d.REFERENCED_OBJECT_ID");
        assertThat(lineage.bindingValue(1)).isEqualTo("^(DB1|DB2)$");
    }

    @Test
    void lineageAcrossTwoDatabasesIsTheViewTextWithoutAccountUsageAndKeepsCaseWhenAsked() throws Exception {
        // given: databases discovered, not configured; a view in DB1 over a table in Db2
        String viewSql = "CREATE VIEW \"Sales\" AS SELECT * FROM \"Db2\".PUBLIC.ORDERS";
        snowflake.onQuery(sql -> sql.equals("SHOW TERSE DATABASES LIMIT 10000"),
                result(SnowflakeExtractorIT.SHOW_COLUMNS, List.of(SnowflakeExtractorIT.database("Db2"),
                        SnowflakeExtractorIT.database("DB1"), SnowflakeExtractorIT.database("SNOWFLAKE"))));
        tablesOf("DB1", List.of(table("DB1", "PUBLIC", "Sales", "view", viewSql)));
        tablesOf("Db2", List.of(table("Db2", "PUBLIC", "ORDERS", "table", null)));
        keysOf("DATABASE \"DB1\"", List.of());
        keysOf("DATABASE \"Db2\"", List.of());
        columnsOf("DB1", List.of(column("DB1", "PUBLIC", "Sales", true, "ID", 1)));
        columnsOf("Db2", List.of(column("Db2", "PUBLIC", "ORDERS", false, "ID", 1)));

        // when
        List<CatalogItem> items = readDetailed(extractor, warehouse(List.of(), false, false));

        // then: Snowflake's case everywhere; "DB1" before "Db2" in code points; one listing of the databases
        TableName view = name("DB1", "PUBLIC", "Sales");
        assertThat(items).containsExactly(
                new TableDetails(view, "view", viewSql, List.of()),
                columnRow("DB1", "PUBLIC", "Sales", true, "ID", 1),
                new TableDetails(name("Db2", "PUBLIC", "ORDERS"), "table", null, List.of()),
                columnRow("Db2", "PUBLIC", "ORDERS", false, "ID", 1),
                new LineageEdge(null, viewSql, view));
        assertThat(snowflake.sqlTexts()).filteredOn(sql -> sql.startsWith("SHOW TERSE DATABASES")).hasSize(1);
        assertThat(snowflake.sqlTexts()).noneMatch(sql -> sql.contains("OBJECT_DEPENDENCIES"));
    }

    @Test
    void detailsComeInCsvOrderAcrossDatabasesReadSideBySide() throws Exception {
        // given: three databases, the first in CSV order answering last
        snowflake.whileAnswering(q -> {
            if ("\"alpha\".INFORMATION_SCHEMA.TABLES".equals(q.bindingValue(1))) {
                sleep(200);
            }
        });
        for (String db : List.of("Zeta", "alpha", "Beta")) {
            tablesOf(db, List.of(table(db, "S", "T", "table", null)));
            keysOf("DATABASE \"" + db + "\"", List.of(key(db, "S", "T", "ID", 1)));
            columnsOf(db, List.of(column(db, "S", "T", false, "ID", 1)));
        }

        // when
        List<CatalogItem> items = readDetailed(extractor, warehouse(List.of("Zeta", "alpha", "Beta"), true, false));

        // then
        assertThat(items).extracting(item -> item instanceof TableDetails d ? "details " + d.name().database()
                : "column " + ((ColumnRow) item).database())
                .containsExactly("details alpha", "column alpha", "details beta", "column beta", "details zeta",
                        "column zeta");
    }

    @Test
    void aFailingKeysQueryFailsTheReadNamingTheDatabase() {
        // given
        tablesOf("SECRET", List.of(table("SECRET", "S", "T", "table", null)));
        snowflake.onQuery(sql -> sql.equals("SHOW PRIMARY KEYS IN DATABASE \"SECRET\""),
                error("003001", "42501", "SQL access control error:\nInsufficient privileges to operate on database 'SECRET'"));
        columnsOf("SECRET", List.of(column("SECRET", "S", "T", false, "ID", 1)));

        // when / then
        assertThatThrownBy(() -> readDetailed(extractor, warehouse(List.of("SECRET"), true, false)))
                .isInstanceOf(WarehouseReadException.class)
                .hasMessageStartingWith("database SECRET, SHOW PRIMARY KEYS IN DATABASE \"SECRET\": Snowflake error"
                        + " 003001 (SQL state 42501): SQL access control error:");
    }

    @Test
    void aFailingDetailsQueryFailsTheReadNamingTheDatabase() {
        // given
        snowflake.onQueryWith(q -> "\"GONE\".INFORMATION_SCHEMA.TABLES".equals(q.bindingValue(1)),
                error("002003", "02000", "SQL compilation error:\nDatabase 'GONE' does not exist or not authorized."));

        // when / then
        assertThatThrownBy(() -> readDetailed(extractor, warehouse(List.of("GONE"), true, false)))
                .isInstanceOf(WarehouseReadException.class)
                .hasMessageStartingWith("database GONE, table details: Snowflake error 002003");
    }

    @Test
    void aFailingLineageQueryFailsTheRead() {
        // given: no imported privileges on SNOWFLAKE
        tablesOf("DB", List.of(table("DB", "S", "T", "table", null)));
        keysOf("DATABASE \"DB\"", List.of());
        snowflake.onQuery(sql -> sql.contains("SNOWFLAKE.ACCOUNT_USAGE.COLUMNS"), FakeSnowflakeServer.typedResult(
                FakeSnowflakeServer.CATALOG_COLUMNS, List.of(column("DB", "S", "T", false, "ID", 1))));
        snowflake.onQuery(sql -> sql.contains("OBJECT_DEPENDENCIES"),
                error("002003", "02000", "SQL compilation error:\nSchema 'SNOWFLAKE.ACCOUNT_USAGE' does not exist or not authorized."));

        // when / then
        assertThatThrownBy(() -> readDetailed(extractor, warehouse(List.of("DB"), true, true)))
                .isInstanceOf(WarehouseReadException.class)
                .hasMessageStartingWith("lineage (SNOWFLAKE.ACCOUNT_USAGE.OBJECT_DEPENDENCIES): Snowflake error 002003");
    }

    @Test
    void tablesThatCollideOnceLowerCasedFailTheDetails() {
        // given
        tablesOf("DB", List.of(table("DB", "S", "ORDERS", "table", null), table("DB", "S", "Orders", "table", null)));
        keysOf("DATABASE \"DB\"", List.of());

        // when / then
        assertThatThrownBy(() -> readDetailed(extractor, warehouse(List.of("DB"), true, false)))
                .hasMessageStartingWith("tables \"DB.S.ORDERS\" and \"DB.S.Orders\" both become \"db.s.orders\"");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
