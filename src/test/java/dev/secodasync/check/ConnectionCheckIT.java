package dev.secodasync.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.job.ExitCodes;
import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code --check} against a reachable and an unreachable PostgreSQL and a MockWebServer Secoda. */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionCheckIT {

    private static final String TOKEN = "tok-3f9a1c0e-check";

    static PostgresTestDatabase db;

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    @BeforeAll
    static void createWarehouse() {
        db = PostgresTestDatabase.create("secoda_sync_it_check",
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.customers (id bigint, name text)",
                "CREATE VIEW shop.names AS SELECT name FROM shop.customers");
    }

    @BeforeEach
    void fakeSecoda() {
        secoda = new FakeSecoda(TOKEN, 10).on(server);
        secoda.existing("other", "postgres");
    }

    private int check(String token, String... more) {
        return JobArgs.builder().flag("--check").stateDir(stateDir).secoda(server.url("/"), token)
                // the real job repository is unreachable: a check must not need it
                .set("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/jobs")
                .warehouse(JobArgs.postgres(0, "shop", db.jdbcUrl()))
                .warehouse(JobArgs.warehouse(1, "down", "postgres", "jdbc:postgresql://127.0.0.1:1/nowhere"))
                .warehouse(1, "password", "pg-check-secret-42")
                .args(more).run();
    }

    private static String line(CapturedOutput output, String target) {
        return output.getOut().lines().filter(l -> l.startsWith(target + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + target + " in\n" + output.getOut()));
    }

    @Test
    void reportsEachTargetOnItsLineAndFailsWhenOneDoesNotWork(CapturedOutput output) {
        // when
        int exit = check(TOKEN);

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(line(output, "warehouse shop (postgres)")).contains("OK", "2 tables, 3 columns would be exported");
        assertThat(line(output, "warehouse down (postgres)")).contains("FAIL", "127.0.0.1:1");
        assertThat(line(output, "secoda healthcheck")).contains("OK");
        assertThat(line(output, "secoda api token")).contains("OK", "accepted; 1 integrations visible");
        assertThat(output.getOut()).contains("check: 1 of 4 targets FAILED").doesNotContain("pg-check-secret-42", TOKEN);
        assertNothingWasRunOrWritten();
    }

    @Test
    void aRejectedTokenFailsTheCheck(CapturedOutput output) {
        // when
        int exit = check("tok-wrong-0000", "--warehouse=shop");

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(line(output, "warehouse shop (postgres)")).contains("OK");
        assertThat(line(output, "secoda healthcheck")).contains("OK");
        assertThat(line(output, "secoda api token")).contains("FAIL", "Secoda rejected the API token (HTTP 401)");
        assertThat(output.getOut()).doesNotContain("warehouse down", "tok-wrong-0000");
        assertNothingWasRunOrWritten();
    }

    @Test
    void everythingReachableExitsZero(CapturedOutput output) {
        // when
        int exit = check(TOKEN, "--warehouse=shop");

        // then
        assertThat(exit).isEqualTo(ExitCodes.SUCCESS);
        assertThat(output.getOut()).contains("check: everything works");
        assertNothingWasRunOrWritten();
    }

    private void assertNothingWasRunOrWritten() {
        assertThat(secoda.uploads()).isEmpty();
        assertThat(secoda.creates()).isEmpty();
        assertThat(Files.exists(stateDir)).as("nothing written to the state directory").satisfiesAnyOf(
                exists -> assertThat(exists).isFalse(),
                exists -> assertThat(stateDir).isEmptyDirectory());
    }

    @Test
    void aWarehouseTheSyncWouldRefuseAsEmptyFailsTheCheck(CapturedOutput output) {
        // when: a filter that matches no schema
        int exit = check(TOKEN, "--warehouse=shop", "--sync.warehouses[0].include-schemas=nothing_like_this");

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(line(output, "warehouse shop (postgres)")).contains("FAIL", "a sync would refuse the upload");
    }

    @Test
    void aWarehouseTheSyncWouldFailOrRefuseForItsRowsOrAShrinkFailsTheCheck(CapturedOutput output) {
        // given: one real sync, so that the state directory keeps its upload; then half the tables go
        assertThat(JobArgs.builder().stateDir(stateDir).secoda(server.url("/"), TOKEN)
                .warehouse(JobArgs.postgres(0, "shop", db.jdbcUrl())).run()).isZero();
        db.execute("DROP VIEW shop.names");

        // when
        int shrunk = check(TOKEN, "--warehouse=shop");
        db.execute("CREATE TABLE shop.\"odd.name\" (id int)", "CREATE VIEW shop.names AS SELECT name FROM shop.customers");
        int strict = check(TOKEN, "--warehouse=shop", "--sync.dotted-names=fail");

        // then
        assertThat(shrunk).isEqualTo(ExitCodes.FAILED);
        assertThat(output.getOut()).contains("a sync would refuse the upload: warehouse 'shop': tables fell from 2 to 1");
        assertThat(strict).isEqualTo(ExitCodes.FAILED);
        assertThat(output.getOut()).contains("a sync would fail: 1 invalid row problem(s)").contains("odd.name");
        db.execute("DROP TABLE shop.\"odd.name\"");
    }
}
