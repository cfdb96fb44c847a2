package dev.secodasync.job;

import dev.secodasync.config.InvalidConfigurationException;
import dev.secodasync.report.WarehouseResult;
import dev.secodasync.support.Errors;
import dev.secodasync.support.SecretMasker;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Replaces a step's failure by one masked line before Spring Batch sees it: Spring Batch writes
 * the failure, stack trace and all, into the job repository ({@code EXIT_MESSAGE}), and a driver
 * or server message may echo a URL with a password in it. The masked stack trace goes to the
 * debug log only.
 */
record SecretMaskingTasklet(Tasklet delegate, SecretMasker masker) implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SecretMaskingTasklet.class);

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        try {
            return delegate.execute(contribution, chunkContext);
        } catch (GuardRefusedException e) {
            throw new GuardRefusedException(masker.mask(e.getMessage()));
        } catch (Exception | Error e) {
            if (log.isDebugEnabled()) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                log.debug("Step {} failed:\n{}", chunkContext.getStepContext().getStepName(), masker.mask(trace.toString()));
            }
            throw new WarehouseStepException(masker.mask(Errors.oneLine(e)), errorType(e));
        }
    }

    // A configuration problem found while running (two integrations share the name) is reported
    // as the configuration errors found at start-up are.
    private static String errorType(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException) {
                return WarehouseResult.CONFIGURATION_ERROR;
            }
        }
        return error.getClass().getSimpleName();
    }

    /** A step failure reduced to one masked line. */
    static class WarehouseStepException extends RuntimeException {

        // The run summary's error_type names the original failure.
        private final String errorType;

        WarehouseStepException(String message, String errorType) {
            super(message, null, false, false);
            this.errorType = errorType;
        }

        /** Simple class name of the failure this one replaces. */
        String errorType() {
            return errorType;
        }
    }
}
