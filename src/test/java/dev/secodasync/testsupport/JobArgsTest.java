package dev.secodasync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The command lines the whole-job tests share. */
class JobArgsTest {

    private static final HttpUrl SECODA = HttpUrl.get("http://127.0.0.1:8080/");

    @Test
    void theBuilderWritesTheArgumentsInOrder() {
        // when
        List<String> args = JobArgs.builder().flag("--check").stateDir(Path.of("/tmp/s")).secoda(SECODA, "tok")
                .warehouse(JobArgs.postgres(0, "app", "jdbc:postgresql://h/db")).warehouse(0, "password", "pw")
                .flag("--dry-run").build();

        // then
        assertThat(args).containsExactly("--check", "--sync.state-dir=/tmp/s",
                "--secoda.base-url=http://127.0.0.1:8080/", "--secoda.api-token=tok",
                "--sync.warehouses[0].name=app", "--sync.warehouses[0].kind=postgres",
                "--sync.warehouses[0].jdbc-url=jdbc:postgresql://h/db",
                "--sync.warehouses[0].username=" + PostgresTestDatabase.USER,
                "--sync.warehouses[0].password=pw", "--dry-run");
    }

    @Test
    void aConfigurationKeyGivenAgainReplacesTheEarlierValueInItsPlace() {
        // given
        JobArgs.Builder builder = JobArgs.builder().stateDir(Path.of("/tmp/a")).warehouse(0, "name", "app")
                .flag("--warehouse=app");
        List<String> before = builder.build();

        // when
        List<String> after = builder.args("--sync.warehouses[0].name=other", "--warehouse=more")
                .stateDir(Path.of("/tmp/b")).build();

        // then: options that are no keys repeat; a built list does not change afterwards
        assertThat(after).containsExactly("--sync.state-dir=/tmp/b", "--sync.warehouses[0].name=other",
                "--warehouse=app", "--warehouse=more");
        assertThat(before).containsExactly("--sync.state-dir=/tmp/a", "--sync.warehouses[0].name=app",
                "--warehouse=app");
    }

    @Test
    void aWarehouseIsItsNameKindAndUrl() {
        // then
        assertThat(JobArgs.warehouse(1, "demo", "h2", "jdbc:h2:mem:x")).containsExactly(
                "--sync.warehouses[1].name=demo", "--sync.warehouses[1].kind=h2", "--sync.warehouses[1].jdbc-url=jdbc:h2:mem:x");
    }
}
