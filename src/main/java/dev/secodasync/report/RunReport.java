package dev.secodasync.report;

import dev.secodasync.csv.CatalogStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return results.values().stream().allMatch(r -> r.status() == WarehouseResult.Status.SYNCED
                || r.status() == WarehouseResult.Status.NOT_UPLOADED || r.status() == WarehouseResult.Status.UNCHANGED);
    }

    private synchronized void update(String name, UnaryOperator<WarehouseResult> change) {
        results.compute(name, (key, old) -> change.apply(old == null ? WarehouseResult.started(key) : old));
    }
}
