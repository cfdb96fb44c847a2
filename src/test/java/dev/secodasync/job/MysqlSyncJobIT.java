package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.JsonlLines;
import dev.secodasync.testsupport.MariaDbTestDatabase;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A whole run of a kind: mysql warehouse against the real MariaDB: the uploaded CSV, line by line. */
class MysqlSyncJobIT {

    private static final String TOKEN = "tok-mysql-4d2a";

    static final String DB = MariaDbTestDatabase.name("secoda_it_job");

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    @BeforeEach
    void setUp() {
        secoda = new FakeSecoda(TOKEN, 10).on(server);
        MariaDbTestDatabase.execute("DROP DATABASE IF EXISTS " + DB,
                "CREATE DATABASE " + DB + " CHARACTER SET utf8mb4",
                "CREATE TABLE " + DB + ".orders (id bigint COMMENT 'one, \"two\"', state enum('new','paid'))"
                        + " COMMENT 'Orders'");
    }

    @AfterEach
    void tearDown() {
        MariaDbTestDatabase.execute("DROP DATABASE IF EXISTS " + DB);
    }

    @Test
    void syncsAMysqlWarehouseAsTheSecodaCsv() {
        // when
        int exit = JobArgs.builder().stateDir(stateDir).secoda(server.url("/"), TOKEN)
                .warehouse(JobArgs.warehouse(0, "shop", "mysql", MariaDbTestDatabase.URL))
                .warehouse(0, "username", MariaDbTestDatabase.USER)
                .warehouse(0, "include-schemas", DB)
                .run();

        // then: RFC 4180 quoting, the warehouse name as database, the MySQL database as schema
        assertThat(exit).isZero();
        List<String> lines = secoda.uploads().get(0).text().lines().toList();
        assertThat(lines).containsExactly(
                "col_name,col_description,col_type,sort_order,database,schema,name,description,is_view,last_updated_time",
                "id,\"one, \"\"two\"\"\",bigint(20),1,shop," + DB + ",orders,Orders,false,None",
                "state,,\"enum('new','paid')\",2,shop," + DB + ",orders,Orders,false,None");
        assertThat(secoda.integrations()).singleElement().satisfies(i -> assertThat(i.get("type")).isEqualTo("mysql"));
    }

    @Test
    void syncsAMysqlWarehouseAsJsonlWithKeysAndTheViewsQuery() {
        // given
        MariaDbTestDatabase.execute("CREATE TABLE " + DB + ".order_lines (order_id bigint, line int, PRIMARY KEY (order_id, line))",
                "CREATE VIEW " + DB + ".paid AS SELECT id FROM " + DB + ".orders WHERE state = 'paid'");

        // when
        int exit = JobArgs.builder().stateDir(stateDir).secoda(server.url("/"), TOKEN)
                .warehouse(JobArgs.warehouse(0, "shop", "mysql", MariaDbTestDatabase.URL))
                .warehouse(0, "username", MariaDbTestDatabase.USER)
                .warehouse(0, "include-schemas", DB)
                .warehouse(0, "format", "jsonl")
                .warehouse(0, "view-sql", true)
                .run();

        // then: the composite key, the view's SQL, a tables_from_query edge into the view
        assertThat(exit).isZero();
        List<FakeSecoda.Upload> parts = secoda.jsonlUploads().get(0);
        List<JsonNode> resources = JsonlLines.validated(parts.get(0).text());
        assertThat(resources.stream().filter(n -> n.path("is_pk").asBoolean(false))
                .map(n -> n.get("databuilder_id").asString()))
                .containsExactly("shop." + DB + ".order_lines.order_id", "shop." + DB + ".order_lines.line");
        assertThat(resources.stream().filter(n -> n.path("native_type").asString().equals("view"))
                .map(n -> n.get("definition").asString()))
                .singleElement().satisfies(sql -> assertThat(sql).startsWith("```sql\n").contains("`orders`"));
        List<JsonNode> lineage = JsonlLines.validated(parts.get(1).text());
        assertThat(lineage).singleElement().satisfies(edge -> {
            assertThat(edge.get("from_identifier").get("type").asString()).isEqualTo("tables_from_query");
            assertThat(edge.get("to_identifier").get("databuilder_id").asString()).isEqualTo("shop." + DB + ".paid");
        });
    }
}
