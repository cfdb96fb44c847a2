package dev.secodasync.job;

import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.secoda.JsonlPartNames;
import dev.secodasync.secoda.SecodaClient;
import dev.secodasync.secoda.SecodaHttpException;
import dev.secodasync.state.LastUpload;
import dev.secodasync.state.UploadStateStore;
import dev.secodasync.support.Errors;
import dev.secodasync.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Ensure and upload for one warehouse: finds or creates its Secoda integration and uploads the
 * complete CSV. With {@code --dry-run}, or without a token, it calls nothing and says why.
 */
public class UploadTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(UploadTasklet.class);

    private final WarehouseProperties warehouse;

    private final WarehouseFiles files;

    private final IntegrationResolver integrations;

    private final SecodaClient client;

    private final JobRepository jobRepository;

    private final String skipReason;

    private final UploadStateStore uploads;

    private final UploadGuards guards;

    private final Duration progressInterval;

    private final JsonlPartNames jsonlParts;

    private final boolean force;

    /**
     * @param skipReason why no API may be called (dry run, no token), or null to upload
     */
    public UploadTasklet(WarehouseProperties warehouse, WarehouseFiles files, IntegrationResolver integrations,
            SecodaClient client, JobRepository jobRepository, String skipReason, UploadStateStore uploads,
            UploadGuards guards, Duration progressInterval, JsonlPartNames jsonlParts, boolean force) {
        this.warehouse = warehouse;
        this.files = files;
        this.integrations = integrations;
        this.client = client;
        this.jobRepository = jobRepository;
        this.skipReason = skipReason;
        this.uploads = uploads;
        this.guards = guards;
        this.progressInterval = progressInterval;
        this.jsonlParts = jsonlParts;
        this.force = force;
    }

    // The next run compares against what Secoda really has (guards, schema comparison). A hard
    // link costs nothing and stays valid: the next extract replaces the CSV's name, not its inode.
    private static void keepUploadedCopy(Path csv, Path uploaded) {
        Path part = uploaded.resolveSibling(uploaded.getFileName() + ".part");
        try {
            OwnerOnlyFiles.createDirectories(uploaded.getParent());
            Files.deleteIfExists(part);
            try {
                Files.createLink(part, csv);
            } catch (IOException | UnsupportedOperationException noLinks) {
                Files.copy(csv, part, StandardCopyOption.REPLACE_EXISTING);
            }
            OwnerOnlyFiles.publish(part, uploaded);
        } catch (IOException e) {
            throw new UncheckedIOException("the upload went through, but keeping a copy at " + uploaded + " failed", e);
        }
    }

    private void send(String integrationId, List<Path> current) {
        if (files.jsonl()) {
            client.importJsonlMetadata(integrationId, current.get(0), current.get(1), jsonlParts, progressInterval);
        } else {
            client.importMetadata(integrationId, current.get(0), progressInterval);
        }
    }

    // The two formats give Secoda different resource ids: the first upload after a switch may
    // re-create the integration's resources (and stale the old ones), losing what users added to them.
    private void refuseFormatSwitch(String name) {
        if (!force && files.switchedFormat(name)) {
            String now = files.jsonl() ? "jsonl" : "csv";
            throw new GuardRefusedException("warehouse '" + name + "': its last upload to Secoda was "
                    + (files.jsonl() ? "csv" : "jsonl") + " and format is now " + now + "; the two formats give"
                    + " resources different ids, so Secoda may re-create them (documentation added in Secoda to the"
                    + " old ones stays with them); run once with --force to switch");
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        String name = warehouse.name();
        List<Path> current = files.current(name);
        Path csv = current.get(0);
        for (Path file : current) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("warehouse '" + name + "': no file at " + file + " to upload");
            }
        }
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext outcome = step.getExecutionContext();
        // After a --restart the extract step may have completed in an earlier execution: its context says.
        CatalogStats stats = WarehouseSteps.stats(WarehouseSteps.find(jobRepository, step.getJobExecution(),
                WarehouseSteps.extract(name)));
        if (stats == null) {
            throw new IllegalStateException("warehouse '" + name + "': the extract step left no counts for " + csv
                    + " (a run of an older version?); run without --restart to extract it again");
        }
        if (skipReason != null) {
            // No API call, but the guards' verdict as the real run would give it (exit 4 for an
            // empty catalog), against the last upload this state directory knows of.
            String host = client.baseUrl().toString();
            refuseFormatSwitch(name);
            guards.check(name, stats, integrations.findLocally(warehouse).flatMap(found -> uploads.find(host, found.id())));
            WarehouseSteps.uploaded(outcome, WarehouseSteps.Outcome.NOT_UPLOADED, null, skipReason);
            log.info("Warehouse '{}': not uploaded: {}; the {} at {}", name, skipReason,
                    files.jsonl() ? "files are" : "CSV is", files.jsonl() ? current : csv.toAbsolutePath());
            return RepeatStatus.FINISHED;
        }
        // The guards run before any write to Secoda: a refused catalog creates no integration.
        Optional<IntegrationResolver.Resolved> existing = integrations.find(warehouse);
        String host = client.baseUrl().toString();
        Optional<LastUpload> last = existing.flatMap(found -> uploads.find(host, found.id()));
        refuseFormatSwitch(name);
        UploadGuards.Decision decision = guards.check(name, stats, last);
        IntegrationResolver.Resolved integration = existing.orElseGet(() -> integrations.create(warehouse));
        if (decision == UploadGuards.Decision.UNCHANGED) {
            String why = "identical to the upload of " + last.get().uploadedAt();
            WarehouseSteps.uploaded(outcome, WarehouseSteps.Outcome.UNCHANGED, integration.id(), why);
            log.info("Warehouse '{}': not uploaded, the CSV is {} (integration {}); --force sends it anyway", name, why,
                    integration.id());
            return RepeatStatus.FINISHED;
        }
        long uploadStarted = System.nanoTime();
        try {
            send(integration.id(), current);
        } catch (SecodaHttpException e) {
            // A remembered id whose integration was deleted in Secoda: look the name up again, once.
            if (e.status() != 404 || integration.source() != IntegrationResolver.Source.STATE_STORE) {
                throw e;
            }
            log.warn("Warehouse '{}': Secoda no longer knows integration {}; looking '{}' up again", name,
                    integration.id(), warehouse.integrationName());
            integrations.forget(warehouse);
            integration = integrations.resolve(warehouse);
            send(integration.id(), current);
        }
        long uploadMillis = (System.nanoTime() - uploadStarted) / 1_000_000;
        WarehouseSteps.uploaded(outcome, WarehouseSteps.Outcome.UPLOADED, integration.id(), null);
        outcome.putLong(WarehouseSteps.UPLOAD_MS, uploadMillis);
        log.info("Warehouse '{}': uploaded {} to Secoda integration {} in {} ms", name,
                files.jsonl() ? current : csv, integration.id(),
                uploadMillis);
        // Secoda has the file: failing to remember that must not turn the sync into a failure
        // (a restart would upload it again). The guards then compare with the older upload.
        try {
            uploads.record(host, integration.id(), name, stats);
            List<Path> uploaded = files.uploaded(name);
            for (int i = 0; i < current.size(); i++) {
                keepUploadedCopy(current.get(i), uploaded.get(i));
            }
            // Secoda now holds this format: the next run compares with it, and a switch back needs --force.
            for (Path other : files.uploadedInOtherFormat(name)) {
                Files.deleteIfExists(other);
            }
        } catch (RuntimeException | IOException e) {
            log.warn("Warehouse '{}': the upload went through, but recording it failed ({}); the next run's guards"
                    + " and schema comparison use the previous upload", name, Errors.oneLine(e));
        }
        return RepeatStatus.FINISHED;
    }
}
