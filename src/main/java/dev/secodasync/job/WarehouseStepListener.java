package dev.secodasync.job;

import dev.secodasync.support.Errors;
import dev.secodasync.support.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Records a warehouse step's failure as one masked line in the step's context (stack trace at
 * debug level only), and a guard's refusal as the step's own exit status, {@link WarehouseSteps#REFUSED}.
 */
class WarehouseStepListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(WarehouseStepListener.class);

    private final String warehouse;

    private final SecretMasker masker;

    WarehouseStepListener(String warehouse, SecretMasker masker) {
        this.warehouse = warehouse;
        this.masker = masker;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.FAILED) {
            return stepExecution.getExitStatus();
        }
        Throwable error = stepExecution.getFailureExceptions().isEmpty()
                ? null : stepExecution.getFailureExceptions().get(0);
        String message = error == null ? "step " + stepExecution.getStepName() + " failed" : masker.mask(Errors.oneLine(error));
        stepExecution.getExecutionContext().putString(WarehouseSteps.ERROR, message);
        if (error instanceof GuardRefusedException) {
            log.error("Warehouse '{}' not uploaded, a guard refused: {}", warehouse, message);
            return WarehouseSteps.REFUSED.addExitDescription(message);
        }
        String type = error instanceof SecretMaskingTasklet.WarehouseStepException masked ? masked.errorType()
                : error == null ? null : error.getClass().getSimpleName();
        if (type != null) {
            stepExecution.getExecutionContext().putString(WarehouseSteps.ERROR_TYPE, type);
        }
        log.error("Warehouse '{}' failed, nothing uploaded for it: {}", warehouse, message);
        return stepExecution.getExitStatus();
    }
}
