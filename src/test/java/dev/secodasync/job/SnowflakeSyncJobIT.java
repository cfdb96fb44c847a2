package dev.secodasync.job;

import static dev.secodasync.testsupport.FakeSnowflakeServer.error;
import static dev.secodasync.testsupport.FakeSnowflakeServer.result;
import static dev.secodasync.testsupport.FakeSnowflakeServer.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.SecodaSyncApplication;
import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.FakeSnowflakeServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A Snowflake warehouse through the whole job ({@link SecodaSyncApplication#run}): the real
 * Snowflake JDBC driver against {@link FakeSnowflakeServer}, Secoda played by {@link FakeSecoda}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SnowflakeSyncJobIT {

    private static final String TOKEN = "tok-51c0e2aa-snowflake";

    private static final String PASSWORD = "sf-pw-0b7d2c";

    private static final List<String> SHOW_COLUMNS = List.of("created_on", "name", "kind", "database_name", "schema_name");

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final FakeSnowflakeServer snowflake = new FakeSnowflakeServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    @BeforeEach
    void fakeSecoda() {
        secoda = new FakeSecoda(TOKEN, 2).on(server);
    }

    private List<String> snowflakeWarehouse(int i, String name) {
        return JobArgs.concat(JobArgs.snowflake(i, name, snowflake), List.of(
                "--sync.warehouses[" + i + "].username=SVC_SYNC",
                "--sync.warehouses[" + i + "].password=" + PASSWORD,
                "--sync.warehouses[" + i + "].role=CATALOG_READER",
                "--sync.warehouses[" + i + "].compute-warehouse=SYNC_WH"));
    }

    private List<String> demoWarehouse(int i) {
        return JobArgs.demo(i, "sf_it_demo");
    }

    private int run(List<String> warehouses, String... more) {
        return JobArgs.run(stateDir, server.url("/"), TOKEN, warehouses, more);
    }

    private void databases(String... names) {
        snowflake.onQuery(sql -> sql.equals("SHOW TERSE DATABASES LIMIT 10000"),
                result(SHOW_COLUMNS, Arrays.stream(names).map(n -> row("2024-01-01 00:00:00.000 -0800", n, "STANDARD",
                        null, null)).toList()));
    }

    private void columnsOf(String database, List<List<String>> rows) {
        snowflake.onQueryWith(q -> ("\"" + database + "\".INFORMATION_SCHEMA.COLUMNS").equals(q.bindingValue(1)),
                FakeSnowflakeServer.typedResult(FakeSnowflakeServer.CATALOG_COLUMNS, rows));
    }

    @Test
    void syncsASnowflakeAccountIntoOneIntegrationWithTheExactCsv(CapturedOutput output) throws Exception {
        // given: two databases (and Snowflake's own, left out); nulls, commas, quotes, newlines, Unicode
        databases("SNOWFLAKE", "SALES", "ANALYTICS");
        columnsOf("ANALYTICS", List.of(
                row("ANALYTICS", "PUBLIC", "EVENTS", null, "false", null, "PAYLOAD", null, "VARIANT", "1")));
        columnsOf("SALES", List.of(
                row("SALES", "CRM", "ORDERS", "Orders, \"all\" of them\nsince 2020", "false", "1700000000",
                        "ID", "the id", "NUMBER", "1"),
                row("SALES", "CRM", "ORDERS", "Orders, \"all\" of them\nsince 2020", "false", "1700000000",
                        "NOTE", "Zürich ✓ 日本 😀, with comma", "TEXT", "2"),
                row("SALES", "CRM", "V_ORDERS", null, "true", "1700000123", "ID", null, "NUMBER", "1")));

        // when
        int exit = run(snowflakeWarehouse(0, "acme"));

        // then
        assertThat(exit).isZero();
        Path csv = stateDir.resolve("out/acme.csv");
        String expected = "col_name,col_description,col_type,sort_order,database,schema,name,description,is_view,last_updated_time\r\n"
                + "payload,,VARIANT,1,analytics,public,events,,false,None\r\n"
                + "id,the id,NUMBER,1,sales,crm,orders,\"Orders, \"\"all\"\" of them\nsince 2020\",false,1700000000\r\n"
                + "note,\"Zürich ✓ 日本 😀, with comma\",TEXT,2,sales,crm,orders,\"Orders, \"\"all\"\" of them\nsince 2020\",false,1700000000\r\n"
                + "id,,NUMBER,1,sales,crm,v_orders,,true,1700000123\r\n";
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(secoda.creates()).containsExactly("acme");
        Map<String, Object> integration = secoda.integrations().get(0);
        assertThat(integration.get("type")).isEqualTo("snowflake");
        assertThat(secoda.uploads()).singleElement().satisfies(u -> assertThat(u.text()).isEqualTo(expected));
        assertThat(snowflake.lastLogin().target()).contains("roleName=CATALOG_READER").contains("warehouse=SYNC_WH");
        assertThat(output).contains("acme: 3 tables (1 views), 4 columns; uploaded to integration " + integration.get("id"))
                .doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    @Test
    void aFailingDatabaseMeansNoUploadForTheAccountWhileAnotherWarehouseStillSyncs(CapturedOutput output) {
        // given: the role lost its grant on SALES
        databases("ANALYTICS", "SALES");
        columnsOf("ANALYTICS", List.of(
                row("ANALYTICS", "PUBLIC", "EVENTS", null, "false", null, "ID", null, "NUMBER", "1")));
        snowflake.onQueryWith(q -> "\"SALES\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                error("002003", "02000", "SQL compilation error:\nDatabase 'SALES' does not exist or not authorized."));

        // when
        int exit = run(concat(snowflakeWarehouse(0, "acme"), demoWarehouse(1)));

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(secoda.creates()).containsExactly("demo");
        assertThat(secoda.uploads()).hasSize(1);
        assertThat(Files.exists(stateDir.resolve("out/acme.csv"))).isFalse();
        assertThat(output).contains("Warehouse 'acme' failed, nothing uploaded for it:")
                .contains("database SALES: Snowflake error 002003 (SQL state 02000): SQL compilation error: Database"
                        + " 'SALES' does not exist or not authorized.")
                .contains("demo: 4 tables (1 views), 16 columns; uploaded to integration")
                .doesNotContain(PASSWORD).doesNotContain("\tat net.snowflake");
    }

    @Test
    void anUnreadableKeyFileFailsTheWarehouseWithOneLineNamingTheFile(CapturedOutput output) {
        // given
        Path key = stateDir.resolve("keys/missing_rsa_key.p8");
        List<String> warehouse = new ArrayList<>(snowflakeWarehouse(0, "acme"));
        warehouse.removeIf(arg -> arg.contains(".password="));
        warehouse.add("--sync.warehouses[0].private-key-file=" + key);
        warehouse.add("--sync.warehouses[0].private-key-passphrase=pass-phrase-9f3e");

        // when
        int exit = run(warehouse);

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(snowflake.logins()).isEmpty();
        assertThat(secoda.uploads()).isEmpty();
        assertThat(output).contains("private key file " + key + " cannot be read").doesNotContain("pass-phrase-9f3e");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return JobArgs.concat(a, b);
    }
}
