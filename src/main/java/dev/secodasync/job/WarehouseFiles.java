package dev.secodasync.job;

import dev.secodasync.config.OutputFormat;
import dev.secodasync.csv.CsvFiles;
import dev.secodasync.jsonl.JsonlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A warehouse's files in its format: what the extraction writes, what the upload sends, and the
 * copies of the last upload Secoda accepted (the base of the guards' comparison and of the format
 * switch check).
 *
 * @param format the warehouse's format
 * @param csvFiles where CSVs live
 * @param jsonlFiles where JSONL files live
 */
record WarehouseFiles(OutputFormat format, CsvFiles csvFiles, JsonlFiles jsonlFiles) {

    static WarehouseFiles of(OutputFormat format, Path stateDir) {
        return new WarehouseFiles(format, new CsvFiles(stateDir), new JsonlFiles(stateDir));
    }

    boolean jsonl() {
        return format == OutputFormat.JSONL;
    }

    /** The complete files of the last extraction: the CSV, or resources then lineage. */
    List<Path> current(String warehouse) {
        return jsonl() ? List.of(jsonlFiles.resources(warehouse), jsonlFiles.lineage(warehouse))
                : List.of(csvFiles.csv(warehouse));
    }

    /** The copies of the last accepted upload in this format, in the order of {@link #current}. */
    List<Path> uploaded(String warehouse) {
        return jsonl() ? List.of(jsonlFiles.uploadedResources(warehouse), jsonlFiles.uploadedLineage(warehouse))
                : List.of(csvFiles.uploaded(warehouse));
    }

    /** The copies of the last accepted upload in the other format (left by a run before a switch). */
    List<Path> uploadedInOtherFormat(String warehouse) {
        return jsonl() ? List.of(csvFiles.uploaded(warehouse))
                : List.of(jsonlFiles.uploadedResources(warehouse), jsonlFiles.uploadedLineage(warehouse));
    }

    /**
     * True when Secoda's last accepted upload of this warehouse, as this state directory knows it,
     * was in the other format: uploading now may re-create its resources in Secoda.
     */
    boolean switchedFormat(String warehouse) {
        return Files.isRegularFile(uploadedInOtherFormat(warehouse).get(0))
                && !Files.isRegularFile(uploaded(warehouse).get(0));
    }
}
