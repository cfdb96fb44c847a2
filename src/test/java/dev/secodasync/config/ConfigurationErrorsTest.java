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
    void outOfRangeParallelismAndIntervals(CapturedOutput output) {
        // when
        int exit = run("--sync.progress-interval=-1s", "--sync.warehouses[0].name=sf",
                "--sync.warehouses[0].kind=snowflake", "--sync.warehouses[0].jdbc-url=jdbc:snowflake://acme.snowflakecomputing.com",
                "--sync.warehouses[0].max-parallel-databases=0");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.progress-interval").contains("sync.warehouses[0].maxParallelDatabases");
    }

    @Test
    void parallelDatabasesIsOnlyForSnowflake(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouses[0].name=w", "--sync.warehouses[0].kind=h2",
                "--sync.warehouses[0].jdbc-url=jdbc:h2:mem:a", "--sync.warehouses[0].max-parallel-databases=2");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].max-parallel-databases is only for kind snowflake");
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
    void twoWarehousesNamingOneIntegrationId(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouses[0].name=a", "--sync.warehouses[0].kind=h2", "--sync.warehouses[0].jdbc-url=jdbc:h2:mem:a",
                "--sync.warehouses[0].integration-id=0b5e",
                "--sync.warehouses[1].name=b", "--sync.warehouses[1].kind=h2", "--sync.warehouses[1].jdbc-url=jdbc:h2:mem:b",
                "--sync.warehouses[1].integration-id=0b5e");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[1].integration-id '0b5e' is used by another warehouse");
    }

    @Test
    void nonPositiveTimeoutsAndRetrySettings(CapturedOutput output) {
        // when
        int timeout = run("--secoda.read-timeout=0s");
        int multiplier = run("--secoda.retry.multiplier=0.5");

        // then
        assertThat(timeout).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(multiplier).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(output).contains("secoda.read-timeout must be a positive duration")
                .contains("secoda.retry.multiplier must be 1.0 or more");
    }

    @Test
    void anEmptyWarehouseOptionDoesNotMeanAll(CapturedOutput output) {
        // when: a templated --warehouse=$NAME whose variable was empty
        int exit = run("--warehouse=");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("--warehouse was given without a warehouse name");
    }

    @Test
    void unknownWarehouseOnTheCommandLine(CapturedOutput output) {
        // when
        int exit = run("--warehouse=nope");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("--warehouse names [nope]").contains("[demo]");
    }
    private int runSnowflake(String jdbcUrl, String... settings) {
        List<String> all = new ArrayList<>(List.of("--sync.warehouses[0].name=sf", "--sync.warehouses[0].kind=snowflake",
                "--sync.warehouses[0].jdbc-url=" + jdbcUrl, "--sync.warehouses[0].username=svc"));
        for (String setting : settings) {
            all.add("--sync.warehouses[0]." + setting);
        }
        return run(all.toArray(String[]::new));
    }

    @Test
    void snowflakeKindWithAnotherDriversUrl(CapturedOutput output) {
        // when
        int exit = runSnowflake("jdbc:postgresql://db/x", "password=pw-1234");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].jdbc-url must start with jdbc:snowflake://");
    }

    @Test
    void snowflakeTokenWithoutAuthenticator(CapturedOutput output) {
        // when
        int exit = runSnowflake("jdbc:snowflake://acme.snowflakecomputing.com", "token=pat-secret-77");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].token needs sync.warehouses[0].authenticator")
                .doesNotContain("pat-secret-77");
    }

    @Test
    void snowflakeAuthenticatorWithoutToken(CapturedOutput output) {
        // when
        int exit = runSnowflake("jdbc:snowflake://acme.snowflakecomputing.com", "authenticator=oauth");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].authenticator oauth needs sync.warehouses[0].token");
    }

    @Test
    void snowflakePasswordAndPrivateKeyTogether(CapturedOutput output) {
        // when
        int exit = runSnowflake("jdbc:snowflake://acme.snowflakecomputing.com", "password=pw-secret-88",
                "private-key-file=/keys/rsa_key.p8", "private-key-passphrase=pp-secret-99");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].password and sync.warehouses[0].private-key-file are both set")
                .doesNotContain("pw-secret-88").doesNotContain("pp-secret-99");
    }

    @Test
    void snowflakePrivateKeyGivenTwoWays(CapturedOutput output) {
        // when
        int exit = runSnowflake("jdbc:snowflake://acme.snowflakecomputing.com", "private-key-file=/keys/rsa_key.p8",
                "private-key=-----BEGIN PRIVATE KEY-----");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].private-key-file and sync.warehouses[0].private-key are both set");
    }

    @Test
    void snowflakeSettingOnAnotherKind(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouses[0].name=w", "--sync.warehouses[0].kind=h2",
                "--sync.warehouses[0].jdbc-url=jdbc:h2:mem:a", "--sync.warehouses[0].role=READER");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].role is only for kind snowflake (kind is h2)");
    }

    @Test
    void aConfigurationFileIndentedWithTabsNamesTheFileAndTheLine(CapturedOutput output) throws Exception {
        // given
        Path file = stateDir.resolveSibling(stateDir.getFileName() + "-tabs.yml");
        Files.writeString(file, "sync:\n\tmax-parallel-warehouses: 2\n");

        // when
        int exit = run("--spring.config.additional-location=file:" + file);

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("configuration file").contains(file.getFileName().toString()).contains("line 2").contains("never tabs")
                .doesNotContain("\tat org.");
    }

    @Test
    void aMissingConfigurationFileIsAConfigurationError(CapturedOutput output) {
        // given
        Path missing = stateDir.resolve("nowhere.yml");

        // when
        int exit = run("--spring.config.additional-location=file:" + missing);

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains(missing.toString()).contains("does not exist");
    }

    @Test
    void aStateDirectoryThatIsAFileIsNamed(CapturedOutput output) throws Exception {
        // given
        Path file = Files.writeString(stateDir.resolve("not-a-folder"), "x");

        // when
        int exit = SecodaSyncApplication.run("--sync.state-dir=" + file, "--secoda.api-token=");
        int under = SecodaSyncApplication.run("--sync.state-dir=" + file.resolve("state"), "--secoda.api-token=");

        // then
        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(under).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(output).contains("sync.state-dir " + file + " is not a folder")
                .contains("sync.state-dir " + file.resolve("state") + " cannot be created");
    }

    @Test
    void aTokenWithATrailingNewlineNamesTheSetting(CapturedOutput output) {
        // when: as a token read from a secret file often ends
        int exit = SecodaSyncApplication.run("--sync.state-dir=" + stateDir, "--secoda.api-token=tok-123456\n");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("secoda.api-token (SECODA_API_TOKEN) contains a line break")
                .doesNotContain("tok-123456");
    }

    @Test
    void aMisspeltKeyIsAnErrorNamingTheClosestSetting(CapturedOutput output) {
        // when: exlude-schemas would be ignored and the schema it meant to hide exported
        int exit = run("--sync.warehouses[0].name=w", "--sync.warehouses[0].kind=h2",
                "--sync.warehouses[0].jdbc-url=jdbc:h2:mem:a", "--sync.warehouses[0].exlude-schemas=hr",
                "--secoda.retry.max-atempts=3");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output)
                .contains("sync.warehouses[0].exlude-schemas is not a setting: did you mean sync.warehouses[0].exclude-schemas?")
                .contains("secoda.retry.max-atempts is not a setting: did you mean secoda.retry.max-attempts?");
    }

    @Test
    void aSingularWarehouseKeyIsAnErrorNotTheDemo(CapturedOutput output) {
        // when
        int exit = run("--sync.warehouse[0].name=w", "--sync.warehouse[0].kind=postgres");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouse[0].name is not a setting: did you mean sync.warehouses?");
    }

    @Test
    void aTokenWithNoWarehouseNeverUploadsTheDemo(CapturedOutput output) {
        // when: sync.warehouses emptied (warehouses: [] in a file), a token set
        int exit = SecodaSyncApplication.run("--sync.state-dir=" + stateDir, "--secoda.api-token=tok-123456",
                "--secoda.base-url=http://127.0.0.1:9/");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("no warehouse is configured").contains("sync.upload-demo=true");
    }

    @Test
    void aMysqlWarehouseNeedsTheMariadbUrl(CapturedOutput output) {
        // when: the URL as MySQL's own driver would take it
        int exit = run("--sync.warehouses[0].name=w", "--sync.warehouses[0].kind=mysql",
                "--sync.warehouses[0].jdbc-url=jdbc:mysql://db:3306/");

        // then
        assertRefusedBeforeAnyWork(exit);
        assertThat(output).contains("sync.warehouses[0].jdbc-url must start with jdbc:mariadb:// for kind mysql");
    }
}
