package dev.secodasync.job;

import dev.secodasync.config.InvalidConfigurationException;
import dev.secodasync.support.Errors;
import dev.secodasync.support.SecretMasker;
import dev.secodasync.report.RunSummary;
import dev.secodasync.report.WarehouseResult;
import dev.secodasync.report.RunSummaryWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * The run summary of a run that never got to its job (wrong configuration, unreachable job
 * repository), so that an orchestrator reading {@code --summary} or the last line always finds one.
 * The configuration is not bound at that point, so secrets are masked from what is at hand: the
 * values of secret-looking command-line options and environment variables.
 */
public final class StartupFailureSummary {

    private static final Logger log = LoggerFactory.getLogger(StartupFailureSummary.class);

    // Names that say "secret"; not "pwd", which PWD and OLDPWD (the working directory) contain.
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passphrase|token|secret|private[-_.]?key).*");


    private StartupFailureSummary() {
    }

    /** Writes and prints the summary; never throws, the exit code is already decided. */
    public static void report(String[] args, Map<String, String> environment, Throwable error, int exitCode,
            Instant started, PrintStream out) {
        try {
            boolean configuration = exitCode == ExitCodes.CONFIGURATION_ERROR;
            String type = configuration ? WarehouseResult.CONFIGURATION_ERROR : rootCause(error).getClass().getSimpleName();
            String value = mask(Errors.oneLine(error), args, environment);
            RunSummary summary = RunSummary.notRun(type, value, exitCode, started, Instant.now());
            new RunSummaryWriter().write(summary, summaryPath(args), out);
        } catch (RuntimeException e) {
            log.error("cannot write the run summary: {}", Errors.oneLine(e));
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t
                && !(t instanceof InvalidConfigurationException) && !(t instanceof BindException)) {
            t = t.getCause();
        }
        return t;
    }

    private static Path summaryPath(String[] args) {
        String path = null;
        for (String arg : args) {
            if (arg.startsWith("--summary=") && arg.length() > "--summary=".length()) {
                path = arg.substring("--summary=".length());
            }
        }
        return path == null ? null : Path.of(path);
    }

    /**
     * Masks what the settings given to this run may hold as secrets (the configuration may not be
     * bound yet): arguments and environment variables whose name says secret, e.g. a password a
     * configuration file takes from {@code ${ANALYTICS_DB_PASSWORD}}. The working directory is not one.
     */
    static String mask(String text, String[] args, Map<String, String> environment) {
        List<String> secrets = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0 && SECRET_NAME.matcher(arg.substring(2, eq)).matches()) {
                secrets.add(arg.substring(eq + 1));
            }
        }
        environment.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                secrets.add(value);
            }
        });
        return new SecretMasker(secrets).mask(text);
    }
}
