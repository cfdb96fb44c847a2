package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.testsupport.CsvFilesRead;
import dev.secodasync.testsupport.FakeSecoda;
import dev.secodasync.testsupport.JobArgs;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import mockwebserver3.MockResponse;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The guards before an upload, against the real PostgreSQL and a fake Secoda, through the whole job. */
@ExtendWith(OutputCaptureExtension.class)
class GuardsIT {

    private static final String TOKEN = "tok-guards-0a7e";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path stateDir;

    FakeSecoda secoda;

    PostgresTestDatabase db;

    @BeforeEach
    void setUp() {
        secoda = new FakeSecoda(TOKEN, 20).on(server);
        db = PostgresTestDatabase.create("secoda_sync_it_guards",
                "CREATE SCHEMA app",
                "CREATE TABLE app.a (id int, x int)",
                "CREATE TABLE app.b (id int, y int)",
                "CREATE TABLE app.c (id int, z int)",
                "CREATE TABLE app.d (id int, w int)",
                "CREATE SCHEMA hr",
                "CREATE TABLE hr.salaries (person int, amount numeric)");
    }

    // Spring Boot joins a repeated --key into "a,b": an override replaces the default instead (JobArgs.Builder).
    private int run(String... overrides) {
        return JobArgs.builder().stateDir(stateDir).secoda(server.url("/"), TOKEN)
                .warehouse(JobArgs.postgres(0, "app", db.jdbcUrl())).args(overrides).run();
    }

    @Test
    void aDroppedTableWithinTheAllowedShareIsUploaded() {
        // given: 5 tables uploaded
        assertThat(run()).isZero();

        // when: one of five dropped (-20%, the default limit)
        db.execute("DROP TABLE app.d");
        int exit = run();

        // then
        assertThat(exit).isZero();
        assertThat(secoda.uploads()).hasSize(2);
        assertThat(secoda.uploads().get(1).text()).doesNotContain(",app,d,");
    }

    @Test
    void theShrinkGuardRefusesABigDropAndForceOverridesIt(CapturedOutput output) throws Exception {
        // given
        assertThat(run()).isZero();

        // when: three of five tables gone, as when a grant is lost
        db.execute("DROP TABLE app.b", "DROP TABLE app.c", "DROP TABLE app.d");
        int refused = run();

        // then
        assertThat(refused).isEqualTo(ExitCodes.GUARD_REFUSED);
        assertThat(secoda.uploads()).hasSize(1);
        assertThat(output).contains("tables fell from 5 to 2 (-60.0%)").contains("--force")
                .contains("app: 2 tables (0 views), 4 columns; REFUSED:");

        // when: the drop is intended
        int forced = run("--force");

        // then
        assertThat(forced).isZero();
        assertThat(secoda.uploads()).hasSize(2);
        assertThat(CsvFilesRead.rows(stateDir.resolve("out/uploaded/app.csv"))).hasSize(4);
    }

    @Test
    void anUnchangedCatalogIsNotUploadedAgainUnlessForced(CapturedOutput output) {
        // given
        assertThat(run()).isZero();

        // when
        int unchanged = run();
        int forced = run("--force");

        // then
        assertThat(unchanged).isZero();
        assertThat(forced).isZero();
        assertThat(secoda.uploads()).hasSize(2);
        assertThat(output).contains("not uploaded, the CSV is identical to the upload of");
    }

    @Test
    void anEmptyResultIsRefusedNotUploaded(CapturedOutput output) {
        // when: a pattern that matches no schema
        int exit = run("--sync.warehouses[0].include-schemas=nothing_like_this");

        // then: no write to Secoda at all, not even the integration's creation
        assertThat(exit).isEqualTo(ExitCodes.GUARD_REFUSED);
        assertThat(secoda.uploads()).isEmpty();
        assertThat(secoda.creates()).isEmpty();
        assertThat(output).contains("returned no columns");
    }

    @Test
    void aRoleWithoutUsageOnASchemaStillExportsItsTablesSoNothingIsMarkedStale() throws Exception {
        // given: pg_catalog is readable by every role, USAGE or not
        db.execute("DROP ROLE IF EXISTS secoda_sync_it_reader",
                "CREATE ROLE secoda_sync_it_reader LOGIN",
                "REVOKE ALL ON SCHEMA hr FROM PUBLIC",
                "GRANT USAGE ON SCHEMA app TO secoda_sync_it_reader");

        // when
        int exit = run("--sync.warehouses[0].username=secoda_sync_it_reader");

        // then
        assertThat(exit).isZero();
        assertThat(CsvFilesRead.keys(CsvFilesRead.rows(stateDir.resolve("out/app.csv"))))
                .contains("hr.salaries.person", "hr.salaries.amount");
    }

    @Test
    void aDatabaseThatDoesNotExistFailsInOneLineNamingIt(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouses[0].jdbc-url=jdbc:postgresql://127.0.0.1:5432/no_such_db_here");

        // then
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(output).contains("Warehouse 'app' failed, nothing uploaded for it:")
                .contains("FATAL: database \"no_such_db_here\" does not exist").doesNotContain("\tat ");
        assertThat(secoda.uploads()).isEmpty();
    }

    @Test
    void aHtmlPageAnsweredToTheUploadIsNotCountedAsAcceptedSoTheNextRunSendsItAgain(CapturedOutput output) {
        // given: a proxy answers the first upload with its own 200 page
        secoda.failNext(r -> r.getUrl().encodedPath().contains("import_metadata")
                ? new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                        .body("<html>Please sign in</html>").build()
                : null);

        // when
        int first = run();
        int second = run();

        // then: the first run failed, and the second is not skipped as "unchanged"
        assertThat(first).isEqualTo(ExitCodes.FAILED);
        assertThat(output).contains("not counted as accepted");
        assertThat(second).isZero();
        assertThat(secoda.uploads()).hasSize(1);
        assertThat(output).doesNotContain("not uploaded, the CSV is identical");
    }

    @Test
    void aDryRunThatExportsNothingReportsTheRefusalAsTheRealRunWould(CapturedOutput output) {
        // when
        int exit = run("--dry-run", "--sync.warehouses[0].include-schemas=nothing_like_this");

        // then: exit 4, and still no call to Secoda
        assertThat(exit).isEqualTo(ExitCodes.GUARD_REFUSED);
        assertThat(output).contains("returned no columns");
        assertThat(server.getRequestCount()).isZero();
    }
}
