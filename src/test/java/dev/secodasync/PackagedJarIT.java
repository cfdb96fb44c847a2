package dev.secodasync;

import static dev.secodasync.testsupport.FakeSnowflakeServer.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.job.ExitCodes;
import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.FakeSnowflakeServer;
import dev.secodasync.testsupport.JdbcDrivers;
import dev.secodasync.testsupport.JarProcess;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.PostgresTestDatabase;
import dev.secodasync.testsupport.SnowflakeKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar users run: a flat jar whose Spring context comes from AOT-generated bean definitions
 * ({@code spring.aot.enabled} is set only inside it), which the in-process tests never load.
 * It must behave exactly like the application the other tests run.
 */
class PackagedJarIT {

    private static final String TOKEN = "tok-jar-4b1f";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final FakeSnowflakeServer snowflake = new FakeSnowflakeServer();

    @TempDir
    Path work;

    FakeSecoda secoda;

    @BeforeEach
    void fakeSecoda() {
        secoda = new FakeSecoda(TOKEN, 2).on(server);
    }

    private List<String> warehouses(PostgresTestDatabase db) {
        return JobArgs.concat(JobArgs.postgres(0, "shop", db.jdbcUrl()), JobArgs.demo(1, "jar_it_demo"),
                JobArgs.snowflake(2, "acme", snowflake), List.of(
                        "--sync.warehouses[2].username=SVC_SYNC",
                        "--sync.warehouses[2].password=sf-pw-jar"));
    }

    @Test
    void theJarSyncsEveryKindOfWarehouseIntoTheSameCsvsAsTheApplicationInProcess() throws Exception {
        // given: a PostgreSQL database with an escape-worthy comment, a Snowflake account, the demo
        PostgresTestDatabase db = PostgresTestDatabase.create("secoda_sync_it_jar",
                "CREATE SCHEMA sales",
                "CREATE TABLE sales.orders (id bigint, \"Note, \"\"quoted\"\"\" text)",
                "COMMENT ON TABLE sales.orders IS E'Orders\\tby day\\nC:\\\\data'",
                "CREATE VIEW sales.recent AS SELECT id FROM sales.orders");
        snowflake.onQuery(sql -> sql.equals("SHOW TERSE DATABASES LIMIT 10000"),
                FakeSnowflakeServer.result(List.of("created_on", "name", "kind", "database_name", "schema_name"),
                        List.of(row("2024-01-01 00:00:00.000 -0800", "SALES", "STANDARD", null, null))));
        snowflake.onQueryWith(q -> "\"SALES\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                FakeSnowflakeServer.typedResult(FakeSnowflakeServer.CATALOG_COLUMNS, List.of(
                        row("SALES", "CRM", "ORDERS", "Zürich ✓", "false", "1700000000", "ID", null, "NUMBER", "1"))));
        Path jarState = work.resolve("jar");
        Path inProcessState = work.resolve("in-process");
        List<String> jarArgs = JobArgs.builder().stateDir(jarState).secoda(server.url("/"), TOKEN)
                .warehouse(warehouses(db)).build();

        // when
        JarProcess jar = JarProcess.start(work.resolve("jar.log"), jarArgs);
        int jarExit = jar.waitFor(120);
        int inProcessExit = JobArgs.run(inProcessState, server.url("/"), TOKEN, warehouses(db), "--dry-run");

        // then
        assertThat(jarExit).as(jar.output()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(inProcessExit).isEqualTo(ExitCodes.SUCCESS);
        assertThat(secoda.uploads()).extracting(FakeSecoda.Upload::fileName)
                .containsExactlyInAnyOrder("shop.csv", "demo.csv", "acme.csv");
        for (String name : List.of("shop", "demo", "acme")) {
            byte[] fromJar = Files.readAllBytes(jarState.resolve("out/" + name + ".csv"));
            assertThat(fromJar).as(name).isEqualTo(Files.readAllBytes(inProcessState.resolve("out/" + name + ".csv")));
            assertThat(secoda.uploads()).filteredOn(u -> u.fileName().equals(name + ".csv"))
                    .singleElement().satisfies(u -> assertThat(u.bytes()).isEqualTo(fromJar));
        }
        assertThat(Files.readString(jarState.resolve("out/shop.csv")))
                .contains("\"Orders\tby day\nC:\\data\"", "\"Note, \"\"quoted\"\"\"");
        assertThat(jar.output()).doesNotContain(TOKEN, "sf-pw-jar");
    }

    @Test
    void theJarSignsInToSnowflakeWithAnEncryptedKeyFile() throws Exception {
        // given: the jar runs the Snowflake driver's own BouncyCastle classes for the key (its
        // Multi-Release variants, which in-process tests never load)
        Path key = work.resolve("rsa_key.p8");
        Files.writeString(key, SnowflakeKeys.encryptedPkcs8Pem("jar-pass-9"));
        snowflake.onQueryWith(q -> "\"SALES\".INFORMATION_SCHEMA.COLUMNS".equals(q.bindingValue(1)),
                FakeSnowflakeServer.typedResult(FakeSnowflakeServer.CATALOG_COLUMNS, List.of(
                        row("SALES", "CRM", "ORDERS", null, "false", "1700000000", "ID", null, "NUMBER", "1"))));
        List<String> args = JobArgs.builder().stateDir(work).flag("--dry-run")
                .warehouse(JobArgs.snowflake(0, "acme", snowflake))
                .warehouse(0, "username", "SVC_SYNC")
                .warehouse(0, "databases", "SALES")
                .warehouse(0, "private-key-file", key)
                .warehouse(0, "private-key-passphrase", "jar-pass-9").build();

        // when
        JarProcess jar = JarProcess.start(work.resolve("key.log"), args);
        int exit = jar.waitFor(120);

        // then
        assertThat(exit).as(jar.output()).isEqualTo(ExitCodes.SUCCESS);
        SnowflakeKeys.assertJwt(snowflake.lastLogin(), "SVC_SYNC");
        assertThat(Files.readString(work.resolve("out/acme.csv"))).contains("id,,NUMBER,1,sales,crm,orders,");
        assertThat(jar.output()).doesNotContain("jar-pass-9");
    }

    @Test
    void theJarReadsAJdbcWarehouseWithItsDriverFromAFolder() throws Exception {
        // given: a SQLite database and its driver in a folder of its own, as a user installs it
        Path drivers = JdbcDrivers.copyTo(JdbcDrivers.SQLITE, work.resolve("drivers"));
        String url = "jdbc:sqlite:" + work.resolve("app.sqlite");
        JdbcDrivers.execute(drivers, url, "CREATE TABLE \"Order Lines\" (id INTEGER, note VARCHAR(20))",
                "CREATE VIEW recent AS SELECT id FROM \"Order Lines\"");
        List<String> args = JobArgs.builder().stateDir(work.resolve("state")).secoda(server.url("/"), TOKEN)
                .warehouse(JobArgs.warehouse(0, "lite", "jdbc", url))
                .warehouse(0, "driver-path", drivers).build();

        // when
        JarProcess jar = JarProcess.start(work.resolve("jdbc.log"), args);
        int exit = jar.waitFor(120);

        // then
        assertThat(exit).as(jar.output()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(secoda.uploads()).singleElement().satisfies(upload -> assertThat(upload.text().lines().toList())
                .containsExactly(
                        "col_name,col_description,col_type,sort_order,database,schema,name,description,is_view,last_updated_time",
                        "id,,INTEGER,1,lite,main,Order Lines,,false,None",
                        "note,,VARCHAR(20),2,lite,main,Order Lines,,false,None",
                        "id,,INTEGER,1,lite,main,recent,,true,None"));
        assertThat(secoda.integrations()).singleElement().satisfies(i -> assertThat(i.get("type")).isEqualTo("jdbc"));
    }

    @Test
    void theJarRejectsABadSettingBeforeConnectingAndNamesIt() throws Exception {
        // given
        List<String> args = JobArgs.builder().stateDir(work).warehouse(0, "name", "x").warehouse(0, "kind", "nope")
                .build();

        // when
        JarProcess jar = JarProcess.start(work.resolve("bad.log"), args);
        int exit = jar.waitFor(60);

        // then
        assertThat(exit).as(jar.output()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(jar.output()).contains("sync.warehouses[0].kind");
    }

    @Test
    void aMisspeltEnvironmentVariableStopsTheRunInsteadOfUploadingTheDemo() throws Exception {
        // given: SYNC_WAREHOUSE_0_* (singular) and a token: today's users would get the demo uploaded
        Map<String, String> env = Map.of("SYNC_WAREHOUSE_0_NAME", "analytics", "SECODA_API_TOKEN", "tok-env-123456");

        // when
        JarProcess jar = JarProcess.start(work.resolve("env.log"), List.of("--sync.state-dir=" + work.resolve("s"),
                "--secoda.base-url=http://127.0.0.1:9/"), env);
        int exit = jar.waitFor(60);

        // then
        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(jar.output()).contains("sync.warehouse[0].name is not a setting: did you mean sync.warehouses?")
                .contains("SYNC_WAREHOUSE_0_NAME").doesNotContain("tok-env-123456");
        assertThat(work.resolve("s").resolve("out")).doesNotExist();

        // and the token's own variable, read through ${SECODA_API_TOKEN} by application.yml, is no unknown key
        JarProcess tokenOnly = JarProcess.start(work.resolve("token.log"), List.of("--sync.state-dir=" + work.resolve("t"),
                "--dry-run"), Map.of("SECODA_API_TOKEN", "tok-env-123456"));
        assertThat(tokenOnly.waitFor(60)).isZero();
    }
}
