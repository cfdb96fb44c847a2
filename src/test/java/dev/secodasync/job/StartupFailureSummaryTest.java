package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupFailureSummaryTest {

    @Test
    void masksSecretOptionsEnvironmentVariablesAndUrlPasswords() {
        // given
        String[] args = {"--sync.warehouses[0].password=pg-secret-1", "--secoda.api-token=tok-secret-2", "--sync.state-dir=/tmp/x"};
        Map<String, String> env = Map.of("ANALYTICS_DB_PASSWORD", "env-secret-3", "HOME", "/root");

        // when
        String masked = StartupFailureSummary.mask("pg-secret-1 tok-secret-2 env-secret-3 jdbc:x://h/d?password=inline /root /tmp/x",
                args, env);

        // then
        assertThat(masked).isEqualTo("**** **** **** jdbc:x://h/d?password=**** /root /tmp/x");
    }

    @Test
    void theWorkingDirectoryIsNotASecret() {
        // given: PWD and OLDPWD contain "pwd"
        Map<String, String> env = Map.of("PWD", "/work/jobs", "OLDPWD", "/work", "SECODA_API_TOKEN", "tok-secret-2");

        // when
        String masked = StartupFailureSummary.mask("cannot read /work/jobs/application.yml with tok-secret-2",
                new String[0], env);

        // then
        assertThat(masked).isEqualTo("cannot read /work/jobs/application.yml with ****");
    }
}
