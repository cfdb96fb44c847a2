package dev.secodasync.job;

import dev.secodasync.config.RunOptions;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.support.Errors;
import dev.secodasync.report.RunSummary;
import dev.secodasync.report.RunSummaryWriter;
import dev.secodasync.report.WarehouseResult;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run: applies {@code sync.fail-on-error} to the exit code, then writes the run
 * summary ({@code --summary=PATH}) and prints it as the last line of standard output.
 */
public class RunFinisher {

    private static final Logger log = LoggerFactory.getLogger(RunFinisher.class);

    private final RunOptions options;

    private final SyncProperties sync;

    private final RunSummaryWriter writer;

    private final PrintStream out;

    private final Clock clock;

    private final Instant started;

    RunFinisher(RunOptions options, SyncProperties sync, RunSummaryWriter writer, PrintStream out,
            Clock clock) {
        this.options = options;
        this.sync = sync;
        this.writer = writer;
        this.out = out;
        this.clock = clock;
        this.started = clock.instant();
    }

    /**
     * Finishes the run and answers the process exit code.
     *
     * @param exitCode the code the job's outcome calls for ({@link ExitCodes#forRun})
     * @param results every warehouse's outcome
     * @param beforeSummary told the exit code just before the summary is printed (the metrics push),
     *     so that its log lines come before the summary line
     */
    public int finish(int exitCode, List<WarehouseResult> results, IntConsumer beforeSummary) {
        int code = exitCode;
        if (ExitCodes.forgiven(exitCode, sync.failOnError(), results)) {
            log.warn("sync.fail-on-error=false: {} warehouse(s) failed; exiting {} anyway", results.stream()
                    .filter(r -> r.status() == WarehouseResult.Status.FAILED).count(), ExitCodes.SUCCESS);
            code = ExitCodes.SUCCESS;
        }
        RunSummary summary = RunSummary.of(results, code, sync.failOnError(), started, clock.instant());
        if (code == ExitCodes.INTERRUPTED) {
            summary = summary.interrupted();
        }
        beforeSummary.accept(code);
        try {
            writer.write(summary, options.summary(), out);
        } catch (UncheckedIOException e) {
            log.error("{}", Errors.oneLine(e));
            code = code == ExitCodes.SUCCESS ? ExitCodes.FAILED : code;
            out.println(RunSummaryWriter.oneLine(summary.notWritten(Errors.oneLine(e), code)));
        }
        return code;
    }

    /**
     * Ends a run that did not start its job (another run holds a warehouse): the summary carries
     * the reason and no warehouse. Answers {@code exitCode}, which {@code sync.fail-on-error} never changes.
     */
    public int notRun(int exitCode, String errorType, String why, IntConsumer beforeSummary) {
        beforeSummary.accept(exitCode);
        try {
            writer.write(RunSummary.notRun(errorType, why, exitCode, started, clock.instant()), options.summary(), out);
        } catch (UncheckedIOException e) {
            log.error("{}", Errors.oneLine(e));
        }
        return exitCode;
    }
}
