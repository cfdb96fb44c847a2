package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.JsonlLines;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Whole runs of {@code format: jsonl} warehouses against the real PostgreSQL and the H2 demo: the
 * request, both files line by line against the JSON Schema, keys, view SQL, lineage, the guards.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonlSyncJobIT {

    private static final String TOKEN = "tok-jsonl-7c1f";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    PostgresTestDatabase db;

    @BeforeEach
    void setUp() {
        secoda = new FakeSecoda(TOKEN, 10).on(server);
        db = PostgresTestDatabase.create("secoda_it_jsonl",
                "CREATE SCHEMA sales",
                "CREATE SCHEMA ref",
                "CREATE SCHEMA hidden",
                "CREATE SCHEMA \"odd.schema\"",
                "CREATE TABLE sales.orders (id bigint PRIMARY KEY, region text, total numeric(12,2))",
                "COMMENT ON TABLE sales.orders IS 'All orders'",
                "CREATE TABLE sales.lines (order_id bigint, line_no int, sku text, PRIMARY KEY (order_id, line_no))",
                "CREATE TABLE ref.regions (code text, name text)",
                "CREATE TABLE hidden.costs (region text, cost numeric)",
                "CREATE TABLE \"odd.schema\".\"Q\"\"t\" (x int PRIMARY KEY)",
                "CREATE VIEW sales.by_region AS SELECT o.region, r.name, sum(o.total) AS total FROM sales.orders o"
                        + " JOIN ref.regions r ON r.code = o.region GROUP BY o.region, r.name",
                "CREATE VIEW sales.top_regions AS SELECT region FROM sales.by_region WHERE total > 100",
                "CREATE MATERIALIZED VIEW sales.margins AS SELECT c.region, c.cost FROM hidden.costs c",
                "CREATE VIEW \"odd.schema\".v AS SELECT x FROM \"odd.schema\".\"Q\"\"t\"");
    }

    private JobArgs.Builder jsonlRun() {
        return JobArgs.builder().stateDir(stateDir).secoda(server.url("/"), TOKEN)
                .warehouse(JobArgs.postgres(0, "pg", db.jdbcUrl()))
                .warehouse(0, "format", "jsonl")
                .warehouse(0, "view-sql", true)
                .warehouse(0, "exclude-schemas", "hidden")
                .set("sync.dotted-names", "fail")
                .set("sync.invalid-rows", "warn");
    }

    private static Map<String, JsonNode> byId(List<JsonNode> lines) {
        return lines.stream().collect(Collectors.toMap(n -> n.get("databuilder_id").asString(), n -> n));
    }

    @Test
    void uploadsBothFilesWithKeysViewSqlAndLineage() throws Exception {
        // when
        int exit = jsonlRun().set("summary", stateDir.resolve("summary.json")).run();

        // then: one request to the JSONL endpoint carrying both files, as written on disk
        assertThat(exit).isZero();
        RecordedRequest request = server.takeRequest();
        while (!request.getUrl().encodedPath().contains("import_jsonl_metadata")) {
            request = server.takeRequest();
        }
        String id = secoda.integrations().get(0).get("id").toString();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/integration/integrations/" + id + "/import_jsonl_metadata/");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        List<FakeSecoda.Upload> parts = secoda.jsonlUploads().get(0);
        assertThat(parts).extracting(FakeSecoda.Upload::fieldName).containsExactly("resources", "lineage");
        assertThat(parts).extracting(FakeSecoda.Upload::fileName).containsExactly("resources.jsonl", "lineage.jsonl");
        assertThat(parts.get(0).bytes()).isEqualTo(Files.readAllBytes(stateDir.resolve("out/pg.resources.jsonl")));
        assertThat(parts.get(1).bytes()).isEqualTo(Files.readAllBytes(stateDir.resolve("out/pg.lineage.jsonl")));
        assertThat(secoda.uploads()).isEmpty();

        // resources: every line valid, parents first, keys as declared
        List<JsonNode> resources = JsonlLines.validated(parts.get(0).text());
        String database = db.name();
        for (int i = 0; i < resources.size(); i++) {
            JsonNode line = resources.get(i);
            if (line.has("parent_databuilder_id")) {
                String parent = line.get("parent_databuilder_id").asString();
                assertThat(resources.subList(0, i)).as("parent of %s", line)
                        .anyMatch(earlier -> earlier.get("databuilder_id").asString().equals(parent));
            }
        }
        Map<String, JsonNode> ids = byId(resources);
        assertThat(ids).hasSize(resources.size());
        assertThat(resources.stream().filter(n -> n.path("is_pk").asBoolean(false))
                .map(n -> n.get("databuilder_id").asString()))
                .containsExactlyInAnyOrder(database + ".odd%2Eschema.Q\"t.x", database + ".sales.lines.order_id",
                        database + ".sales.lines.line_no", database + ".sales.orders.id");
        assertThat(ids.get(database + ".sales.orders").get("native_type").asString()).isEqualTo("table");
        assertThat(ids.get(database + ".sales.orders").get("description").asString()).isEqualTo("All orders");
        assertThat(ids.get(database + ".sales.margins").get("native_type").asString()).isEqualTo("materialized view");
        assertThat(ids.get(database + ".sales.top_regions").get("definition").asString())
                .startsWith("```sql\n").contains("FROM sales.by_region").endsWith("\n```");
        assertThat(ids).doesNotContainKey(database + ".hidden.costs");

        // lineage: views over views, two schemas, a source the filters leave out as an external table
        List<String> edges = JsonlLines.validated(parts.get(1).text()).stream().map(JsonlLines::compact).toList();
        String internal = "{\"type\":\"internal_resource\",\"databuilder_id\":\"" + database + ".";
        assertThat(edges).containsExactlyInAnyOrder(
                "{\"from_identifier\":" + internal + "odd%2Eschema.Q\\\"t\"},\"to_identifier\":" + internal + "odd%2Eschema.v\"}}",
                "{\"from_identifier\":" + internal + "ref.regions\"},\"to_identifier\":" + internal + "sales.by_region\"}}",
                "{\"from_identifier\":" + internal + "sales.orders\"},\"to_identifier\":" + internal + "sales.by_region\"}}",
                "{\"from_identifier\":{\"type\":\"external_table\",\"cluster\":\"pg\",\"database\":\"" + database
                        + "\",\"schema\":\"hidden\",\"table\":\"costs\"},\"to_identifier\":" + internal + "sales.margins\"}}",
                "{\"from_identifier\":" + internal + "sales.by_region\"},\"to_identifier\":" + internal + "sales.top_regions\"}}");

        // the summary counts them
        JsonNode summary = JsonlLines.JSON.readTree(stateDir.resolve("summary.json").toFile()).get("warehouses").get(0);
        assertThat(summary.get("format").asString()).isEqualTo("jsonl");
        assertThat(summary.get("primary_key_columns").asLong()).isEqualTo(4);
        assertThat(summary.get("views_with_sql").asLong()).isEqualTo(4);
        assertThat(summary.get("lineage_edges").asLong()).isEqualTo(5);
        assertThat(summary.get("csv").isNull()).isTrue();
        assertThat(summary.get("resources").asString()).endsWith("pg.resources.jsonl");
    }

    @Test
    void anUnchangedCatalogIsNotSentAgainAndAKeyChangeIsReported() throws Exception {
        // given
        assertThat(jsonlRun().run()).isZero();

        // when: nothing changed
        int unchanged = jsonlRun().run();

        // then
        assertThat(unchanged).isZero();
        assertThat(secoda.jsonlUploads()).hasSize(1);

        // when: a key column leaves the key
        db.execute("ALTER TABLE sales.lines DROP CONSTRAINT lines_pkey",
                "ALTER TABLE sales.lines ADD PRIMARY KEY (order_id, line_no, sku)");
        Path summary = stateDir.resolve("summary.json");
        int changed = jsonlRun().set("summary", summary).run();

        // then
        assertThat(changed).isZero();
        assertThat(secoda.jsonlUploads()).hasSize(2);
        JsonNode changes = JsonlLines.JSON.readTree(summary.toFile()).get("warehouses").get(0).get("schema_changes");
        assertThat(changes.get("keys_added").get("first").get(0).asString()).isEqualTo(db.name() + ".sales.lines.sku");
        assertThat(changes.get("keys_removed").get("count").asLong()).isZero();
    }

    @Test
    void switchingFromCsvIsRefusedUnlessForced() throws Exception {
        // given: the warehouse was uploaded as a CSV
        assertThat(jsonlRun().warehouse(0, "format", "csv").run()).isZero();
        assertThat(secoda.uploads()).hasSize(1);

        // when
        int refused = jsonlRun().run();

        // then: nothing sent, exit 4
        assertThat(refused).isEqualTo(4);
        assertThat(secoda.jsonlUploads()).isEmpty();

        // when
        int forced = jsonlRun().flag("--force").run();

        // then: sent, and the CSV copy forgotten, so the next JSONL run needs no --force
        assertThat(forced).isZero();
        assertThat(secoda.jsonlUploads()).hasSize(1);
        assertThat(stateDir.resolve("out/uploaded/pg.csv")).doesNotExist();
        assertThat(stateDir.resolve("out/uploaded/pg.resources.jsonl")).exists();
    }

    @Test
    void theCheckPredictsTheRefusedSwitch(CapturedOutput output) {
        // given
        assertThat(jsonlRun().warehouse(0, "format", "csv").run()).isZero();

        // when
        int exit = jsonlRun().flag("--check").run();

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(output.getOut()).contains("a sync would refuse the upload: its last upload was csv and format is"
                + " now jsonl");
        assertThat(secoda.jsonlUploads()).isEmpty();
    }

    @Test
    void anEmptyCatalogIsRefusedAsForTheCsv() {
        // when
        int exit = jsonlRun().warehouse(0, "include-schemas", "nothing_here").run();

        // then
        assertThat(exit).isEqualTo(4);
        assertThat(secoda.jsonlUploads()).isEmpty();
        assertThat(secoda.creates()).isEmpty();
    }

    @Test
    void theDemoAsJsonlCarriesItsKeysAndTheViewsQuery() throws Exception {
        // when
        int exit = JobArgs.builder().stateDir(stateDir).secoda(server.url("/"), TOKEN)
                .warehouse(JobArgs.demo(0, "jsonl_demo")).warehouse(0, "format", "jsonl").run();

        // then
        assertThat(exit).isZero();
        List<FakeSecoda.Upload> parts = secoda.jsonlUploads().get(0);
        List<JsonNode> resources = JsonlLines.validated(parts.get(0).text());
        assertThat(resources.stream().filter(n -> n.path("is_pk").asBoolean(false)).map(n -> n.get("title").asString()))
                .containsExactly("ID", "ID", "ID");
        assertThat(resources.stream().filter(n -> n.has("definition"))).isEmpty();
        List<JsonNode> lineage = JsonlLines.validated(new String(parts.get(1).bytes(), StandardCharsets.UTF_8));
        assertThat(lineage).singleElement().satisfies(edge -> {
            assertThat(edge.get("from_identifier").get("type").asString()).isEqualTo("tables_from_query");
            assertThat(edge.get("from_identifier").get("sql").asString()).contains("\"SALES\".\"ORDERS\"");
            assertThat(edge.get("to_identifier").get("databuilder_id").asString()).endsWith(".SALES.REVENUE_BY_COUNTRY");
        });
    }
}
