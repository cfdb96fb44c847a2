package dev.secodasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.SecodaSyncApplication;
import dev.secodasync.job.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class CommandLineHelpTest {

    @TempDir
    Path stateDir;

    @Test
    void helpListsOptionsAndExitCodesWithoutStartingTheJob(CapturedOutput output) {
        // given: a broken configuration, which --help must not even look at
        String broken = "--sync.warehouses[0].kind=oracle";

        // when
        int exit = SecodaSyncApplication.run("--sync.state-dir=" + stateDir, broken, "--help");

        // then
        assertThat(exit).isEqualTo(ExitCodes.SUCCESS);
        assertThat(output.getOut()).contains("--warehouse=NAME", "--dry-run", "--check", "--summary=PATH", "--help",
                "--force", "--restart", "Exit codes:", "sync.fail-on-error=false");
        for (int code = 0; code <= 4; code++) {
            assertThat(output.getOut()).containsPattern("(?m)^  " + code + "  ");
        }
        assertThat(output.getOut()).doesNotContain("Summary:", "oracle");
        assertThat(Files.exists(stateDir.resolve("job-repository.mv.db"))).isFalse();
    }

    @Test
    void onlyHelpOptionsRequestIt() {
        // when / then
        assertThat(CommandLineHelp.requested("--warehouse=help", "--dry-run")).isFalse();
        assertThat(CommandLineHelp.requested("-h")).isTrue();
    }
}
