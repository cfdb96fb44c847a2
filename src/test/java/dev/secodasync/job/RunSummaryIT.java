package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.JsonSchemaSubset;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run summary ({@code --summary=PATH} and the last output line) of whole runs, read back with
 * Jackson and validated against {@code config/summary.schema.json}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunSummaryIT {

    private static final String TOKEN = "tok-5ab0c2e1-summary";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonSchemaSubset SCHEMA =
            new JsonSchemaSubset(JSON.readTree(Path.of("config/summary.schema.json").toFile()));

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    PostgresTestDatabase db;

    @BeforeEach
    void setUp() {
        secoda = new FakeSecoda(TOKEN, 10).on(server);
        db = PostgresTestDatabase.create("secoda_sync_it_summary",
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.customers (id integer, name text, legacy text)",
                "CREATE TABLE shop.orders (id bigint)");
    }

    private List<String> pg(int i, String name, String jdbcUrl) {
        return JobArgs.postgres(i, name, jdbcUrl);
    }

    private int run(List<String> warehouses, String... more) {
        return JobArgs.run(stateDir, server.url("/"), TOKEN, warehouses, more);
    }

    /** Reads the file, checks it against the schema and against the output's last line. */
    private JsonNode summary(Path file, CapturedOutput output) throws Exception {
        JsonNode fromFile = JSON.readTree(Files.readString(file));
        assertThat(SCHEMA.validate(fromFile)).isEmpty();
        List<String> lines = output.getOut().lines().toList();
        JsonNode lastLine = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(lastLine).isEqualTo(fromFile);
        return fromFile;
    }

    @Test
    void successReportsEveryFieldAndTheChangesSinceTheLastUpload(CapturedOutput output) throws Exception {
        // given: a first run uploads, then the warehouse changes
        Path file = stateDir.resolve("reports/summary.json");
        assertThat(run(pg(0, "shop", db.jdbcUrl()))).isZero();
        db.execute("ALTER TABLE shop.customers ALTER COLUMN id TYPE bigint",
                "ALTER TABLE shop.customers ADD COLUMN email text",
                "ALTER TABLE shop.customers DROP COLUMN legacy",
                "DROP TABLE shop.orders",
                "CREATE VIEW shop.v_customers AS SELECT id FROM shop.customers");

        // when
        int exit = run(pg(0, "shop", db.jdbcUrl()), "--summary=" + file);

        // then
        assertThat(exit).isZero();
        JsonNode s = summary(file, output);
        assertThat(s.get("summary_version").asInt()).isEqualTo(1);
        assertThat(s.get("status").asString()).isEqualTo("success");
        assertThat(s.get("exit_code").asInt()).isZero();
        assertThat(s.get("fail_on_error").asBoolean()).isTrue();
        assertThat(s.get("error").isNull()).isTrue();
        assertThat(s.get("duration_ms").asLong()).isPositive();
        JsonNode w = s.get("warehouses").get(0);
        assertThat(w.get("name").asString()).isEqualTo("shop");
        assertThat(w.get("status").asString()).isEqualTo("synced");
        assertThat(w.get("uploaded").asBoolean()).isTrue();
        assertThat(w.get("upload_ms").isIntegralNumber()).isTrue();
        assertThat(w.get("skipped").isNull()).isTrue();
        assertThat(w.get("integration_id").asString()).isEqualTo(secoda.integrations().get(0).get("id"));
        assertThat(w.get("databases").asLong()).isEqualTo(1);
        assertThat(w.get("schemas").asLong()).isEqualTo(1);
        assertThat(w.get("tables").asLong()).isEqualTo(2);
        assertThat(w.get("views").asLong()).isEqualTo(1);
        assertThat(w.get("columns").asLong()).isEqualTo(4);
        assertThat(w.get("csv").asString()).isEqualTo(stateDir.resolve("out/shop.csv").toAbsolutePath().toString());
        assertThat(w.get("error").isNull()).isTrue();
        JsonNode changes = w.get("schema_changes");
        assertThat(changes.get("compared_with").asString()).endsWith("uploaded/shop.csv");
        String t = db.name() + ".shop.";
        assertThat(names(changes.get("tables_added"))).containsExactly(t + "v_customers");
        assertThat(names(changes.get("tables_removed"))).containsExactly(t + "orders");
        assertThat(names(changes.get("columns_added"))).containsExactly(t + "customers.email");
        assertThat(names(changes.get("columns_removed"))).containsExactly(t + "customers.legacy");
        JsonNode retyped = changes.get("types_changed");
        assertThat(retyped.get("count").asLong()).isEqualTo(1);
        assertThat(retyped.get("first").get(0).get("column").asString()).isEqualTo(t + "customers.id");
        assertThat(retyped.get("first").get(0).get("from").asString()).isEqualTo("integer");
        assertThat(retyped.get("first").get(0).get("to").asString()).isEqualTo("bigint");
        assertThat(output.getOut()).doesNotContain(TOKEN);
    }

    private static List<String> names(JsonNode changes) {
        List<String> names = new ArrayList<>();
        changes.get("first").forEach(n -> names.add(n.asString()));
        assertThat(changes.get("count").asLong()).isEqualTo(names.size());
        return names;
    }

    @Test
    void oneFailedWarehouseMakesThePartialStatusAndExitCodeOne(CapturedOutput output) throws Exception {
        // given: nothing listens on port 1
        Path file = stateDir.resolve("summary.json");
        List<String> warehouses = new ArrayList<>(pg(0, "broken", "jdbc:postgresql://127.0.0.1:1/nowhere?password=pw-in-url-77"));
        warehouses.addAll(pg(1, "shop", db.jdbcUrl()));

        // when
        int exit = run(warehouses, "--summary=" + file);

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        JsonNode s = summary(file, output);
        assertThat(s.get("status").asString()).isEqualTo("partial");
        assertThat(s.get("exit_code").asInt()).isEqualTo(ExitCodes.FAILED);
        assertThat(s.get("error").get("error_type").asString()).isEqualTo("WarehouseFailed");
        assertThat(s.get("error").get("error_value").asString()).startsWith("1 of 2 warehouses did not sync: broken FAILED");
        JsonNode broken = s.get("warehouses").get(0);
        assertThat(broken.get("status").asString()).isEqualTo("failed");
        assertThat(broken.get("uploaded").asBoolean()).isFalse();
        assertThat(broken.get("error").get("error_type").asString()).isEqualTo("WarehouseReadException");
        assertThat(broken.get("error").get("error_value").asString()).contains("127.0.0.1:1").contains("password=****");
        assertThat(broken.get("tables").isNull()).isTrue();
        assertThat(broken.get("csv").isNull()).isTrue();
        assertThat(broken.get("schema_changes").isNull()).isTrue();
        JsonNode shop = s.get("warehouses").get(1);
        assertThat(shop.get("status").asString()).isEqualTo("synced");
        assertThat(shop.get("schema_changes").get("compared_with").isNull()).isTrue();
        assertThat(shop.get("schema_changes").get("note").asString()).isEqualTo("no earlier upload to compare with");
        assertThat(Files.readString(file)).doesNotContain("pw-in-url-77", TOKEN);
    }

    @Test
    void failOnErrorFalseReportsTheFailureButExitsZero(CapturedOutput output) throws Exception {
        // given
        Path file = stateDir.resolve("summary.json");

        // when
        int exit = run(pg(0, "broken", "jdbc:postgresql://127.0.0.1:1/nowhere"), "--summary=" + file,
                "--sync.fail-on-error=false");

        // then
        assertThat(exit).isEqualTo(ExitCodes.SUCCESS);
        JsonNode s = summary(file, output);
        assertThat(s.get("status").asString()).isEqualTo("failed");
        assertThat(s.get("exit_code").asInt()).isZero();
        assertThat(s.get("fail_on_error").asBoolean()).isFalse();
        assertThat(output.getOut()).contains("sync.fail-on-error=false: 1 warehouse(s) failed; exiting 0 anyway");
    }

    @Test
    void unchangedAndRefusedUploadsAreReported(CapturedOutput output) throws Exception {
        // given: a first upload
        Path unchangedFile = stateDir.resolve("unchanged.json");
        Path refusedFile = stateDir.resolve("refused.json");
        assertThat(run(pg(0, "shop", db.jdbcUrl()))).isZero();

        // when: the same catalog again, then one with half the tables gone (shrink guard)
        int unchanged = run(pg(0, "shop", db.jdbcUrl()), "--summary=" + unchangedFile);
        JsonNode u = JSON.readTree(Files.readString(unchangedFile));
        db.execute("DROP TABLE shop.orders");
        int refused = run(pg(0, "shop", db.jdbcUrl()), "--summary=" + refusedFile);

        // then
        assertThat(unchanged).isZero();
        assertThat(SCHEMA.validate(u)).isEmpty();
        assertThat(u.get("status").asString()).isEqualTo("success");
        JsonNode uw = u.get("warehouses").get(0);
        assertThat(uw.get("status").asString()).isEqualTo("unchanged");
        assertThat(uw.get("uploaded").asBoolean()).isFalse();
        assertThat(uw.get("upload_ms").isNull()).isTrue();
        assertThat(uw.get("skipped").isString()).isTrue();
        assertThat(uw.get("schema_changes").get("tables_added").get("count").asLong()).isZero();

        assertThat(refused).isEqualTo(ExitCodes.GUARD_REFUSED);
        JsonNode r = summary(refusedFile, output);
        assertThat(r.get("status").asString()).isEqualTo("failed");
        assertThat(r.get("exit_code").asInt()).isEqualTo(ExitCodes.GUARD_REFUSED);
        assertThat(r.get("error").get("error_type").asString()).isEqualTo("UploadRefused");
        JsonNode rw = r.get("warehouses").get(0);
        assertThat(rw.get("status").asString()).isEqualTo("refused");
        assertThat(rw.get("error").get("error_type").asString()).isEqualTo("UploadRefused");
        assertThat(names(rw.get("schema_changes").get("tables_removed"))).containsExactly(db.name() + ".shop.orders");
    }

    @Test
    void aConfigurationErrorStillWritesASummaryAndKeepsExitCodeTwo(CapturedOutput output) throws Exception {
        // given
        Path file = stateDir.resolve("summary.json");

        // when: fail-on-error=false never hides a configuration error
        int exit = run(List.of("--sync.warehouses[0].name=w", "--sync.warehouses[0].kind=oracle",
                "--sync.warehouses[0].jdbc-url=jdbc:oracle:thin:@x"), "--summary=" + file, "--sync.fail-on-error=false");

        // then
        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        JsonNode s = summary(file, output);
        assertThat(s.get("status").asString()).isEqualTo("failed");
        assertThat(s.get("exit_code").asInt()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(s.get("error").get("error_type").asString()).isEqualTo("ConfigurationError");
        assertThat(s.get("error").get("error_value").asString()).contains("sync.warehouses[0].kind");
        assertThat(s.get("warehouses")).isEmpty();
    }

    @Test
    void twoIntegrationsOfTheWarehouseNameAreAConfigurationErrorNamingBoth(CapturedOutput output) throws Exception {
        // given: Secoda holds two integrations named like the warehouse
        String a = secoda.existing("shop", "postgres");
        String b = secoda.existing("shop", "postgres");
        Path file = stateDir.resolve("summary.json");

        // when
        int exit = run(pg(0, "shop", db.jdbcUrl()), "--summary=" + file, "--sync.fail-on-error=false");

        // then: nothing uploaded, exit 2 like any configuration error, both ids named
        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(secoda.uploads()).isEmpty();
        assertThat(secoda.creates()).isEmpty();
        JsonNode w = summary(file, output).get("warehouses").get(0);
        assertThat(w.get("status").asString()).isEqualTo("failed");
        assertThat(w.get("error").get("error_type").asString()).isEqualTo("ConfigurationError");
        assertThat(w.get("error").get("error_value").asString()).contains(a).contains(b).contains("integration-id");
    }

    @Test
    void aSummaryPathThatIsAFolderFailsTheRunAndTheSummarySaysSo(CapturedOutput output) throws Exception {
        // given
        Path folder = Files.createDirectories(stateDir.resolve("reports"));

        // when
        int exit = run(pg(0, "shop", db.jdbcUrl()), "--summary=" + folder);

        // then: exit 1, and the printed summary does not claim success
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        List<String> lines = output.getOut().lines().toList();
        JsonNode printed = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(SCHEMA.validate(printed)).isEmpty();
        assertThat(printed.get("status").asString()).isEqualTo("failed");
        assertThat(printed.get("exit_code").asInt()).isEqualTo(ExitCodes.FAILED);
        assertThat(printed.get("error").get("error_type").asString()).isEqualTo("SummaryNotWritten");
        assertThat(printed.get("error").get("error_value").asString()).contains(folder.toString());
        assertThat(stateDir.resolve("reports.part")).doesNotExist();
    }

    @Test
    void columnsWithAPeriodInANameAreLeftOutNamedAndTheRestSyncs(CapturedOutput output) throws Exception {
        // given: as AdventureWorks has Name.Prefix columns, and a table with a period in its name
        db.execute("CREATE TABLE shop.people (\"Name.Prefix\" text, id int)", "CREATE TABLE shop.\"my.table\" (id int)");
        Path file = stateDir.resolve("summary.json");

        // when
        int exit = run(pg(0, "shop", db.jdbcUrl()), "--summary=" + file);
        int strict = run(pg(0, "shop", db.jdbcUrl()), "--sync.dotted-names=fail");

        // then: the rest uploaded, the rows left out named (quoted) in the summary and the log
        assertThat(exit).isZero();
        String uploaded = secoda.uploads().get(0).text();
        assertThat(uploaded).contains(",shop,people,").contains("id,").doesNotContain("Name.Prefix").doesNotContain("my.table");
        JsonNode left = JSON.readTree(Files.readString(file)).get("warehouses").get(0).get("rows_left_out");
        assertThat(left.get("count").asLong()).isEqualTo(2);
        assertThat(left.get("first").toString()).contains("\\\"people\\\".\\\"Name.Prefix\\\"")
                .contains("\\\"my.table\\\".\\\"id\\\"");
        assertThat(output).contains("2 column(s) left out because a name holds a period");
        assertThat(strict).isEqualTo(ExitCodes.FAILED);
        assertThat(output).contains("contains a period, which Secoda rejects");
    }
}
