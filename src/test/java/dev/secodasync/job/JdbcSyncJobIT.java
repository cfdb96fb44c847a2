package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JdbcDrivers;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.JsonlLines;
import dev.secodasync.testsupport.PrimaryKeysFailingDriver;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Whole runs with kind: jdbc warehouses whose drivers come from folders: one good SQLite warehouse
 * beside broken ones (a jar without a driver, a driver-class the jars lack, a URL the driver
 * refuses), and the start-up checks of driver-path.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcSyncJobIT {

    private static final String TOKEN = "tok-jdbc-7c1e";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    FakeSecoda secoda;

    Path sqliteDrivers;

    String sqliteUrl;

    @BeforeEach
    void setUp() throws Exception {
        secoda = new FakeSecoda(TOKEN, 10).on(server);
        sqliteDrivers = JdbcDrivers.copyTo(JdbcDrivers.SQLITE, dir.resolve("drivers"));
        sqliteUrl = "jdbc:sqlite:" + dir.resolve("app.sqlite");
        JdbcDrivers.execute(sqliteDrivers, sqliteUrl, "CREATE TABLE \"My Orders\" (id INTEGER, \"Note, \"\"x\"\"\" TEXT)");
    }

    private static List<String> jdbc(int i, String name, String url, Path driverPath) {
        return JobArgs.concat(JobArgs.warehouse(i, name, "jdbc", url),
                List.of("--sync.warehouses[" + i + "].driver-path=" + driverPath));
    }

    private Path jarWithoutDriver() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("no-driver"));
        try (OutputStream file = Files.newOutputStream(folder.resolve("not-a-driver.jar"));
                JarOutputStream jar = new JarOutputStream(file, new Manifest())) {
            jar.putNextEntry(new ZipEntry("readme.txt"));
            jar.write("no driver here".getBytes());
        }
        return folder;
    }

    @Test
    void badDriversFailTheirWarehouseInOneLineEachAndTheGoodOneIsUploaded(CapturedOutput output) throws Exception {
        // when
        int exit = JobArgs.builder().stateDir(dir.resolve("state")).secoda(server.url("/"), TOKEN)
                .set("sync.max-parallel-warehouses", 1)
                .warehouse(jdbc(0, "lite", sqliteUrl, sqliteDrivers))
                .warehouse(jdbc(1, "nodriver", sqliteUrl, jarWithoutDriver()))
                .warehouse(jdbc(2, "noclass", sqliteUrl, sqliteDrivers))
                .warehouse(2, "driver-class", "com.example.MissingDriver")
                .warehouse(jdbc(3, "badurl", "jdbc:nosuch://db.internal/x?password=hunter-22", sqliteDrivers))
                .run();

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(secoda.uploads()).singleElement().satisfies(upload -> assertThat(upload.text().lines().toList())
                .containsExactly(
                        "col_name,col_description,col_type,sort_order,database,schema,name,description,is_view,last_updated_time",
                        "id,,INTEGER,1,lite,main,My Orders,,false,None",
                        "\"Note, \"\"x\"\"\",,TEXT,2,lite,main,My Orders,,false,None"));
        assertThat(output.getOut())
                .contains("Warehouse 'nodriver' failed, nothing uploaded for it: driver-path [" + dir.resolve("no-driver")
                        .resolve("not-a-driver.jar") + "] holds no JDBC driver")
                .contains("Warehouse 'noclass' failed, nothing uploaded for it: driver-class com.example.MissingDriver"
                        + " is not in driver-path [" + sqliteDrivers.resolve("sqlite-jdbc-3.54.1.0.jar") + "]")
                .contains("Warehouse 'badurl' failed, nothing uploaded for it: the driver org.sqlite.JDBC does not accept"
                        + " the URL jdbc:nosuch://db.internal/x?password=**** (Driver.connect returned null)")
                .doesNotContain("hunter-22", TOKEN);
    }

    @Test
    void checkCountsAJdbcWarehouse(CapturedOutput output) {
        // when
        int exit = JobArgs.builder().stateDir(dir.resolve("state")).secoda(server.url("/"), TOKEN).flag("--check")
                .warehouse(jdbc(0, "lite", sqliteUrl, sqliteDrivers)).run();

        // then
        assertThat(exit).as(output.getOut()).isZero();
        assertThat(output.getOut()).containsPattern("warehouse lite \\(jdbc\\).*OK.*1 tables, 2 columns would be exported");
    }

    @Test
    void aJdbcWarehouseWithoutADriverPathOrWithAMissingOneStopsAtStartUp(CapturedOutput output) {
        // when
        int missing = JobArgs.builder().stateDir(dir.resolve("s1"))
                .warehouse(JobArgs.warehouse(0, "lite", "jdbc", sqliteUrl)).run();
        int absent = JobArgs.builder().stateDir(dir.resolve("s2"))
                .warehouse(jdbc(0, "lite", sqliteUrl, dir.resolve("nowhere"))).run();

        // then
        assertThat(missing).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(absent).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(output.getOut()).contains("sync.warehouses[0].driver-path is required for kind jdbc")
                .contains("sync.warehouses[0].driver-path[0] " + dir.resolve("nowhere") + " does not exist");
    }

    @Test
    void aJdbcWarehouseAsJsonlCarriesItsDeclaredKeys() throws Exception {
        // given: a composite key, a single one, a table without
        JdbcDrivers.execute(sqliteDrivers, sqliteUrl,
                "CREATE TABLE lines (order_id INTEGER, line INTEGER, sku TEXT, PRIMARY KEY (order_id, line))",
                "CREATE TABLE skus (sku TEXT PRIMARY KEY, name TEXT)");

        // when
        int exit = JobArgs.builder().stateDir(dir.resolve("state")).secoda(server.url("/"), TOKEN)
                .warehouse(jdbc(0, "lite", sqliteUrl, sqliteDrivers))
                .warehouse(0, "format", "jsonl")
                .run();

        // then
        assertThat(exit).isZero();
        List<FakeSecoda.Upload> parts = secoda.jsonlUploads().get(0);
        List<JsonNode> resources = JsonlLines.validated(parts.get(0).text());
        assertThat(resources.stream().filter(n -> n.path("is_pk").asBoolean(false))
                .map(n -> n.get("databuilder_id").asString()))
                .containsExactly("lite.main.lines.order_id", "lite.main.lines.line", "lite.main.skus.sku");
        assertThat(resources.stream().filter(n -> n.get("entity_type").asString().equals("table"))
                .map(n -> n.get("title").asString() + ":" + n.get("native_type").asString()))
                .containsExactly("My Orders:table", "lines:table", "skus:table");
        assertThat(parts.get(1).bytes()).isEmpty();
    }

    @Test
    void aDriverThatThrowsOnGetPrimaryKeysFailsItsJsonlWarehouseAloneNamingTheTable(CapturedOutput output)
            throws Exception {
        // given: a driver folder whose driver reads SQLite but throws on every getPrimaryKeys
        Path pkfail = JdbcDrivers.copyTo(JdbcDrivers.SQLITE, dir.resolve("pkfail"));
        PrimaryKeysFailingDriver.jarInto(pkfail);
        String pkfailUrl = PrimaryKeysFailingDriver.PREFIX + dir.resolve("app.sqlite");

        // when: the same database as JSONL through it, as CSV through it, and as JSONL through SQLite's own
        int exit = JobArgs.builder().stateDir(dir.resolve("state")).secoda(server.url("/"), TOKEN)
                .set("sync.max-parallel-warehouses", 1)
                .warehouse(jdbc(0, "keys", pkfailUrl, pkfail))
                .warehouse(0, "format", "jsonl")
                .warehouse(0, "driver-class", PrimaryKeysFailingDriver.class.getName())
                .warehouse(jdbc(1, "columns", pkfailUrl, pkfail))
                .warehouse(1, "driver-class", PrimaryKeysFailingDriver.class.getName())
                .warehouse(jdbc(2, "lite", sqliteUrl, sqliteDrivers))
                .warehouse(2, "format", "jsonl")
                .run();

        // then: exit 1, one line naming the warehouse and the table, the other two uploaded
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(output.getOut()).contains("Warehouse 'keys' failed, nothing uploaded for it: reading the primary key"
                + " of \"keys\".\"main\".\"My Orders\" through DatabaseMetaData.getPrimaryKeys failed: getPrimaryKeys"
                + " is not supported by this driver");
        assertThat(secoda.uploads()).hasSize(1);
        assertThat(secoda.jsonlUploads()).hasSize(1);
        assertThat(JsonlLines.validated(secoda.jsonlUploads().get(0).get(0).text()))
                .extracting(n -> n.get("databuilder_id").asString()).contains("lite.main.My Orders");
    }
}
