package dev.secodasync.job;

import dev.secodasync.report.WarehouseResult;
import dev.secodasync.catalog.CatalogStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The outcome of each warehouse in this run, filled in by the steps (possibly from several
 * threads) and read at the end for the log summary and the exit code.
 */
public class RunReport {

    private final Map<String, WarehouseResult> results = new LinkedHashMap<>();

    /** Registers the warehouses of this run, in configuration order. */
    public synchronized void expect(List<String> names) {
        names.forEach(name -> results.put(name, WarehouseResult.started(name)));
    }

    public void extracted(String name, CatalogStats stats, Path csv) {
        update(name, r -> r.extracted(stats, csv));
    }

    public void uploaded(String name, String integrationId) {
        update(name, r -> r.uploaded(integrationId));
    }

    public void notUploaded(String name, String why) {
        update(name, r -> r.notUploaded(why));
    }

    public void unchanged(String name, String integrationId, String why) {
        update(name, r -> r.unchanged(integrationId, why));
    }

    public void refused(String name, String why) {
        update(name, r -> r.refused(why));
    }

    public void failed(String name, String error) {
        update(name, r -> r.failed(error));
    }

    public void took(String name, Duration duration) {
        update(name, r -> r.took(duration));
    }

    /** The result of one warehouse. */
    public synchronized WarehouseResult get(String name) {
        return results.get(name);
    }

    /** Every warehouse's result, in configuration order. */
    public synchronized List<WarehouseResult> results() {
        return new ArrayList<>(results.values());
    }

    /** True when every warehouse ended as synced or deliberately not uploaded. */
    public synchronized boolean allSucceeded() {
        return results.values().stream().allMatch(r -> r.status().succeeded());
    }

    // ---- facts only the run summary needs, kept beside the results ----

    private final Map<String, SchemaComparison> comparisons = new ConcurrentHashMap<>();

    private final Map<String, String> errorTypes = new ConcurrentHashMap<>();

    /** Records how the warehouse's new CSV compares with its last upload. */
    public void compared(String name, SchemaComparison comparison) {
        comparisons.put(name, comparison);
    }

    /** How the warehouse's new CSV compares with its last upload, or null when no CSV was written. */
    public SchemaComparison comparison(String name) {
        return comparisons.get(name);
    }

    /** As {@link #failed(String, String)}, also naming the kind of error (an exception's simple class name). */
    public void failed(String name, String error, String errorType) {
        if (errorType != null) {
            errorTypes.put(name, errorType);
        }
        failed(name, error);
    }

    /** The kind of error a failed warehouse ended with, or null. */
    public String errorType(String name) {
        return errorTypes.get(name);
    }


    private synchronized void update(String name, UnaryOperator<WarehouseResult> change) {
        results.compute(name, (key, old) -> change.apply(old == null ? WarehouseResult.started(key) : old));
    }
}
