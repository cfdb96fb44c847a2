package dev.secodasync.job;

import dev.secodasync.support.Errors;
import dev.secodasync.support.SecretMasker;
import java.time.Duration;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Records a warehouse's failure as one masked line (stack trace at debug level only) and its
 * duration, for both steps of the warehouse.
 */
class WarehouseStepListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(WarehouseStepListener.class);

    private final String warehouse;

    private final RunReport report;

    private final SecretMasker masker;

    private volatile LocalDateTime started;

    WarehouseStepListener(String warehouse, RunReport report, SecretMasker masker) {
        this.warehouse = warehouse;
        this.report = report;
        this.masker = masker;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (started == null) {
            started = stepExecution.getStartTime() != null ? stepExecution.getStartTime() : LocalDateTime.now();
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        report.took(warehouse, Duration.between(started, LocalDateTime.now()));
        if (stepExecution.getStatus() == BatchStatus.FAILED) {
            Throwable error = stepExecution.getFailureExceptions().isEmpty()
                    ? null : stepExecution.getFailureExceptions().get(0);
            String message = error == null ? "step " + stepExecution.getStepName() + " failed" : masker.mask(Errors.oneLine(error));
            if (error instanceof GuardRefusedException) {
                report.refused(warehouse, message);
                log.error("Warehouse '{}' not uploaded, a guard refused: {}", warehouse, message);
                return stepExecution.getExitStatus();
            }
            report.failed(warehouse, message, error instanceof SecretMaskingTasklet.WarehouseStepException masked
                    ? masked.errorType() : error == null ? null : error.getClass().getSimpleName());
            log.error("Warehouse '{}' failed, nothing uploaded for it: {}", warehouse, message);
        }
        return stepExecution.getExitStatus();
    }
}
