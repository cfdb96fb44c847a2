package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JarProcess;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Unattended runs: overlapping runs, killed runs, restarts, and secrets kept out of logs and the repository. */
@ExtendWith(OutputCaptureExtension.class)
class RunSafetyIT {

    private static final String TOKEN = "tok-safety-77f1e0";

    private static final String DB_PASSWORD = "pg-pass-3c9d1a";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    PostgresTestDatabase warehouseDb;

    @BeforeEach
    void setUp() {
        secoda = new FakeSecoda(TOKEN, 20).on(server);
        warehouseDb = PostgresTestDatabase.create("secoda_sync_it_safety",
                "CREATE SCHEMA app", "CREATE TABLE app.orders (id int, total numeric)");
    }

    private JobArgs.Builder args(String... more) {
        return JobArgs.builder().stateDir(stateDir).secoda(server.url("/"), TOKEN)
                .set("secoda.retry.max-attempts", 1)
                .warehouse(JobArgs.postgres(0, "app", warehouseDb.jdbcUrl()))
                .warehouse(0, "password", DB_PASSWORD)
                .args(more);
    }

    @Test
    void twoOverlappingRunsOfOneWarehouseOnASharedPostgresRepositoryUploadOnce() throws Exception {
        // given: a job repository on PostgreSQL, as pods share it, and an upload slow enough to overlap
        PostgresTestDatabase repository = PostgresTestDatabase.create("secoda_sync_it_repo");
        JobArgs.Builder shared = args("--spring.datasource.url=" + repository.jdbcUrl(),
                "--spring.datasource.username=" + PostgresTestDatabase.USER, "--spring.datasource.password=");
        secoda.existing("app", "postgres");
        secoda.slowUploads(Duration.ofSeconds(4));

        // when
        JarProcess first = JarProcess.start(stateDir.resolve("first.log"), shared.stateDir(stateDir.resolve("a")).build());
        JarProcess second = JarProcess.start(stateDir.resolve("second.log"), shared.stateDir(stateDir.resolve("b")).build());
        int[] exits = {first.waitFor(120), second.waitFor(120)};

        // then
        assertThat(exits).as("exit codes; first run's output:%n%s%nsecond run's output:%n%s", first.output(), second.output())
                .containsExactlyInAnyOrder(ExitCodes.SUCCESS, ExitCodes.ALREADY_RUNNING);
        assertThat(secoda.uploads()).hasSize(1);
        String loser = exits[0] == ExitCodes.ALREADY_RUNNING ? first.output() : second.output();
        assertThat(loser).contains("Another run of warehouse(s) [app] is in progress");
    }

    @Test
    void aRunKilledDuringTheUploadLeavesNothingTheNextRunTrusts() throws Exception {
        // given: the upload hangs, and the process is killed while Secoda holds it
        secoda.failNext(r -> r.getUrl().encodedPath().endsWith("/import_metadata/")
                ? new MockResponse.Builder().headersDelay(60, TimeUnit.SECONDS).code(200).body("{}").build() : null);
        JarProcess killed = JarProcess.start(stateDir.resolve("killed.log"), args().build());
        waitForUploadRequest();
        killed.kill();

        // when
        int exit = args().run();

        // then
        assertThat(exit).isZero();
        assertThat(secoda.integrations()).hasSize(1);
        assertThat(secoda.uploads()).hasSize(1);
        assertThat(stateDir.resolve("out/app.csv.part")).doesNotExist();
    }

    @Test
    void aRunThatFailedAtUploadIsRestartedWithoutQueryingTheWarehouseAgain(CapturedOutput output) throws Exception {
        // given: the upload fails once
        secoda.existing("app", "postgres");
        secoda.failNext(r -> r.getUrl().encodedPath().endsWith("/import_metadata/")
                ? FakeSecoda.answer(500, "{\"detail\":\"internal error\"}") : null);
        assertThat(args().run()).isEqualTo(ExitCodes.FAILED);

        // when: the warehouse is gone, so a restart that queried it again would fail
        warehouseDb.execute("DROP TABLE app.orders");
        int exit = args("--restart").run();

        // then
        assertThat(exit).isZero();
        assertThat(secoda.uploads()).singleElement().satisfies(u -> assertThat(u.text()).contains("orders"));
        assertThat(output).contains("Restarting job execution");

        // and a completed run has nothing to restart: --restart then starts a new run
        int again = args("--restart").run();
        assertThat(again).isEqualTo(ExitCodes.GUARD_REFUSED);
        assertThat(output).contains("no unfinished run of app to resume");
    }

    @Test
    void secretsAppearNeitherInTheLogNorInTheJobRepository(CapturedOutput output) throws Exception {
        // given: a warehouse that fails with a URL carrying a password, and one that works
        JobArgs.Builder args = args()
                .warehouse(JobArgs.warehouse(1, "broken", "postgres", "jdbc:postgresql://127.0.0.1:1/x?password=url-secret-55aa"))
                .warehouse(1, "password", DB_PASSWORD + "-other");
        secoda.failNext(r -> r.getUrl().encodedPath().endsWith("/import_metadata/")
                ? FakeSecoda.answer(502, "echo: Bearer " + TOKEN) : null);

        // when
        int exit = args.run();

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(output).contains("Warehouse 'broken' failed").contains("Warehouse 'app' failed")
                .doesNotContain(TOKEN).doesNotContain(DB_PASSWORD).doesNotContain("url-secret-55aa");
        String repository = dumpJobRepository();
        assertThat(repository).contains("password=****").contains("echo: Bearer ****");
        assertThat(repository).doesNotContain(TOKEN).doesNotContain(DB_PASSWORD).doesNotContain("url-secret-55aa");
    }

    private void waitForUploadRequest() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var request = server.takeRequest(100, TimeUnit.MILLISECONDS);
            if (request != null && request.getUrl().encodedPath().endsWith("/import_metadata/")) {
                return;
            }
        }
        throw new AssertionError("the job never started its upload");
    }

    // Every text value of every Spring Batch table, as one string.
    private String dumpJobRepository() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + stateDir.resolve("job-repository")
                + ";AUTO_SERVER=TRUE", "sa", ""); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("BATCH_JOB_EXECUTION", "BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            all.append(rs.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    @Test
    void aRestartOfARunOlderThanTheMaximumAgeExtractsAgain(CapturedOutput output) throws Exception {
        // given: the upload fails once, then a table is dropped
        secoda.existing("app", "postgres");
        secoda.failNext(r -> r.getUrl().encodedPath().endsWith("/import_metadata/")
                ? FakeSecoda.answer(500, "{\"detail\":\"internal error\"}") : null);
        assertThat(args().run()).isEqualTo(ExitCodes.FAILED);
        warehouseDb.execute("CREATE TABLE app.extra (id int)");
        Thread.sleep(50);

        // when: the failed run is older than the allowed age
        int exit = args("--restart", "--sync.restart-max-age=10ms").run();

        // then: extracted again, so the upload is today's catalog, and the log says why
        assertThat(exit).isZero();
        assertThat(output).contains("more than sync.restart-max-age=PT0.01S ago").contains("extracted again")
                .doesNotContain("Restarting job execution");
        assertThat(secoda.uploads()).singleElement().satisfies(u -> assertThat(u.text()).contains(",app,extra,"));
    }

    @Test
    void aStopSignalDuringTheUploadEndsTheRunCleanlyWithExitCode143() throws Exception {
        // given: the upload hangs, and the process gets SIGTERM while Secoda holds it
        secoda.failNext(r -> r.getUrl().encodedPath().endsWith("/import_metadata/")
                ? new MockResponse.Builder().headersDelay(60, TimeUnit.SECONDS).code(200).body("{}").build() : null);
        Path summary = stateDir.resolve("summary.json");
        JarProcess stopped = JarProcess.start(stateDir.resolve("stopped.log"), args("--summary=" + summary).build());
        waitForUploadRequest();

        // when
        stopped.terminate();
        int exit = stopped.waitFor(40);

        // then: said so, summary written as interrupted, no partial file, nothing left to recover
        assertThat(exit).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(stopped.output()).contains("Stop signal received");
        assertThat(Files.readString(summary)).containsPattern("\"status\"\\s*:\\s*\"interrupted\"")
                .containsPattern("\"exit_code\"\\s*:\\s*143");
        assertThat(stateDir.resolve("out/app.csv.part")).doesNotExist();
        assertThat(secoda.uploads()).isEmpty();
        int next = args("--restart").run();
        assertThat(next).isZero();
        assertThat(secoda.uploads()).hasSize(1);
    }
}
