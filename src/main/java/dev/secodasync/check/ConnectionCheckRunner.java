package dev.secodasync.check;

import dev.secodasync.config.RunOptions;
import dev.secodasync.job.ExitCodes;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Runs the connection check when the command line says {@code --check} (the job runner then does
 * nothing), prints its table to standard output and sets exit code 0 when every target works, else 1.
 */
public class ConnectionCheckRunner implements ApplicationRunner, ExitCodeGenerator {

    private final RunOptions options;

    private final Supplier<ConnectionCheck> check;

    private final PrintStream out;

    private int exitCode = ExitCodes.SUCCESS;

    /**
     * @param check made only when asked for, so an ordinary run builds nothing of it
     */
    public ConnectionCheckRunner(RunOptions options, Supplier<ConnectionCheck> check, PrintStream out) {
        this.options = options;
        this.check = check;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!options.check()) {
            return;
        }
        List<CheckResult> results = check.get().run();
        out.print(CheckTable.format(results));
        out.flush();
        exitCode = results.stream().allMatch(CheckResult::passed) ? ExitCodes.SUCCESS : ExitCodes.FAILED;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
