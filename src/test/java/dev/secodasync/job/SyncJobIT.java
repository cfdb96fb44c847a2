package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.SecodaSyncApplication;
import dev.secodasync.testsupport.CsvFilesRead;
import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The whole job through {@link SecodaSyncApplication#run}, as {@code java -jar} runs it: real
 * PostgreSQL, the H2 demo, a MockWebServer playing Secoda, the exit code and the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SyncJobIT {

    private static final String TOKEN = "tok-9d1e77c4-job";

    static PostgresTestDatabase db;

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    @BeforeAll
    static void createWarehouse() {
        db = PostgresTestDatabase.create("secoda_sync_it_job",
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.customers (id bigint, name text)",
                "COMMENT ON TABLE shop.customers IS 'People who buy, \"mostly\"'",
                "COMMENT ON COLUMN shop.customers.name IS E'Full name,\\nas typed'",
                "CREATE VIEW shop.big_customers AS SELECT id FROM shop.customers",
                "CREATE SCHEMA tmp_work",
                "CREATE TABLE tmp_work.scratch (x int)");
    }

    @BeforeEach
    void fakeSecoda() {
        secoda = new FakeSecoda(TOKEN, 2).on(server);
    }

    private List<String> pgWarehouse(int i, String name, String jdbcUrl) {
        return JobArgs.concat(JobArgs.postgres(i, name, jdbcUrl),
                List.of("--sync.warehouses[" + i + "].exclude-schemas=tmp_*"));
    }

    private List<String> demoWarehouse(int i) {
        return JobArgs.demo(i, "it_demo");
    }

    private int run(List<String> warehouses, String... more) {
        return JobArgs.run(stateDir, server.url("/"), TOKEN, warehouses, more);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return JobArgs.concat(a, b);
    }

    @Test
    void aLongExtractionLogsItsProgress(CapturedOutput output) throws Exception {
        // given: 3 tables of 700 columns, and progress asked for as often as it can come
        PostgresTestDatabase wide = PostgresTestDatabase.create("secoda_sync_it_progress", "CREATE SCHEMA wide",
                "DO $$ BEGIN FOR t IN 1..3 LOOP EXECUTE format('CREATE TABLE wide.t%s (%s)', t,"
                        + " (SELECT string_agg(format('c%s int', c), ', ') FROM generate_series(1, 700) c)); END LOOP; END $$");

        // when
        int exit = run(JobArgs.postgres(0, "wide", wide.jdbcUrl()), "--dry-run", "--sync.progress-interval=0s");

        // then: every 1,024 rows at most
        assertThat(exit).isZero();
        assertThat(output.getOut()).containsPattern("Warehouse 'wide': 1024 columns read so far, \\d+ columns/s")
                .containsPattern("Warehouse 'wide': 2048 columns read so far, \\d+ columns/s")
                .doesNotContain("3072 columns read so far")
                .contains("Warehouse 'wide': 3 tables (0 views), 2100 columns written to");
    }

    @Test
    void syncsEveryWarehouseAndAnUnchangedSecondRunCreatesAndUploadsNothing(CapturedOutput output) throws Exception {
        // given
        List<String> warehouses = concat(pgWarehouse(0, "shop", db.jdbcUrl()), demoWarehouse(1));

        // when
        int first = run(warehouses);
        int second = run(warehouses);

        // then
        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(secoda.creates()).containsExactlyInAnyOrder("shop", "demo");
        assertThat(secoda.integrations()).hasSize(2);
        assertThat(secoda.uploads()).hasSize(2);
        Map<String, Object> shop = secoda.integrations().stream().filter(i -> i.get("name").equals("shop")).findFirst().orElseThrow();
        assertThat(shop.get("type")).isEqualTo("postgres");
        Map<String, Object> demo = secoda.integrations().stream().filter(i -> i.get("name").equals("demo")).findFirst().orElseThrow();
        assertThat(demo.get("type")).isEqualTo("custom");

        Path shopCsv = stateDir.resolve("out/shop.csv");
        byte[] shopBytes = Files.readAllBytes(shopCsv);
        assertThat(secoda.uploads()).filteredOn(u -> u.integrationId().equals(shop.get("id")))
                .singleElement().satisfies(u -> assertThat(u.bytes()).isEqualTo(shopBytes));
        List<Map<String, String>> rows = CsvFilesRead.rows(shopCsv);
        assertThat(CsvFilesRead.keys(rows)).containsExactly(
                "shop.big_customers.id", "shop.customers.id", "shop.customers.name");
        assertThat(rows.get(0)).containsEntry("is_view", "true").containsEntry("database", db.name())
                .containsEntry("last_updated_time", "None").containsEntry("sort_order", "1");
        assertThat(rows.get(2)).containsEntry("col_description", "Full name,\nas typed")
                .containsEntry("description", "People who buy, \"mostly\"").containsEntry("col_type", "text")
                .containsEntry("is_view", "false");
        assertThat(Files.exists(stateDir.resolve("out/shop.csv.part"))).isFalse();

        assertThat(output).contains("shop: 2 tables (1 views), 3 columns; uploaded to integration " + shop.get("id"));
        assertThat(output).contains("demo: 4 tables (1 views), 16 columns; uploaded to integration " + demo.get("id"));
        assertThat(output).contains("shop: 2 tables (1 views), 3 columns; unchanged since the last upload to integration "
                + shop.get("id") + ", not uploaded again");
        assertThat(output).doesNotContain(TOKEN);
    }

    @Test
    void aFailingWarehouseFailsTheRunButTheOthersStillSync(CapturedOutput output) {
        // given: nothing listens on port 1
        List<String> warehouses = concat(pgWarehouse(0, "broken", "jdbc:postgresql://127.0.0.1:1/nowhere"), demoWarehouse(1));

        // when
        int exit = run(warehouses);

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(secoda.creates()).containsExactly("demo");
        assertThat(secoda.uploads()).hasSize(1);
        assertThat(output).contains("Warehouse 'broken' failed, nothing uploaded for it:")
                .contains("127.0.0.1:1")
                .contains("broken: no CSV; FAILED:")
                .doesNotContain("\tat org.springframework");
        assertThat(Files.exists(stateDir.resolve("out/broken.csv"))).isFalse();
    }

    @Test
    void aBrokenSqlOverrideFailsThatWarehouseInOneLineAndTheOthersSync(CapturedOutput output) throws Exception {
        // given: sync.sql-dir replaces the PostgreSQL catalog query with a broken one
        Path sqlDir = stateDir.resolve("my-sql");
        Files.createDirectories(sqlDir.resolve("postgres"));
        Files.writeString(sqlDir.resolve("postgres/columns.sql"), "SELEC nonsense FROM");
        List<String> warehouses = concat(pgWarehouse(0, "shop", db.jdbcUrl()), demoWarehouse(1));

        // when
        int exit = run(warehouses, "--sync.sql-dir=" + sqlDir);

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(output).contains("Warehouse 'shop' failed, nothing uploaded for it: cannot run sql/postgres/columns.sql")
                .contains("syntax error at or near \"SELEC\"").doesNotContain("\tat ");
        assertThat(secoda.uploads()).singleElement().satisfies(u -> assertThat(u.fileName()).isEqualTo("demo.csv"));
    }

    @Test
    void aConfigFileThatReplacesTheDefaultsStillRunsTheJobOnceWithAFileRepository(CapturedOutput output) throws Exception {
        // given: --spring.config.location replaces config/application.yml altogether
        Path config = stateDir.resolve("only.yml");
        Files.writeString(config, "sync:\n  state-dir: " + stateDir.resolve("state") + "\n");

        // when
        int exit = JobArgs.builder().set("spring.config.location", "file:" + config).set("secoda.api-token", "").run();

        // then
        assertThat(exit).isZero();
        assertThat(output.getOut().split("Summary:", -1)).hasSize(2);
        assertThat(stateDir.resolve("state/job-repository.mv.db")).exists();
        assertThat(stateDir.resolve("state/out/demo.csv")).exists();
    }

    @Test
    void warehouseOptionRunsOnlyTheNamedOne() {
        // given
        List<String> warehouses = concat(pgWarehouse(0, "shop", db.jdbcUrl()), demoWarehouse(1));

        // when
        int exit = run(warehouses, "--warehouse=demo");

        // then
        assertThat(exit).isZero();
        assertThat(secoda.creates()).containsExactly("demo");
        assertThat(Files.exists(stateDir.resolve("out/shop.csv"))).isFalse();
    }

    @Test
    void dryRunWritesTheCsvAndCallsNoApi(CapturedOutput output) {
        // when
        int exit = run(pgWarehouse(0, "shop", db.jdbcUrl()), "--dry-run");

        // then
        assertThat(exit).isZero();
        assertThat(server.getRequestCount()).isZero();
        assertThat(stateDir.resolve("out/shop.csv")).exists();
        assertThat(output).contains("not uploaded: dry run (--dry-run)");
    }

    @Test
    void withNothingConfiguredTheDemoRunsAndSaysWhereTheCsvIs(CapturedOutput output) throws Exception {
        // when
        int exit = JobArgs.builder().stateDir(stateDir).set("secoda.api-token", "").run();

        // then
        assertThat(exit).isZero();
        Path csv = stateDir.resolve("out/demo.csv");
        List<Map<String, String>> rows = CsvFilesRead.rows(csv);
        assertThat(rows).hasSize(16);
        assertThat(rows).filteredOn(r -> r.get("name").equals("ORDERS")).first().satisfies(r -> assertThat(r.get("description"))
                .contains("\n").contains("\"net revenue\"").contains(","));
        assertThat(output).contains("no Secoda API token (set SECODA_API_TOKEN); the CSV is at " + csv.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
    }
}
