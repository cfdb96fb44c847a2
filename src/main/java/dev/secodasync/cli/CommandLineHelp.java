package dev.secodasync.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The text {@code --help} prints: command-line options and exit codes. Printed before Spring
 * starts, so it works even when the configuration is broken or no database is reachable.
 */
public final class CommandLineHelp {

    /** The help text, kept in step with the README's "Command line" and "Exit codes" tables. */
    public static final String TEXT = """
            secoda-sync: syncs warehouse column metadata into the Secoda data catalog.

            Usage: java -jar secoda-sync.jar [options] [--key=value ...]

            Options:
              --warehouse=NAME   sync only this warehouse (repeatable, or comma-separated)
              --dry-run          extract and write the CSV, call no Secoda API
              --check            connect to every selected warehouse and to Secoda, print what
                                 works and what does not; uploads nothing, runs no job
              --summary=PATH     also write the run summary JSON to PATH (the last line of the
                                 output is always that JSON on one line)
              --force            upload even when a guard refuses: shrink, empty, unchanged
              --restart          resume the newest unfinished run of the same warehouses
              --help             print this text and exit
              --key=value        any configuration key, e.g. --sync.state-dir=/tmp/s
                                 (see config/application.example.yml; environment variables work
                                 too: SECODA_API_TOKEN, SYNC_STATEDIR, SYNC_WAREHOUSES_0_JDBCURL)
              --logging.structured.format.console=ecs
                                 log JSON lines (Elastic Common Schema) instead of text

            Exit codes:
              0  every selected warehouse synced (or was not uploaded on purpose: --dry-run, no
                 token, unchanged); also when warehouses failed and sync.fail-on-error=false
              1  at least one warehouse failed, the job could not run, or --check found a problem
              2  configuration or command line is wrong; nothing was connected to
              3  another run of the same warehouse is in progress
              4  a guard refused an upload (--force overrides it)
            """;

    private CommandLineHelp() {
    }

    /** True when the command line asks for help ({@code --help} or {@code -h}). */
    public static boolean requested(String... args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h") || a.startsWith("--help="));
    }

    /** Prints the help text. */
    public static void print(PrintStream out) {
        out.print(TEXT);
        out.flush();
    }
}
