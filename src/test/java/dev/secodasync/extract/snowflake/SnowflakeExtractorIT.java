package dev.secodasync.extract.snowflake;

import static dev.secodasync.testsupport.FakeSnowflakeServer.error;
import static dev.secodasync.testsupport.FakeSnowflakeServer.result;
import static dev.secodasync.testsupport.FakeSnowflakeServer.row;
import static dev.secodasync.testsupport.SnowflakeKeys.assertJwt;
import static dev.secodasync.testsupport.SnowflakeKeys.encryptedPkcs8Pem;
import static dev.secodasync.testsupport.SnowflakeKeys.unencryptedPkcs8Pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.InvalidCatalogException;
import dev.secodasync.extract.WarehouseConnections;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.testsupport.FakeSnowflakeServer;
import dev.secodasync.testsupport.FakeSnowflakeServer.Query;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import tools.jackson.databind.JsonNode;

/**
 * {@link SnowflakeExtractor} through the real Snowflake JDBC driver against {@link FakeSnowflakeServer}:
 * the statements and bindings sent, sign-in per method, database discovery, the 090030 fallback,
 * lower-casing and its collisions, and failures naming the database.
 */
class SnowflakeExtractorIT {

    static final List<String> SHOW_COLUMNS = List.of("created_on", "name", "kind", "database_name", "schema_name");

    @RegisterExtension
    final FakeSnowflakeServer snowflake = new FakeSnowflakeServer();

    @TempDir
    Path tmp;

    final SnowflakeExtractor extractor = new SnowflakeExtractor(SqlFiles.builtIn(), 1000);

    /** A column row as the fake returns it: database, schema, table, column, position. */
    static List<String> column(String db, String schema, String table, String column, int position) {
        return row(db, schema, table, null, "false", "1700000000", column, null, "NUMBER", Integer.toString(position));
    }

    static FakeSnowflakeServer.ResultAnswer columns(List<List<String>> rows) {
        return FakeSnowflakeServer.typedResult(FakeSnowflakeServer.CATALOG_COLUMNS, rows);
    }

    static List<String> database(String name) {
        return row("2024-01-01 00:00:00.000 -0800", name, "STANDARD", null, null);
    }

    /** The properties the driver needs against the fake (account, plain HTTP, no cloud probing), nothing secret. */
    Map<String, String> fakeProperties() {
        Map<String, String> properties = new HashMap<>();
        snowflake.baseProperties().forEach((k, v) -> properties.put((String) k, (String) v));
        properties.remove("JDBC_QUERY_RESULT_FORMAT"); // the job's own default must do
        return properties;
    }

    WarehouseProperties warehouse(List<String> databases, boolean lowerCase, boolean accountUsage) {
        return signIn("SVC_SYNC", "pw-4711", null, null, null, null, null, databases, lowerCase, accountUsage);
    }

    WarehouseProperties signIn(String user, String password, String keyFile, String key, String passphrase,
            String token, String authenticator, List<String> databases, boolean lowerCase, boolean accountUsage) {
        return new WarehouseProperties("sf", WarehouseKind.SNOWFLAKE, snowflake.jdbcUrl(), user, password, null, null,
                null, null, null, false, fakeProperties(), keyFile, key, passphrase, token, authenticator, "CATALOG_READER",
                "SYNC_WH", databases, lowerCase, accountUsage, null, null, null, null, null, false, null, null);
    }

    WarehouseProperties withParallelDatabases(List<String> databases, int parallel) {
        return new WarehouseProperties("sf", WarehouseKind.SNOWFLAKE, snowflake.jdbcUrl(), "SVC_SYNC", "pw-4711", null,
                null, null, null, null, false, fakeProperties(), null, null, null, null, null, "CATALOG_READER",
                "SYNC_WH", databases, true, false, null, parallel, null, null, null, false, null, null);
    }

    static List<ColumnRow> readAll(ItemStreamReader<ColumnRow> reader) throws Exception {
        List<ColumnRow> rows = new ArrayList<>();
        reader.open(new ExecutionContext());
        try {
            ColumnRow row;
            while ((row = reader.read()) != null) {
                rows.add(row);
            }
        } finally {
            reader.close();
        }
        return rows;
    }

    private List<Query> columnQueries() {
        return snowflake.queries().stream().filter(q -> q.sqlText().contains("\"column_name\"")).toList();
    }

    @Test
    void runsColumnsSqlOncePerConfiguredDatabaseInCodePointOrderOfTheLowerCasedNames() throws Exception {
        // given: "b" sorts before "é" in code points; "Z" before "a" only when case is kept
        snowflake.onQueryWith(q -> "\"Éclair\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                columns(List.of(column("Éclair", "PUBLIC", "T", "ID", 1))));
        snowflake.onQueryWith(q -> "\"Banana \"\"DB\"\"\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                columns(List.of(column("Banana \"DB\"", "PUBLIC", "T", "ID", 1))));
        snowflake.onQueryWith(q -> "\"ZOO\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                columns(List.of(column("ZOO", "PUBLIC", "T", "ID", 1))));

        // when
        List<ColumnRow> rows = readAll(extractor.reader(warehouse(List.of("Éclair", "ZOO", "Banana \"DB\""), true, false)));

        // then
        assertThat(rows).extracting(ColumnRow::database).containsExactly("banana \"db\"", "zoo", "éclair");
        String expectedSql = SqlFiles.bind(SqlFiles.builtIn().load("snowflake", "columns"),
                Map.of("columns_view", "", "tables_view", "", "include_schemas", "", "exclude_schemas", "",
                        "exclude_columns", "", "lower_case_names", true)).sql();
        assertThat(columnQueries()).hasSize(3).allSatisfy(q -> assertThat(q.sqlText()).isEqualTo(expectedSql));
        // the queries run side by side, so they arrive in any order
        Query first = columnQueries().stream().filter(q -> q.bindingValue(1).startsWith("\"Banana")).findFirst()
                .orElseThrow();
        assertThat(first.sqlText()).contains("FROM IDENTIFIER(?) AS c").contains("LEFT JOIN IDENTIFIER(?) AS t")
                .contains("t.TABLE_CATALOG = c.TABLE_CATALOG");
        assertThat(first.sqlText().replaceAll("(?m)--.*$", "")).doesNotContain("DISTINCT");
        assertThat(first.bindingValue(1)).isEqualTo("\"Banana \"\"DB\"\"\".INFORMATION_SCHEMA.COLUMNS");
        assertThat(first.bindingValue(2)).isEqualTo("\"Banana \"\"DB\"\"\".INFORMATION_SCHEMA.TABLES");
        assertThat(first.bindingValue(3)).isEqualTo("^(.*)$");
        assertThat(first.bindingValue(4)).isEqualTo("^(STAGE_.*|HIST_.*|SNAP_.*|DBT_CLOUD_PR.*|CI_IMPACT_RESILIENCE_.*)$");
        assertThat(first.bindingValue(5)).isEqualTo("^(DW_.*)$");
        assertThat(first.bindingValue(6)).isEqualTo("true");
        assertThat(first.bindings().get("6").type()).isEqualTo("BOOLEAN");
    }

    @Test
    void queriesDatabasesSideBySideInSessionsOfTheirOwnAndStillWritesThemInOrder() throws Exception {
        // given: each database's query is held until all three are running, and the first database
        // in CSV order (A) is answered last
        CountDownLatch allRunning = new CountDownLatch(3);
        CountDownLatch othersAnswered = new CountDownLatch(2);
        AtomicBoolean overlapped = new AtomicBoolean(true);
        snowflake.whileAnswering(q -> {
            if (!q.sqlText().contains("\"column_name\"")) {
                return;
            }
            allRunning.countDown();
            overlapped.compareAndSet(true, await(allRunning));
            if (q.bindingValue(1).startsWith("\"A\"")) {
                await(othersAnswered);
            } else {
                othersAnswered.countDown();
            }
        });
        for (String db : List.of("A", "B", "C")) {
            snowflake.onQueryWith(q -> ("\"" + db + "\".INFORMATION_SCHEMA.COLUMNS").equals(q.bindingValue(1)),
                    columns(List.of(column(db, "S", "T", "ID", 1), column(db, "S", "T", "NAME", 2))));
        }

        // when
        List<ColumnRow> rows = readAll(extractor.reader(withParallelDatabases(List.of("C", "A", "B"), 3)));

        // then
        assertThat(overlapped).as("all three queries were running at the same time").isTrue();
        assertThat(rows).extracting(r -> r.database() + "." + r.column())
                .containsExactly("a.id", "a.name", "b.id", "b.name", "c.id", "c.name");
        assertThat(snowflake.logins()).hasSize(3);
    }

    @Test
    void oneDatabaseAtATimeReadsThemOneAfterAnotherInOneSession() throws Exception {
        // given
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        snowflake.whileAnswering(q -> {
            if (q.sqlText().contains("\"column_name\"")) {
                mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(50);
                running.decrementAndGet();
            }
        });
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of(column("X", "S", "T", "ID", 1))));

        // when
        List<ColumnRow> rows = readAll(extractor.reader(withParallelDatabases(List.of("A", "B", "C"), 1)));

        // then
        assertThat(rows).hasSize(3);
        assertThat(mostRunning).hasValue(1);
        assertThat(snowflake.logins()).hasSize(1);
        assertThat(columnQueries()).extracting(q -> q.bindingValue(1)).containsExactly(
                "\"A\".INFORMATION_SCHEMA.COLUMNS", "\"B\".INFORMATION_SCHEMA.COLUMNS", "\"C\".INFORMATION_SCHEMA.COLUMNS");
    }

    @Test
    void neverHasMoreQueriesOpenThanAllowedAndSignsInOncePerSlot() throws Exception {
        // given: six databases, two at a time
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        snowflake.whileAnswering(q -> {
            if (q.sqlText().contains("\"column_name\"")) {
                mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(30);
                running.decrementAndGet();
            }
        });
        List<String> names = List.of("D6", "D5", "D4", "D3", "D2", "D1");
        for (String db : names) {
            snowflake.onQueryWith(q -> ("\"" + db + "\".INFORMATION_SCHEMA.COLUMNS").equals(q.bindingValue(1)),
                    columns(List.of(column(db, "S", "T", "ID", 1))));
        }

        // when
        List<ColumnRow> rows = readAll(extractor.reader(withParallelDatabases(names, 2)));

        // then
        assertThat(rows).extracting(ColumnRow::database).containsExactly("d1", "d2", "d3", "d4", "d5", "d6");
        assertThat(mostRunning.get()).isBetween(1, 2);
        assertThat(snowflake.logins()).hasSize(2);
    }

    @Test
    void aFailingDatabaseCancelsTheQueriesStillRunning() throws Exception {
        // given: B fails while C's query is still running in Snowflake
        CountDownLatch cancelled = new CountDownLatch(1);
        snowflake.whileAnswering(q -> {
            if ("\"C\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1))) {
                await(cancelled);
            }
        });
        snowflake.onQueryWith(q -> "\"B\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                error("002003", "02000", "SQL compilation error:\nDatabase 'B' does not exist or not authorized."));
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of(column("A", "S", "T", "ID", 1))));

        // when
        try {
            assertThatThrownBy(() -> readAll(extractor.reader(withParallelDatabases(List.of("A", "B", "C"), 3))))
                    .isInstanceOf(WarehouseReadException.class)
                    .hasMessageStartingWith("database B: Snowflake error 002003");

            // then: the reader asked Snowflake to abort C's query
            assertThat(snowflake.otherCalls()).extracting(FakeSnowflakeServer.RecordedCall::target)
                    .anyMatch(target -> target.startsWith("/queries/v1/abort-request"));
        } finally {
            cancelled.countDown();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void keepsCaseWhenAskedAndThenOrdersByTheOriginalNames() throws Exception {
        // given
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of(column("Zed", "S", "T", "Mixed", 1))));

        // when
        List<ColumnRow> rows = readAll(extractor.reader(warehouse(List.of("a", "Zed"), false, false)));

        // then
        assertThat(columnQueries()).extracting(q -> q.bindingValue(1))
                .containsExactlyInAnyOrder("\"Zed\".INFORMATION_SCHEMA.COLUMNS", "\"a\".INFORMATION_SCHEMA.COLUMNS");
        assertThat(rows.get(0)).extracting(ColumnRow::database, ColumnRow::schema, ColumnRow::table, ColumnRow::column)
                .containsExactly("Zed", "S", "T", "Mixed");
        assertThat(columnQueries()).allSatisfy(q -> assertThat(q.bindingValue(6)).isEqualTo("false"));
    }

    @Test
    void discoversDatabasesPagingPastTenThousandAndLeavesSnowflakesOwnOut() throws Exception {
        // given: a full first page, then a second page whose last name needs quoting
        List<List<String>> page1 = new ArrayList<>();
        for (int i = 0; i < SnowflakeDatabases.SHOW_PAGE_SIZE; i++) {
            page1.add(database(String.format("DB%05d", i)));
        }
        snowflake.onQuery(sql -> sql.equals("SHOW TERSE DATABASES LIMIT 10000"), result(SHOW_COLUMNS, page1));
        snowflake.onQuery(sql -> sql.equals("SHOW TERSE DATABASES LIMIT 10000 FROM 'DB09999'"),
                result(SHOW_COLUMNS, List.of(database("SNOWFLAKE"), database("it's \\ odd"))));

        // when
        List<String> names;
        try (Connection connection = WarehouseConnections.dataSource(warehouse(List.of(), true, false)).getConnection()) {
            names = SnowflakeDatabases.discover(connection, SqlText.DATABASES);
        }

        // then
        assertThat(names).hasSize(10_002).startsWith("DB00000").endsWith("SNOWFLAKE", "it's \\ odd");
        assertThat(snowflake.sqlTexts()).containsExactly("SHOW TERSE DATABASES LIMIT 10000",
                "SHOW TERSE DATABASES LIMIT 10000 FROM 'DB09999'");
    }

    @Test
    void readsEveryDiscoveredDatabaseButSnowflakeAndTheSamples() throws Exception {
        // given
        snowflake.onQuery(sql -> sql.equals("SHOW TERSE DATABASES LIMIT 10000"), result(SHOW_COLUMNS, List.of(
                database("SNOWFLAKE"), database("SALES"), database("SNOWFLAKE_SAMPLE_DATA"), database("ANALYTICS"))));
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of()));

        // when
        List<ColumnRow> rows = readAll(extractor.reader(warehouse(List.of(), true, false)));

        // then
        assertThat(rows).isEmpty();
        assertThat(columnQueries()).extracting(q -> q.bindingValue(1))
                .containsExactlyInAnyOrder("\"ANALYTICS\".INFORMATION_SCHEMA.COLUMNS", "\"SALES\".INFORMATION_SCHEMA.COLUMNS");
    }

    @Test
    void fallsBackToOneQueryPerSchemaWhenADatabaseAnswersTooMuchData() throws Exception {
        // given: BIG is too big as a whole; SMALL is not
        snowflake.onQueryWith(q -> q.sqlText().contains("\"column_name\"") && !q.sqlText().contains("TABLE_SCHEMA = ?")
                        && "\"BIG\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                error("090030", "42000", "Information schema query returned too much data. Please repeat query with"
                        + " more selective predicates."));
        snowflake.onQueryWith(q -> "\"BIG\".INFORMATION_SCHEMA.SCHEMATA".equals(q.bindingValue(1)),
                result(List.of("database_name", "schema_name"), List.of(row("BIG", "ONE"), row("BIG", "TWO"))));
        snowflake.onQueryWith(q -> q.sqlText().contains("TABLE_SCHEMA = ?")
                        && q.body().path("bindings").toString().contains("\"ONE\""),
                columns(List.of(column("BIG", "ONE", "A", "X", 1))));
        snowflake.onQueryWith(q -> q.sqlText().contains("TABLE_SCHEMA = ?")
                        && q.body().path("bindings").toString().contains("\"TWO\""),
                columns(List.of(column("BIG", "TWO", "B", "Y", 1))));
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of(column("SMALL", "S", "C", "Z", 1))));

        // when
        List<ColumnRow> rows = readAll(extractor.reader(warehouse(List.of("SMALL", "BIG"), true, false)));

        // then
        assertThat(rows).extracting(r -> r.database() + "." + r.schema() + "." + r.table() + "." + r.column())
                .containsExactly("big.one.a.x", "big.two.b.y", "small.s.c.z");
        // (SMALL's query runs beside BIG's, so the order of the five queries varies)
        List<String> sent = snowflake.sqlTexts();
        assertThat(sent).hasSize(5);
        assertThat(sent).filteredOn(q -> q.contains("IDENTIFIER(?) AS s")).singleElement().asString()
                .contains("SCHEMA_NAME");
        List<Query> bySchemas = snowflake.queries().stream().filter(q -> q.sqlText().contains("WHERE c.TABLE_SCHEMA = ?"))
                .toList();
        assertThat(bySchemas).hasSize(2);
        Query bySchema = bySchemas.get(0);
        assertThat(bySchema.bindingValue(1)).isEqualTo("\"BIG\".INFORMATION_SCHEMA.COLUMNS");
        assertThat(bySchema.bindingValue(2)).isEqualTo("\"BIG\".INFORMATION_SCHEMA.TABLES");
        assertThat(bySchema.bindingValue(3)).isEqualTo("ONE");
        assertThat(bySchema.bindingValue(4)).isEqualTo("ONE");
    }

    @Test
    void aFailingDatabaseFailsTheReadNamingTheDatabaseAndSnowflakesCodeAndMessage() {
        // given
        snowflake.onQueryWith(q -> "\"SECRET_DB\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                error("002003", "02000", "SQL compilation error:\nDatabase 'SECRET_DB' does not exist or not authorized."));
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of(column("A_DB", "S", "T", "C", 1))));

        // when / then
        assertThatThrownBy(() -> readAll(extractor.reader(warehouse(List.of("A_DB", "SECRET_DB"), true, false))))
                .isInstanceOf(WarehouseReadException.class)
                .hasMessageStartingWith("database SECRET_DB: Snowflake error 002003 (SQL state 02000): SQL compilation error:")
                .hasMessageContaining("does not exist or not authorized");
    }

    @Test
    void columnsThatCollideOnceLowerCasedAreReportedByName() {
        // given
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of(
                column("DB", "S", "T", "ID", 1), column("DB", "S", "T", "id", 2))));

        // when / then
        assertThatThrownBy(() -> readAll(extractor.reader(warehouse(List.of("DB"), true, false))))
                .isInstanceOf(InvalidCatalogException.class)
                .hasMessageStartingWith("columns \"ID\" and \"id\" of table DB.S.T both become \"id\" once lower-cased")
                .hasMessageContaining("lower-case-names: false for warehouse 'sf'");
    }

    @Test
    void tablesThatCollideOnceLowerCasedAreReportedByName() {
        // given: the SQL orders by lower-cased name, then original name
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of(
                column("DB", "S", "ORDERS", "ID", 1), column("DB", "S", "Orders", "ID", 1))));

        // when / then
        assertThatThrownBy(() -> readAll(extractor.reader(warehouse(List.of("DB"), true, false))))
                .isInstanceOf(InvalidCatalogException.class)
                .hasMessageStartingWith("tables \"ORDERS\" and \"Orders\" in DB.S both become \"orders\"");
    }

    @Test
    void accountUsageModeRunsOneQueryJoinedOnIds() throws Exception {
        // given
        snowflake.onQuery(sql -> sql.contains("SNOWFLAKE.ACCOUNT_USAGE.COLUMNS"), columns(List.of(
                column("A", "S", "T", "X", 1), column("B", "S", "T", "Y", 1))));

        // when
        CatalogCount count = extractor.count(warehouse(List.of(), true, true));

        // then
        assertThat(count).isEqualTo(new CatalogCount(2, 2));
        Query query = snowflake.queries().get(0);
        assertThat(snowflake.queries()).hasSize(1);
        assertThat(query.sqlText()).contains("ON t.TABLE_ID = c.TABLE_ID").contains("c.DELETED IS NULL")
                .contains("t.DELETED IS NULL");
        assertThat(query.bindingValue(1)).isEqualTo(".*");
        assertThat(query.bindingValue(2)).isIn("^(SNOWFLAKE|SNOWFLAKE_SAMPLE_DATA)$", "^(SNOWFLAKE_SAMPLE_DATA|SNOWFLAKE)$");
    }

    // ------------------------------------------------------------------ sign-in

    private FakeSnowflakeServer.Login signInWith(WarehouseProperties warehouse) throws Exception {
        snowflake.onQuery(sql -> sql.contains("\"column_name\""), columns(List.of(column("DB", "S", "T", "C", 1))));
        assertThat(readAll(extractor.reader(warehouse))).hasSize(1);
        FakeSnowflakeServer.Login login = snowflake.lastLogin();
        assertThat(login.sessionParameters().path("JDBC_QUERY_RESULT_FORMAT").asString()).isEqualTo("JSON");
        // The driver sends role and warehouse as query parameters of the login request.
        assertThat(login.target()).contains("roleName=CATALOG_READER").contains("warehouse=SYNC_WH");
        return login;
    }

    @Test
    void asksTheDriverForOneDownloadThreadWithinAQuarterOfTheHeapUnlessTheUserSetsThem() throws Exception {
        // given
        long quarterOfTheHeapMb = Math.max(16, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));
        Map<String, String> lowerCase = fakeProperties();
        lowerCase.put("client_prefetch_threads", "3");
        lowerCase.put("Client_Memory_Limit", "640");

        // when: nothing set (the driver's own 4 threads and 80 % of the heap ran small heaps out of
        // memory: bench/README.md, "Snowflake in result chunks")
        JsonNode defaults = signInWith(withProperties(fakeProperties(), snowflake.jdbcUrl())).sessionParameters();
        // when: set in the warehouse's properties, in any case
        JsonNode inProperties = signInWith(withProperties(lowerCase, snowflake.jdbcUrl())).sessionParameters();
        // when: set in the URL
        JsonNode inUrl = signInWith(withProperties(fakeProperties(),
                snowflake.jdbcUrl() + "/?CLIENT_PREFETCH_THREADS=2&client_memory_limit=512")).sessionParameters();

        // then
        assertThat(defaults.path("CLIENT_PREFETCH_THREADS").asString()).isEqualTo("1");
        assertThat(defaults.path("CLIENT_MEMORY_LIMIT").asString()).isEqualTo(String.valueOf(quarterOfTheHeapMb));
        assertThat(inProperties.path("CLIENT_PREFETCH_THREADS").asString()).isEqualTo("3");
        assertThat(inProperties.path("CLIENT_MEMORY_LIMIT").asString()).isEqualTo("640");
        assertThat(inUrl.path("CLIENT_PREFETCH_THREADS").asString()).isEqualTo("2");
        assertThat(inUrl.path("CLIENT_MEMORY_LIMIT").asString()).isEqualTo("512");
    }

    private WarehouseProperties withProperties(Map<String, String> properties, String jdbcUrl) {
        return new WarehouseProperties("sf", WarehouseKind.SNOWFLAKE, jdbcUrl, "SVC_SYNC", "pw-4711", null, null, null,
                null, null, false, properties, null, null, null, null, null, "CATALOG_READER", "SYNC_WH", List.of("DB"),
                true, false, null, null, null, null, null, false, null, null);
    }

    @Test
    void signsInWithAPassword() throws Exception {
        // when
        FakeSnowflakeServer.Login login = signInWith(warehouse(List.of("DB"), true, false));

        // then
        assertThat(login.data("LOGIN_NAME")).isEqualTo("SVC_SYNC");
        assertThat(login.data("PASSWORD")).isEqualTo("pw-4711");
        assertThat(login.data("AUTHENTICATOR")).isNull();
    }

    @Test
    void signsInWithAnUnencryptedKeyFile() throws Exception {
        // given
        Path pem = tmp.resolve("rsa_key.p8");
        Files.writeString(pem, unencryptedPkcs8Pem());

        // when
        FakeSnowflakeServer.Login login = signInWith(signIn("svc_sync", null, pem.toString(), null, null, null, null,
                List.of("DB"), true, false));

        // then
        assertJwt(login, "SVC_SYNC");
    }

    @Test
    void signsInWithAnEncryptedKeyFileAndItsPassphrase() throws Exception {
        // given
        Path pem = tmp.resolve("rsa_key.p8");
        Files.writeString(pem, encryptedPkcs8Pem("pass-phrase-1"));

        // when
        FakeSnowflakeServer.Login login = signInWith(signIn("SVC_SYNC", null, pem.toString(), null, "pass-phrase-1",
                null, null, List.of("DB"), true, false));

        // then
        assertJwt(login, "SVC_SYNC");
        assertThat(login.body().toString()).doesNotContain("pass-phrase-1");
    }

    @Test
    void signsInWithAnEncryptedKeyFromTheEnvironment() throws Exception {
        // when: the PEM text itself, as an environment variable would hold it
        FakeSnowflakeServer.Login login = signInWith(signIn("SVC_SYNC", null, null, encryptedPkcs8Pem("pp-22"), "pp-22",
                null, null, List.of("DB"), true, false));

        // then
        assertJwt(login, "SVC_SYNC");
    }

    @Test
    void signsInWithAnUnencryptedKeyFromTheEnvironment() throws Exception {
        // when
        FakeSnowflakeServer.Login login = signInWith(signIn("SVC_SYNC", null, null, unencryptedPkcs8Pem(), null,
                null, null, List.of("DB"), true, false));

        // then
        assertJwt(login, "SVC_SYNC");
    }

    @Test
    void signsInWithAProgrammaticAccessToken() throws Exception {
        // when
        FakeSnowflakeServer.Login login = signInWith(signIn("SVC_SYNC", null, null, null, null, "pat-secret-31",
                "PROGRAMMATIC_ACCESS_TOKEN", List.of("DB"), true, false));

        // then
        assertThat(login.data("AUTHENTICATOR")).isEqualTo("PROGRAMMATIC_ACCESS_TOKEN");
        assertThat(login.data("TOKEN")).isEqualTo("pat-secret-31");
        assertThat(login.data("PASSWORD")).isNull();
    }

    @Test
    void signsInWithAnOauthToken() throws Exception {
        // when
        FakeSnowflakeServer.Login login = signInWith(signIn("SVC_SYNC", null, null, null, null, "oauth-secret-32",
                "oauth", List.of("DB"), true, false));

        // then
        assertThat(login.data("AUTHENTICATOR")).isEqualTo("OAUTH");
        assertThat(login.data("TOKEN")).isEqualTo("oauth-secret-32");
    }

    @Test
    void anUnreadableKeyFileFailsNamingTheFileNotThePassphrase() {
        // given
        Path missing = tmp.resolve("gone/rsa_key.p8");

        // when / then
        assertThatThrownBy(() -> readAll(extractor.reader(signIn("SVC_SYNC", null, missing.toString(), null,
                "pass-phrase-2", null, null, List.of("DB"), true, false))))
                .hasMessage("private key file " + missing + " cannot be read (missing, not a file, or not readable by"
                        + " this user)")
                .hasMessageNotContaining("pass-phrase-2");
        assertThat(snowflake.logins()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** The statement text of {@code sql/snowflake/databases.sql}. */
    static final class SqlText {
        static final String DATABASES = SqlFiles.builtIn().load("snowflake", "databases");
    }
}
