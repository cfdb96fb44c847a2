package dev.secodasync.job;

import dev.secodasync.support.Errors;
import dev.secodasync.csv.CatalogComparison;
import dev.secodasync.catalog.SchemaChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warehouse's new CSV compared with the last CSV Secoda accepted for it.
 *
 * @param baseline the last uploaded CSV compared with, or null when there is none yet
 * @param changes what changed, or null when nothing could be compared (first upload, unreadable baseline)
 * @param note why nothing was compared, or null
 */
public record SchemaComparison(Path baseline, SchemaChanges changes, String note) {

    private static final Logger log = LoggerFactory.getLogger(SchemaComparison.class);

    /**
     * Compares {@code csv} with {@code uploaded}. Never throws: the comparison informs the
     * summary, it must not fail a sync.
     */
    public static SchemaComparison of(String warehouse, Path csv, Path uploaded) {
        if (!Files.isRegularFile(uploaded)) {
            return new SchemaComparison(null, null, "no earlier upload to compare with");
        }
        try {
            SchemaChanges changes = CatalogComparison.compare(csv, uploaded);
            if (!changes.none()) {
                log.info("Warehouse '{}' since the last upload: {} tables added, {} removed; {} columns added, {} removed,"
                        + " {} retyped", warehouse, changes.tablesAdded().count(), changes.tablesRemoved().count(),
                        changes.columnsAdded().count(), changes.columnsRemoved().count(), changes.typesChanged().count());
            }
            return new SchemaComparison(uploaded, changes, null);
        } catch (Exception e) {
            String why = "cannot compare with " + uploaded + ": " + Errors.oneLine(e);
            log.warn("Warehouse '{}': {}", warehouse, why);
            return new SchemaComparison(uploaded, null, why);
        }
    }
}
