package dev.secodasync.job;

import dev.secodasync.catalog.SchemaChanges;
import dev.secodasync.csv.CatalogComparison;
import dev.secodasync.jsonl.JsonlComparison;
import dev.secodasync.report.SchemaComparison;
import dev.secodasync.support.Errors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compares a warehouse's new CSV with the last CSV Secoda accepted for it. */
final class SchemaComparisons {

    private static final Logger log = LoggerFactory.getLogger(SchemaComparisons.class);

    private SchemaComparisons() {
    }

    /**
     * Compares {@code csv} with {@code uploaded}. Never throws: the comparison informs the
     * summary, it must not fail a sync.
     */
    static SchemaComparison of(String warehouse, WarehouseFiles files) {
        Path current = files.current(warehouse).get(0);
        Path uploaded = files.uploaded(warehouse).get(0);
        return of(warehouse, current, uploaded, files.jsonl());
    }

    static SchemaComparison of(String warehouse, Path csv, Path uploaded) {
        return of(warehouse, csv, uploaded, false);
    }

    private static SchemaComparison of(String warehouse, Path csv, Path uploaded, boolean jsonl) {
        if (!Files.isRegularFile(uploaded)) {
            return new SchemaComparison(null, null, "no earlier upload to compare with");
        }
        String baseline = uploaded.toAbsolutePath().toString();
        try {
            SchemaChanges changes = jsonl ? JsonlComparison.compare(csv, uploaded) : CatalogComparison.compare(csv, uploaded);
            if (!changes.none()) {
                log.info("Warehouse '{}' since the last upload: {} tables added, {} removed; {} columns added, {} removed,"
                        + " {} retyped", warehouse, changes.tablesAdded().count(), changes.tablesRemoved().count(),
                        changes.columnsAdded().count(), changes.columnsRemoved().count(), changes.typesChanged().count());
            }
            return new SchemaComparison(baseline, changes, null);
        } catch (Exception e) {
            String why = "cannot compare with " + uploaded + ": " + Errors.oneLine(e);
            log.warn("Warehouse '{}': {}", warehouse, why);
            return new SchemaComparison(baseline, null, why);
        }
    }
}
