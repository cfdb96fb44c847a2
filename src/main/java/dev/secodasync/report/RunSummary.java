package dev.secodasync.report;

import dev.secodasync.catalog.DetailCounts;
import dev.secodasync.catalog.SchemaChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The machine-readable outcome of one run, in the spirit of Datafold's {@code summary_results}:
 * an overall {@code status}, an {@code error} with {@code error_type} and {@code error_value} when
 * it did not succeed, and one entry per warehouse. Serialized with snake_case names; the format is
 * documented in the README ("Run summary") and {@code config/summary.schema.json}.
 *
 * @param summaryVersion version of this format; bumped only when a field changes meaning or goes away
 * @param status {@code success} (every warehouse synced or was not uploaded on purpose),
 *     {@code partial} (some did, some failed or were refused), {@code failed} (none did, or the
 *     job could not run) or {@code interrupted} (a stop signal ended the run early)
 * @param exitCode the process exit code of this run
 * @param failOnError the {@code sync.fail-on-error} setting, which explains an exit code 0 beside a failure
 * @param error what went wrong, or null on success
 * @param startedAt when the run started (ISO-8601, UTC)
 * @param finishedAt when it ended (ISO-8601, UTC)
 * @param durationMs run time in milliseconds
 * @param warehouses one entry per selected warehouse, in configuration order
 */
public record RunSummary(int summaryVersion, String status, int exitCode, boolean failOnError, Failure error,
        String startedAt, String finishedAt, long durationMs, List<Warehouse> warehouses) {

    /** Current {@link #summaryVersion}. */
    public static final int VERSION = 1;

    /** Overall status values. */
    public static final String SUCCESS = "success";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    public RunSummary {
        warehouses = List.copyOf(warehouses);
    }

    /** A summary of a run whose warehouses all reached their end. */
    public static RunSummary of(List<WarehouseResult> results, int exitCode, boolean failOnError, Instant started,
            Instant finished) {
        List<Warehouse> warehouses = results.stream().map(Warehouse::of).toList();
        List<WarehouseResult> bad = results.stream().filter(r -> !r.status().succeeded()).toList();
        String status = bad.isEmpty() ? SUCCESS : bad.size() < warehouses.size() ? PARTIAL : FAILED;
        Failure error = bad.isEmpty() ? null : new Failure(
                bad.stream().anyMatch(r -> r.status() != WarehouseResult.Status.REFUSED) ? "WarehouseFailed" : "UploadRefused",
                bad.size() + " of " + warehouses.size() + " warehouses did not sync: " + String.join("; ",
                        bad.stream().map(r -> r.name() + " " + r.status() + (r.error() == null ? "" : ": " + r.error()))
                                .toList()));
        return new RunSummary(VERSION, status, exitCode, failOnError, error, started.toString(), finished.toString(),
                Duration.between(started, finished).toMillis(), warehouses);
    }

    /** This summary for a run a stop signal ended early: status {@code interrupted}, whatever the warehouses did. */
    public RunSummary interrupted() {
        String what = "stopped by a signal (SIGTERM) before the run ended"
                + (error == null ? "" : "; " + error.errorValue());
        return new RunSummary(summaryVersion, INTERRUPTED, exitCode, failOnError, new Failure("Interrupted", what),
                startedAt, finishedAt, durationMs, warehouses);
    }

    /**
     * This summary for a run whose summary file could not be written: the run failed its caller
     * (status {@code failed}, never {@code success} beside a non-zero exit code), saying why.
     */
    public RunSummary notWritten(String why, int failedExitCode) {
        String what = why + (error == null ? "" : "; " + error.errorValue());
        return new RunSummary(summaryVersion, SUCCESS.equals(status) ? FAILED : status, failedExitCode, failOnError,
                new Failure("SummaryNotWritten", what), startedAt, finishedAt, durationMs, warehouses);
    }

    /** A summary of a run that stopped before or while starting its job (configuration error, unreachable repository). */
    public static RunSummary notRun(String errorType, String errorValue, int exitCode, Instant started, Instant finished) {
        return new RunSummary(VERSION, FAILED, exitCode, true, new Failure(errorType, errorValue), started.toString(),
                finished.toString(), Duration.between(started, finished).toMillis(), List.of());
    }

    /**
     * What went wrong, as Datafold reports it.
     *
     * @param errorType a short name for the kind of error (an exception's class name, {@code WarehouseFailed},
     *     {@code UploadRefused}, {@code ConfigurationError})
     * @param errorValue the one-line message, secrets masked
     */
    public record Failure(String errorType, String errorValue) {
    }

    /**
     * One warehouse's outcome.
     *
     * @param name warehouse name
     * @param status {@code synced}, {@code not_uploaded}, {@code unchanged}, {@code refused},
     *     {@code failed} or {@code running} (never reached its end)
     * @param uploaded true when Secoda accepted the CSV in this run
     * @param skipped why nothing was uploaded on purpose (dry run, no token, unchanged), or null
     * @param integrationId the Secoda integration, or null when not known
     * @param databases databases in the CSV, or null when no CSV was written
     * @param schemas schemas in the CSV, or null
     * @param tables tables and views in the CSV, or null
     * @param views views among them, or null
     * @param columns columns (rows) in the CSV, or null
     * @param csv absolute path of the CSV, or null
     * @param sha256 hex SHA-256 of the CSV, or null
     * @param durationMs time the warehouse took
     * @param error why it failed or was refused, or null
     * @param schemaChanges comparison with the last successful upload, or null when no CSV was written
     * @param rowsLeftOut columns left out because a name holds a period (Secoda rejects it), or null
     *     when no CSV was written
     * @param uploadMs how long the upload took, or null when nothing was uploaded in this run
     * @param format {@code csv} or {@code jsonl}, or null when nothing was written
     * @param resources the JSONL format's resources file, or null
     * @param lineage the JSONL format's lineage file, or null
     * @param primaryKeyColumns JSONL: columns marked as primary-key members, or null
     * @param viewsWithSql JSONL: views whose SQL went into their definition, or null
     * @param lineageEdges JSONL: lines of the lineage file, or null
     */
    public record Warehouse(String name, String status, boolean uploaded, String skipped, String integrationId,
            Long databases, Long schemas, Long tables, Long views, Long columns, String csv, String sha256,
            long durationMs, Failure error, Changes schemaChanges, RowsLeftOut rowsLeftOut, Long uploadMs,
            String format, String resources, String lineage, Long primaryKeyColumns, Long viewsWithSql,
            Long lineageEdges) {

        static Warehouse of(WarehouseResult r) {
            SchemaComparison comparison = r.comparison();
            String errorType = r.errorType();
            boolean hasStats = r.stats() != null;
            DetailCounts d = r.details();
            boolean jsonl = d != null;
            String written = r.csv() == null ? null : r.csv().toAbsolutePath().toString();
            Failure error = r.error() == null ? null : new Failure(r.status() == WarehouseResult.Status.REFUSED
                    ? "UploadRefused" : errorType == null ? "WarehouseFailed" : errorType, r.error());
            return new Warehouse(r.name(), r.status().name().toLowerCase(), r.uploaded(), r.note(), r.integrationId(),
                    hasStats ? r.stats().databases() : null, hasStats ? r.stats().schemas() : null,
                    hasStats ? r.stats().tables() : null, hasStats ? r.stats().views() : null,
                    hasStats ? r.stats().columns() : null,
                    jsonl ? null : written,
                    hasStats ? r.stats().sha256() : null, r.duration().toMillis(), error,
                    comparison == null ? null : Changes.of(comparison), r.leftOut(),
                    r.uploadDuration() == null ? null : r.uploadDuration().toMillis(),
                    written == null ? null : jsonl ? "jsonl" : "csv", jsonl ? written : null,
                    jsonl && r.lineage() != null ? r.lineage().toAbsolutePath().toString() : null,
                    jsonl ? d.primaryKeyColumns() : null, jsonl ? d.viewsWithSql() : null,
                    jsonl ? d.lineageEdges() : null);
        }
    }

    /**
     * The new CSV compared with the last CSV Secoda accepted.
     *
     * @param comparedWith path of the last uploaded CSV, or null when there was none
     * @param note why nothing was compared, or null
     * @param tablesAdded tables only in the new CSV (null when not compared)
     * @param tablesRemoved tables only in the last upload
     * @param columnsAdded columns new in tables both hold
     * @param columnsRemoved columns gone from tables both hold
     * @param typesChanged columns whose type changed
     * @param keysAdded JSONL: columns that joined a primary key, or null (a CSV, or not compared)
     * @param keysRemoved JSONL: columns that left a primary key, or null
     */
    public record Changes(String comparedWith, String note, SchemaChanges.Names tablesAdded,
            SchemaChanges.Names tablesRemoved, SchemaChanges.Names columnsAdded, SchemaChanges.Names columnsRemoved,
            SchemaChanges.TypeChanges typesChanged, SchemaChanges.Names keysAdded, SchemaChanges.Names keysRemoved) {

        static Changes of(SchemaComparison comparison) {
            SchemaChanges c = comparison.changes();
            String baseline = comparison.baseline();
            return c == null ? new Changes(baseline, comparison.note(), null, null, null, null, null, null, null)
                    : new Changes(baseline, null, c.tablesAdded(), c.tablesRemoved(), c.columnsAdded(),
                            c.columnsRemoved(), c.typesChanged(), c.keysAdded(), c.keysRemoved());
        }
    }
}
