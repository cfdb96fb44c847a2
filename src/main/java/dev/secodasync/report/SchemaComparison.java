package dev.secodasync.report;

import dev.secodasync.catalog.SchemaChanges;
import java.io.Serializable;

/**
 * A warehouse's new CSV compared with the last CSV Secoda accepted for it.
 *
 * @param baseline absolute path of the last uploaded CSV compared with, or null when there is none yet
 * @param changes what changed, or null when nothing could be compared (first upload, unreadable baseline)
 * @param note why nothing was compared, or null
 */
public record SchemaComparison(String baseline, SchemaChanges changes, String note) implements Serializable {
}
