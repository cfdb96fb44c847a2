package dev.secodasync.job;

import dev.secodasync.config.RunOptions;
import dev.secodasync.report.RunReport;
import dev.secodasync.report.WarehouseResult;
import java.time.LocalDateTime;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Starts the job once at start-up, prints the per-warehouse summary and sets the exit code that
 * {@code SpringApplication.exit} hands to the process.
 */
public class SyncRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final JobOperator jobOperator;

    private final Job job;

    private final RunReport report;

    private int exitCode = ExitCodes.FAILED;

    private final RunFinisher finisher; // issue 6 (ops)

    SyncRunner(JobOperator jobOperator, Job job, RunReport report, RunFinisher finisher) {
        this.jobOperator = jobOperator;
        this.job = job;
        this.report = report;
        this.finisher = finisher; // issue 6 (ops)
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        // issue 6 (ops): --check is ConnectionCheckRunner's; no job runs.
        if (RunOptions.from(args).check()) {
            exitCode = ExitCodes.SUCCESS;
            return;
        }
        // Only names and a timestamp: nothing secret may reach the job repository.
        JobParameters parameters = new JobParametersBuilder()
                .addString("warehouses", report.results().stream().map(WarehouseResult::name)
                        .collect(Collectors.joining(",")))
                .addLocalDateTime("run.at", LocalDateTime.now())
                .toJobParameters();
        JobExecution execution = jobOperator.start(job, parameters);
        logSummary();
        boolean ok = execution.getStatus() == BatchStatus.COMPLETED && report.allSucceeded();
        exitCode = ok ? ExitCodes.SUCCESS : ExitCodes.FAILED;
        if (!ok) {
            log.error("secoda-sync finished with failures (job execution {}, status {})", execution.getId(),
                    execution.getStatus());
        }
        // issue 6 (ops): sync.fail-on-error, then the run summary as the last line.
        exitCode = finisher.finish(exitCode);
    }

    private void logSummary() {
        log.info("Summary:");
        for (WarehouseResult r : report.results()) {
            String counts = r.stats() == null ? "no CSV"
                    : r.stats().tables() + " tables (" + r.stats().views() + " views), " + r.stats().columns() + " columns";
            String outcome = switch (r.status()) {
                case SYNCED -> "uploaded to integration " + r.integrationId();
                case NOT_UPLOADED -> "not uploaded: " + r.note();
                case UNCHANGED -> "unchanged since the last upload to integration " + r.integrationId() + ", not uploaded again";
                case REFUSED -> "REFUSED: " + r.error();
                case FAILED -> "FAILED: " + r.error();
                case RUNNING -> "did not finish";
            };
            log.info("  {}: {}; {}; csv {}; {} ms", r.name(), counts, outcome,
                    r.csv() == null ? "-" : r.csv().toAbsolutePath(), r.duration().toMillis());
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
