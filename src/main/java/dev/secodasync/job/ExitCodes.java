package dev.secodasync.job;

import dev.secodasync.config.InvalidConfigurationException;
import dev.secodasync.report.WarehouseResult;
import dev.secodasync.report.WarehouseResult.Status;
import java.util.List;
import org.springframework.boot.context.config.ConfigDataNotFoundException;
import org.springframework.boot.context.properties.bind.BindException;
import org.yaml.snakeyaml.error.YAMLException;

/** The process exit codes of secoda-sync, as documented in the README. */
public final class ExitCodes {

    /** Every selected warehouse synced (or was deliberately not uploaded: dry run, no token). */
    public static final int SUCCESS = 0;

    /** At least one warehouse failed (after all the others were tried), or the job could not run. */
    public static final int FAILED = 1;

    /** The configuration or the command line is wrong; nothing was connected to. */
    public static final int CONFIGURATION_ERROR = 2;

    /** Another run of the same warehouse is in progress (another cron firing, another pod); this one did nothing. */
    public static final int ALREADY_RUNNING = 3;

    /** A guard refused an upload (shrink, completeness); {@code --force} overrides it. */
    public static final int GUARD_REFUSED = 4;

    /** A stop signal (SIGTERM) ended the run early: 128 + 15, as a shell reports it. */
    public static final int INTERRUPTED = 143;

    private ExitCodes() {
    }

    /**
     * The exit code of a job that ran: success when it completed and every warehouse succeeded;
     * else a failure when any warehouse failed for another reason than its configuration; else a
     * configuration error when one was misconfigured; else a guard refusal.
     */
    public static int forRun(boolean jobCompleted, List<WarehouseResult> results) {
        if (jobCompleted && results.stream().allMatch(r -> r.status().succeeded())) {
            return SUCCESS;
        }
        boolean anyFailed = results.stream().anyMatch(r -> r.status() != Status.REFUSED && !r.status().succeeded()
                && !r.misconfigured());
        boolean anyMisconfigured = results.stream().anyMatch(WarehouseResult::misconfigured);
        boolean anyRefused = results.stream().anyMatch(r -> r.status() == Status.REFUSED);
        if (anyFailed || !(anyMisconfigured || anyRefused)) {
            return FAILED;
        }
        return anyMisconfigured ? CONFIGURATION_ERROR : GUARD_REFUSED;
    }

    /**
     * True when {@code sync.fail-on-error=false} turns {@code code} into {@link #SUCCESS}: only
     * failures of warehouses are forgiven, never a job that failed for another reason, a refusal or
     * a warehouse that did not finish.
     */
    public static boolean forgiven(int code, boolean failOnError, List<WarehouseResult> results) {
        return !failOnError && code == FAILED
                && results.stream().anyMatch(r -> r.status() == Status.FAILED)
                && results.stream().allMatch(r -> r.status() != Status.REFUSED && r.status() != Status.RUNNING);
    }

    /**
     * The exit code for an exception that stopped the application before or while running: a
     * configuration error for a setting that cannot work, a configuration file that cannot be read
     * (YAML syntax, tabs) or a configured file that does not exist.
     */
    public static int forStartupFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException || t instanceof BindException
                    || t instanceof ConfigDataNotFoundException || t instanceof YAMLException) {
                return CONFIGURATION_ERROR;
            }
        }
        return FAILED;
    }
}
