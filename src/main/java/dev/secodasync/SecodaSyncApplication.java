package dev.secodasync;

import dev.secodasync.check.CheckMode;
import dev.secodasync.cli.CommandLineHelp;
import dev.secodasync.job.ExitCodes;
import dev.secodasync.job.StartupFailureSummary;
import java.time.Instant;
import java.io.IOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** secoda-sync: keeps the Secoda catalog in step with the column metadata of warehouses. */
@SpringBootApplication
public class SecodaSyncApplication {

    /** How the application is wired; see the file's comments. */
    private static final String DEFAULTS = "secoda-sync-defaults.properties";

    private static final String H2_BIND_ADDRESS = "h2.bindAddress";

    public static void main(String[] args) {
        // Without System.exit a failed run could end with status 0 and a scheduler would never notice.
        System.exit(run(args));
    }

    /** Runs the job in this JVM and answers the process exit code (see {@link ExitCodes}). */
    public static int run(String... args) {
        // --help needs no configuration, no database, no Spring.
        if (CommandLineHelp.requested(args)) {
            CommandLineHelp.print(System.out);
            return ExitCodes.SUCCESS;
        }
        Instant started = Instant.now();
        // The H2 job repository's AUTO_SERVER would otherwise listen on every interface.
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
        try {
            // --check never touches the real job repository.
            SpringApplication application = new SpringApplication(SecodaSyncApplication.class);
            application.setDefaultProperties(PropertiesLoaderUtils.loadProperties(new ClassPathResource(DEFAULTS)));
            return SpringApplication.exit(application.run(CheckMode.arguments(args)));
        } catch (SpringApplication.AbandonedRunException e) {
            // The build's AOT processing (spring-boot:process-aot) stops the run this way once the
            // bean definitions are known: it must reach the processor, not become an exit code.
            throw e;
        } catch (RuntimeException | IOException e) {
            // Spring Boot has already logged why (failure analysis); only the code is left to choose.
            int code = ExitCodes.forStartupFailure(e);
            // An orchestrator finds a run summary even when the job never started.
            StartupFailureSummary.report(args, System.getenv(), e, code, started, System.out);
            return code;
        }
    }
}
