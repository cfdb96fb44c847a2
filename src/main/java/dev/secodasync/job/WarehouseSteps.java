package dev.secodasync.job;

import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.report.RowsLeftOut;
import dev.secodasync.report.SchemaComparison;
import java.nio.file.Path;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The two steps of a warehouse and what each leaves in its {@link ExecutionContext}: the job
 * repository, not memory, holds a run's state, so the summary, the exit code and a
 * {@code --restart} read it from there. Nothing secret is ever put in a context.
 */
final class WarehouseSteps {

    /** Exit status of an upload step a guard refused; mapped to exit code 4 by {@link ExitCodes}. */
    static final ExitStatus REFUSED = new ExitStatus("REFUSED");

    static final String STATS = "stats";
    static final String DETAILS = "details";
    static final String LINEAGE = "lineage";
    static final String CSV = "csv";
    static final String COMPARISON = "comparison";
    static final String LEFT_OUT = "left_out";
    static final String OUTCOME = "outcome";
    static final String INTEGRATION_ID = "integration_id";
    static final String UPLOAD_MS = "upload_ms";
    static final String NOTE = "note";
    static final String ERROR = "error";
    static final String ERROR_TYPE = "error_type";

    /** How an upload step that completed ended. */
    enum Outcome {
        /** Secoda accepted the CSV. */
        UPLOADED,
        /** Not sent on purpose (dry run, no token). */
        NOT_UPLOADED,
        /** Identical to the last accepted upload. */
        UNCHANGED
    }

    private WarehouseSteps() {
    }

    static String extract(String warehouse) {
        return "extract:" + warehouse;
    }

    static String upload(String warehouse) {
        return "upload:" + warehouse;
    }

    /** Records what the extract step wrote. */
    static void extracted(ExecutionContext context, CatalogStats stats, Path csv, SchemaComparison comparison,
            RowsLeftOut leftOut) {
        context.put(STATS, stats);
        context.put(LEFT_OUT, leftOut);
        context.putString(CSV, csv.toAbsolutePath().toString());
        context.put(COMPARISON, comparison);
    }

    /** Records how the upload step ended. */
    static void uploaded(ExecutionContext context, Outcome outcome, String integrationId, String note) {
        context.putString(OUTCOME, outcome.name());
        if (integrationId != null) {
            context.putString(INTEGRATION_ID, integrationId);
        }
        if (note != null) {
            context.putString(NOTE, note);
        }
    }

    /**
     * The warehouse's step of that name in this execution, else its last one in the job instance
     * (a {@code --restart} does not run again a step that completed before), or null.
     */
    static StepExecution find(JobRepository repository, JobExecution execution, String stepName) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().equals(stepName)) {
                return step;
            }
        }
        return repository.getLastStepExecution(execution.getJobInstance(), stepName);
    }

    /** The stats an extract step recorded, or null. */
    static CatalogStats stats(StepExecution extract) {
        return extract == null ? null : (CatalogStats) extract.getExecutionContext().get(STATS);
    }
}
