package dev.secodasync.report;

import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.catalog.DetailCounts;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a run did for one warehouse.
 *
 * @param name warehouse name
 * @param status where it ended
 * @param stats what the CSV holds, or null when extraction did not finish
 * @param csv the CSV file, or for the JSONL format the resources file, or null when none was written
 * @param integrationId the Secoda integration uploaded into, or null
 * @param note why nothing was uploaded (dry run, no token, unchanged), or null
 * @param error the failure or the guard's refusal, one line, secrets masked, or null
 * @param errorType the kind of failure (an exception's simple class name), or null
 * @param comparison how the CSV compares with the last upload, or null when no CSV was compared
 * @param leftOut rows left out because Secoda would reject their names, or null when no CSV was written
 * @param uploadDuration how long the upload took, or null when nothing was uploaded in this run
 * @param duration time from the warehouse's start to its end
 * @param lineage the JSONL format's lineage file, or null (a CSV, or none written)
 * @param details what the JSONL files carry beyond the columns, or null (a CSV, or none written)
 */
public record WarehouseResult(String name, Status status, CatalogStats stats, Path csv, String integrationId,
        String note, String error, String errorType, SchemaComparison comparison, RowsLeftOut leftOut,
        Duration uploadDuration, Duration duration, Path lineage, DetailCounts details) {

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

    /** {@link #errorType} of a warehouse whose configuration cannot work, as of a run stopped at start-up. */
    public static final String CONFIGURATION_ERROR = "ConfigurationError";

    /** True when the warehouse failed because of its configuration (exit code 2 when nothing else failed). */
    public boolean misconfigured() {
        return status == Status.FAILED && CONFIGURATION_ERROR.equals(errorType);
    }

    /** True when Secoda accepted the CSV in this run. */
    public boolean uploaded() {
        return status == Status.SYNCED;
    }
}
