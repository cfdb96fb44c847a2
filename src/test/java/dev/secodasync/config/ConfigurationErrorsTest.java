package dev.secodasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.SecodaSyncApplication;
import dev.secodasync.job.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Wrong configuration stops the run before any connection, names the key, and exits with code 2. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationErrorsTest {

    @TempDir
    Path stateDir;

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--sync.state-dir=" + stateDir, "--secoda.api-token="));
        all.addAll(Arrays.asList(args));
        return SecodaSyncApplication.run(all.toArray(String[]::new));
    }

    private void assertRefusedBeforeAnyWork(int exit) {
        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(Files.exists(stateDir.resolve("out"))).isFalse();
    }

    @Test
    void unknownKind(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouses[0].name=w", "--sync.warehouses[0].kind=oracle",
                "--sync.warehouses[0].jdbc-url=jdbc:oracle:thin:@x");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].kind").contains("oracle");
    }

    @Test
    void missingJdbcUrl(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouses[0].name=w", "--sync.warehouses[0].kind=postgres");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].jdbcUrl").contains("must not be blank");
    }

    @Test
    void plainHttpSecodaUrlThatIsNotLoopback(CapturedOutput output) {
        // when
        int exit = run("--secoda.base-url=http://api.secoda.co");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("secoda.base-url").contains("must use https");
    }

    @Test
    void duplicateWarehouseNames(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouses[0].name=w", "--sync.warehouses[0].kind=h2", "--sync.warehouses[0].jdbc-url=jdbc:h2:mem:a",
                "--sync.warehouses[1].name=w", "--sync.warehouses[1].kind=h2", "--sync.warehouses[1].jdbc-url=jdbc:h2:mem:b");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[1].name 'w' is used by another warehouse");
    }

    @Test
    void twoWarehousesUploadingIntoOneIntegration(CapturedOutput output) {
        // when: each upload is the complete set, so the second would mark the first one's tables stale
        int exit = run("--sync.warehouses[0].name=a", "--sync.warehouses[0].kind=h2", "--sync.warehouses[0].jdbc-url=jdbc:h2:mem:a",
                "--sync.warehouses[0].integration-name=shared",
                "--sync.warehouses[1].name=b", "--sync.warehouses[1].kind=h2", "--sync.warehouses[1].jdbc-url=jdbc:h2:mem:b",
                "--sync.warehouses[1].integration-name=shared");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[1].integration-name 'shared'");
    }

    @Test
    void warehouseNameThatCannotNameAFile(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouses[0].name=../evil", "--sync.warehouses[0].kind=h2",
                "--sync.warehouses[0].jdbc-url=jdbc:h2:mem:a");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].name");
    }

    @Test
    void unknownWarehouseOnTheCommandLine(CapturedOutput output) {
        // when
        int exit = run("--warehouse=nope");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("--warehouse names [nope]").contains("[demo]");
    }
}
