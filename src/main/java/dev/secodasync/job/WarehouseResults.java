package dev.secodasync.job;

import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.catalog.DetailCounts;
import dev.secodasync.report.RowsLeftOut;
import dev.secodasync.report.SchemaComparison;
import dev.secodasync.report.WarehouseResult;
import dev.secodasync.report.WarehouseResult.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Reads each warehouse's outcome from the steps of a job execution, as the job repository holds them. */
final class WarehouseResults {

    private WarehouseResults() {
    }

    /** One result per warehouse, in the order given. */
    static List<WarehouseResult> of(JobRepository repository, JobExecution execution, List<String> warehouses) {
        return warehouses.stream().map(name -> of(repository, execution, name)).toList();
    }

    private static WarehouseResult of(JobRepository repository, JobExecution execution, String name) {
        StepExecution extract = WarehouseSteps.find(repository, execution, WarehouseSteps.extract(name));
        StepExecution upload = WarehouseSteps.find(repository, execution, WarehouseSteps.upload(name));
        boolean uploadHere = upload != null && Objects.equals(upload.getJobExecutionId(), execution.getId());
        boolean extractHere = extract != null && Objects.equals(extract.getJobExecutionId(), execution.getId());
        CatalogStats stats = WarehouseSteps.stats(extract);
        ExecutionContext extracted = extract == null ? new ExecutionContext() : extract.getExecutionContext();
        Path csv = extracted.containsKey(WarehouseSteps.CSV) ? Path.of(extracted.getString(WarehouseSteps.CSV)) : null;
        SchemaComparison comparison = extractHere ? (SchemaComparison) extracted.get(WarehouseSteps.COMPARISON) : null;
        RowsLeftOut leftOut = (RowsLeftOut) extracted.get(WarehouseSteps.LEFT_OUT);
        Path lineage = extracted.containsKey(WarehouseSteps.LINEAGE)
                ? Path.of(extracted.getString(WarehouseSteps.LINEAGE)) : null;
        DetailCounts details = (DetailCounts) extracted.get(WarehouseSteps.DETAILS);
        Duration took = duration(Stream.of(extractHere ? extract : null, uploadHere ? upload : null)
                .filter(Objects::nonNull).toList());
        ExecutionContext uploadContext = uploadHere ? upload.getExecutionContext() : new ExecutionContext();
        Duration uploadDuration = uploadContext.containsKey(WarehouseSteps.UPLOAD_MS)
                ? Duration.ofMillis(uploadContext.getLong(WarehouseSteps.UPLOAD_MS)) : null;
        Builder result = new Builder(name, stats, csv, comparison, leftOut, uploadDuration, took, lineage, details);
        if (extractHere && extract.getStatus() == BatchStatus.FAILED) {
            return result.failed(extract);
        }
        if (!uploadHere) {
            if (upload != null && upload.getStatus() == BatchStatus.COMPLETED) {
                return result.end(Status.NOT_UPLOADED, null, "completed by the earlier run (execution "
                        + upload.getJobExecutionId() + "), not redone");
            }
            return result.end(Status.RUNNING, null, null);
        }
        if (upload.getExitStatus().getExitCode().equals(WarehouseSteps.REFUSED.getExitCode())) {
            return result.refused(upload);
        }
        if (upload.getStatus() == BatchStatus.FAILED) {
            return result.failed(upload);
        }
        ExecutionContext uploaded = upload.getExecutionContext();
        if (upload.getStatus() != BatchStatus.COMPLETED || !uploaded.containsKey(WarehouseSteps.OUTCOME)) {
            return result.end(Status.RUNNING, null, null);
        }
        String integrationId = uploaded.containsKey(WarehouseSteps.INTEGRATION_ID)
                ? uploaded.getString(WarehouseSteps.INTEGRATION_ID) : null;
        String note = uploaded.containsKey(WarehouseSteps.NOTE) ? uploaded.getString(WarehouseSteps.NOTE) : null;
        return switch (WarehouseSteps.Outcome.valueOf(uploaded.getString(WarehouseSteps.OUTCOME))) {
            case UPLOADED -> result.end(Status.SYNCED, integrationId, null);
            case NOT_UPLOADED -> result.end(Status.NOT_UPLOADED, integrationId, note);
            case UNCHANGED -> result.end(Status.UNCHANGED, integrationId, note);
        };
    }

    // From the first step's start to the last step's end in this execution.
    private static Duration duration(List<StepExecution> steps) {
        LocalDateTime start = steps.stream().map(StepExecution::getStartTime).filter(Objects::nonNull)
                .min(LocalDateTime::compareTo).orElse(null);
        if (start == null) {
            return Duration.ZERO;
        }
        LocalDateTime end = steps.stream().map(s -> s.getEndTime() != null ? s.getEndTime() : LocalDateTime.now())
                .max(LocalDateTime::compareTo).orElse(start);
        return Duration.between(start, end);
    }

    private record Builder(String name, CatalogStats stats, Path csv, SchemaComparison comparison,
            RowsLeftOut leftOut, Duration uploadDuration, Duration took, Path lineage, DetailCounts details) {

        WarehouseResult end(Status status, String integrationId, String note) {
            return new WarehouseResult(name, status, stats, csv, integrationId, note, null, null, comparison, leftOut,
                    uploadDuration, took, lineage, details);
        }

        WarehouseResult refused(StepExecution step) {
            return new WarehouseResult(name, Status.REFUSED, stats, csv, null, null, error(step), null, comparison,
                    leftOut, null, took, lineage, details);
        }

        WarehouseResult failed(StepExecution step) {
            ExecutionContext context = step.getExecutionContext();
            String type = context.containsKey(WarehouseSteps.ERROR_TYPE) ? context.getString(WarehouseSteps.ERROR_TYPE)
                    : null;
            return new WarehouseResult(name, Status.FAILED, stats, csv, null, null, error(step), type, comparison,
                    leftOut, null, took, lineage, details);
        }

        private static String error(StepExecution step) {
            ExecutionContext context = step.getExecutionContext();
            return context.containsKey(WarehouseSteps.ERROR) ? context.getString(WarehouseSteps.ERROR)
                    : "step " + step.getStepName() + " failed";
        }
    }
}
