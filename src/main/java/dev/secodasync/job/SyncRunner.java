package dev.secodasync.job;

import dev.secodasync.config.RunOptions;
import dev.secodasync.report.WarehouseResult;
import dev.secodasync.state.WarehouseLocks;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
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

    private static final String WAREHOUSES = "warehouses";

    // How far back --restart looks for the failed run of the same warehouses.
    private static final int RESTART_LOOKBACK = 100;

    private final List<String> warehouses;

    private final JobRepository jobRepository;

    private final WarehouseLocks locks;

    private final RunOptions options;

    private int exitCode = ExitCodes.FAILED;

    private final RunFinisher finisher;

    private final Duration restartMaxAge;

    private final RunInterruption interruption;

    private final RunMetrics metrics;

    SyncRunner(JobOperator jobOperator, Job job, List<String> warehouses, JobRepository jobRepository,
            WarehouseLocks locks, RunOptions options, RunFinisher finisher, Duration restartMaxAge,
            RunInterruption interruption, RunMetrics metrics) {
        this.jobOperator = jobOperator;
        this.job = job;
        this.warehouses = List.copyOf(warehouses);
        this.jobRepository = jobRepository;
        this.locks = locks;
        this.options = options;
        this.finisher = finisher;
        this.restartMaxAge = restartMaxAge;
        this.interruption = interruption;
        this.metrics = metrics;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        // --check is ConnectionCheckRunner's; no job runs.
        if (options.check()) {
            exitCode = ExitCodes.SUCCESS;
            return;
        }
        List<String> names = warehouses;
        WarehouseLocks.Acquired acquired = locks.acquireAll(names);
        List<String> busy = acquired.busy();
        if (!busy.isEmpty()) {
            log.error("Another run of warehouse(s) {} is in progress (another cron firing or pod); this run did"
                    + " nothing. Run other warehouses with --warehouse=NAME.", busy);
            // The run summary says so too.
            exitCode = finisher.notRun(ExitCodes.ALREADY_RUNNING, "AlreadyRunning", "another run of warehouse(s) "
                    + busy + " is in progress; this run did nothing", code -> metrics.push(names, List.of(), code));
            return;
        }
        interruption.install();
        try (WarehouseLocks.Lease lease = acquired.lease()) {
            JobExecution execution = launch(String.join(",", names));
            finish(execution);
        } finally {
            interruption.finished();
        }
    }

    private JobExecution launch(String warehouses) throws Exception {
        if (options.restart()) {
            Optional<JobExecution> failed = lastUnfinished(warehouses);
            if (failed.isPresent() && tooOld(failed.get())) {
                JobExecution old = failed.get();
                log.warn("--restart: the unfinished run of {} (job execution {}) started {}, more than"
                        + " sync.restart-max-age={} ago; its extraction may be stale, so it is set aside and the"
                        + " warehouses are extracted again", warehouses, old.getId(), old.getStartTime(), restartMaxAge);
                if (old.getStatus().isRunning()) {
                    old = jobOperator.recover(old);
                }
                jobOperator.abandon(old);
            } else if (failed.isPresent()) {
                JobExecution previous = failed.get();
                if (previous.getStatus().isRunning()) {
                    // We hold every lock of its warehouses, so whoever ran it is gone (killed).
                    previous = jobOperator.recover(previous);
                }
                log.info("Restarting job execution {} of {} (status {}): completed steps are not redone",
                        previous.getId(), warehouses, previous.getStatus());
                try {
                    // Warehouses whose upload completed in the earlier execution are not redone;
                    // WarehouseResults finds their steps there.
                    return jobOperator.restart(previous);
                } catch (Exception notRestartable) {
                    // E.g. a step left UNKNOWN: Spring Batch refuses to restart it. Set it aside for
                    // good, so that a scheduler passing --restart every time is never stuck on it.
                    log.warn("Job execution {} cannot be restarted ({}); abandoning it and starting a new run",
                            previous.getId(), notRestartable.getMessage());
                    jobOperator.abandon(previous);
                }
            }
            log.info("--restart: no unfinished run of {} to resume; starting a new one", warehouses);
        }
        // Only names and a timestamp: nothing secret may reach the job repository.
        JobParameters parameters = new JobParametersBuilder()
                .addString(WAREHOUSES, warehouses)
                .addLocalDateTime("run.at", LocalDateTime.now())
                .toJobParameters();
        return jobOperator.start(job, parameters);
    }

    private boolean tooOld(JobExecution execution) {
        LocalDateTime started = execution.getStartTime() != null ? execution.getStartTime() : execution.getCreateTime();
        return started == null || Duration.between(started, LocalDateTime.now()).compareTo(restartMaxAge) > 0;
    }

    // The newest run of exactly these warehouses, if it did not complete.
    private Optional<JobExecution> lastUnfinished(String warehouses) {
        for (JobInstance instance : jobRepository.getJobInstances(job.getName(), 0, RESTART_LOOKBACK)) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last != null && warehouses.equals(last.getJobParameters().getString(WAREHOUSES))) {
                return last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED
                        ? Optional.empty() : Optional.of(last);
            }
        }
        return Optional.empty();
    }

    private void finish(JobExecution execution) {
        List<WarehouseResult> results = WarehouseResults.of(jobRepository, execution, warehouses);
        logSummary(results);
        exitCode = interruption.requested() ? ExitCodes.INTERRUPTED
                : ExitCodes.forRun(execution.getStatus() == BatchStatus.COMPLETED, results);
        if (exitCode != ExitCodes.SUCCESS) {
            log.error("secoda-sync finished with failures (job execution {}, status {})", execution.getId(),
                    execution.getStatus());
        }
        // sync.fail-on-error, then the run summary as the last line.
        // The metrics push (when enabled) just before the summary line: before the process exits, and a
        // failed push is one log line that leaves the exit code alone.
        exitCode = finisher.finish(exitCode, results, code -> metrics.push(warehouses, results, code));
    }

    private static void logSummary(List<WarehouseResult> results) {
        log.info("Summary:");
        for (WarehouseResult r : results) {
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
            log.info("  {}: {}; {}; {} {}; {} ms", r.name(), counts, outcome, r.details() == null ? "csv" : "jsonl",
                    r.csv() == null ? "-" : r.csv().toAbsolutePath() + (r.lineage() == null ? "" : ", " + r.lineage()),
                    r.duration().toMillis());
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
