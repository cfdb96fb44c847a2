package dev.secodasync.report;

import dev.secodasync.catalog.CatalogStats;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a run did for one warehouse.
 *
 * @param name warehouse name
 * @param status where it ended
 * @param stats what the CSV holds, or null when extraction did not finish
 * @param csv the CSV file, or null when none was written
 * @param integrationId the Secoda integration uploaded into, or null
 * @param uploaded true when Secoda accepted the CSV
 * @param note why nothing was uploaded (dry run, no token, unchanged), or null
 * @param error the failure or the guard's refusal, one line, secrets masked, or null
 * @param duration time from the warehouse's start to its end
 */
public record WarehouseResult(String name, Status status, CatalogStats stats, Path csv, String integrationId,
        boolean uploaded, String note, String error, Duration duration) {

    /** Where a warehouse's sync ended. */
    public enum Status {
        /** Still running (or never reached the end). */
        RUNNING,
        /** CSV written and uploaded. */
        SYNCED,
        /** CSV written, upload not attempted on purpose (dry run, no token). */
        NOT_UPLOADED,
        /** CSV byte-identical to the last successful upload: upload skipped, Secoda already has it. */
        UNCHANGED,
        /** A guard refused the upload (shrink, completeness); {@code --force} overrides it. */
        REFUSED,
        /** Failed: nothing was uploaded for it. */
        FAILED;

        /** True when the warehouse ended as it should: synced, or deliberately not uploaded. */
        public boolean succeeded() {
            return this == SYNCED || this == NOT_UPLOADED || this == UNCHANGED;
        }
    }

    public static WarehouseResult started(String name) {
        return new WarehouseResult(name, Status.RUNNING, null, null, null, false, null, null, Duration.ZERO);
    }

    public WarehouseResult extracted(CatalogStats stats, Path csv) {
        return new WarehouseResult(name, status, stats, csv, integrationId, uploaded, note, error, duration);
    }

    public WarehouseResult uploaded(String integrationId) {
        return new WarehouseResult(name, Status.SYNCED, stats, csv, integrationId, true, null, null, duration);
    }

    public WarehouseResult notUploaded(String why) {
        return new WarehouseResult(name, Status.NOT_UPLOADED, stats, csv, integrationId, false, why, null, duration);
    }

    public WarehouseResult unchanged(String integrationId, String why) {
        return new WarehouseResult(name, Status.UNCHANGED, stats, csv, integrationId, false, why, null, duration);
    }

    public WarehouseResult refused(String why) {
        return new WarehouseResult(name, Status.REFUSED, stats, csv, integrationId, false, null, why, duration);
    }

    public WarehouseResult failed(String error) {
        return new WarehouseResult(name, Status.FAILED, stats, csv, integrationId, false, note, error, duration);
    }

    public WarehouseResult took(Duration duration) {
        return new WarehouseResult(name, status, stats, csv, integrationId, uploaded, note, error, duration);
    }
}
