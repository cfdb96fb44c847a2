package dev.secodasync.check;

import dev.secodasync.catalog.CatalogCounter;
import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.OutputFormat;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.csv.CsvFiles;
import dev.secodasync.csv.SecodaCsvReader;
import dev.secodasync.extract.InvalidCatalogException;
import dev.secodasync.job.GuardRefusedException;
import dev.secodasync.job.RowRules;
import dev.secodasync.job.UploadGuards;
import dev.secodasync.jsonl.JsonlCounts;
import dev.secodasync.jsonl.JsonlFiles;
import dev.secodasync.state.LastUpload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * What a sync would do with one warehouse's catalog, without writing or uploading anything: it
 * reads every row as the sync does, applies the same row checks ({@code sync.invalid-rows},
 * {@code sync.dotted-names}) and the same guards, against the last upload this state directory
 * kept ({@code out/uploaded/}).
 */
final class SyncPrediction {

    private final SyncProperties sync;

    private final boolean force;

    private final CsvFiles files;

    private final JsonlFiles jsonlFiles;

    SyncPrediction(SyncProperties sync, boolean force) {
        this.sync = sync;
        this.force = force;
        this.files = new CsvFiles(sync.stateDir());
        this.jsonlFiles = new JsonlFiles(sync.stateDir());
    }

    /**
     * @return what a sync would export
     * @throws IllegalStateException saying why a sync would fail or refuse the upload
     */
    String predict(WarehouseProperties warehouse, ItemStreamReader<ColumnRow> reader) throws Exception {
        RowRules rules = new RowRules(warehouse.name(), sync.invalidRows(), sync.dottedNames());
        CatalogCounter counter = new CatalogCounter();
        reader.open(new ExecutionContext());
        try {
            for (ColumnRow row = reader.read(); row != null; row = reader.read()) {
                if (rules.accept(row)) {
                    counter.add(row.database(), row.schema(), row.table(), row.view());
                }
            }
        } finally {
            reader.close();
        }
        long leftOut;
        try {
            leftOut = rules.finish().count();
        } catch (InvalidCatalogException invalid) {
            throw new IllegalStateException("a sync would fail: " + invalid.getMessage());
        }
        CatalogStats stats = counter.stats("");
        try {
            refuseFormatSwitch(warehouse);
            new UploadGuards(sync.guards(), force).check(warehouse.name(), stats, lastUpload(warehouse));
        } catch (GuardRefusedException refused) {
            throw new IllegalStateException("a sync would refuse the upload: " + refused.getMessage());
        }
        return stats.tables() + " tables, " + stats.columns() + " columns would be exported"
                + (leftOut > 0 ? " (" + leftOut + " with a period in a name left out)" : "");
    }

    // As the upload step: the first upload in the other format needs --force.
    private void refuseFormatSwitch(WarehouseProperties warehouse) {
        boolean jsonl = warehouse.format() == OutputFormat.JSONL;
        Path mine = jsonl ? jsonlFiles.uploadedResources(warehouse.name()) : files.uploaded(warehouse.name());
        Path other = jsonl ? files.uploaded(warehouse.name()) : jsonlFiles.uploadedResources(warehouse.name());
        if (!force && Files.isRegularFile(other) && !Files.isRegularFile(mine)) {
            throw new GuardRefusedException("its last upload was " + (jsonl ? "csv" : "jsonl") + " and format is now "
                    + (jsonl ? "jsonl" : "csv") + "; the first upload after a switch needs --force");
        }
    }

    // The counts of the last upload this state directory kept; none when it kept no copy.
    private Optional<LastUpload> lastUpload(WarehouseProperties warehouse) throws IOException {
        boolean jsonl = warehouse.format() == OutputFormat.JSONL;
        Path uploaded = jsonl ? jsonlFiles.uploadedResources(warehouse.name()) : files.uploaded(warehouse.name());
        if (!Files.isRegularFile(uploaded)) {
            return Optional.empty();
        }
        CatalogStats last = jsonl ? JsonlCounts.of(uploaded) : SecodaCsvReader.stats(uploaded);
        LocalDateTime at = LocalDateTime.ofInstant(Files.getLastModifiedTime(uploaded).toInstant(), ZoneId.systemDefault());
        return Optional.of(new LastUpload(warehouse.name(), last.sha256(), last.tables(), last.columns(), at));
    }
}
