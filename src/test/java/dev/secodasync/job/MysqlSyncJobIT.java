package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.MariaDbTestDatabase;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
