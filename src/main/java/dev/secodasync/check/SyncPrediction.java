package dev.secodasync.check;

import dev.secodasync.catalog.CatalogCounter;
import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.config.SyncProperties.DottedNamePolicy;
import dev.secodasync.config.SyncProperties.InvalidRowPolicy;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.csv.CsvFiles;
import dev.secodasync.csv.RowValidator;
import dev.secodasync.csv.SecodaCsvReader;
import dev.secodasync.job.GuardRefusedException;
import dev.secodasync.job.UploadGuards;
import dev.secodasync.state.LastUpload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

    private static final int SHOWN = 5;

    private final SyncProperties sync;

    private final boolean force;

    private final CsvFiles files;

    SyncPrediction(SyncProperties sync, boolean force) {
        this.sync = sync;
        this.force = force;
        this.files = new CsvFiles(sync.stateDir());
    }

    /**
     * @return what a sync would export
     * @throws IllegalStateException saying why a sync would fail or refuse the upload
     */
    String predict(WarehouseProperties warehouse, ItemStreamReader<ColumnRow> reader) throws Exception {
        RowValidator validator = new RowValidator();
        CatalogCounter counter = new CatalogCounter();
        List<String> problems = new ArrayList<>();
        long problemCount = 0;
        long leftOut = 0;
        reader.open(new ExecutionContext());
        try {
            for (ColumnRow row = reader.read(); row != null; row = reader.read()) {
                if (sync.dottedNames() == DottedNamePolicy.SKIP && RowValidator.dotted(row) != null) {
                    leftOut++;
                    continue;
                }
                List<String> rowProblems = validator.check(row);
                problemCount += rowProblems.size();
                rowProblems.stream().limit(SHOWN - problems.size()).forEach(problems::add);
                if (rowProblems.isEmpty() || sync.invalidRows() != InvalidRowPolicy.SKIP) {
                    counter.add(row.database(), row.schema(), row.table(), row.view());
                }
            }
        } finally {
            reader.close();
        }
        if (problemCount > 0 && sync.invalidRows() == InvalidRowPolicy.FAIL) {
            throw new IllegalStateException("a sync would fail: " + problemCount + " invalid row problem(s), e.g. "
                    + String.join("; ", problems) + " (sync.invalid-rows=fail)");
        }
        CatalogStats stats = counter.stats("");
        try {
            new UploadGuards(sync.guards(), force).check(warehouse.name(), stats, lastUpload(warehouse));
        } catch (GuardRefusedException refused) {
            throw new IllegalStateException("a sync would refuse the upload: " + refused.getMessage());
        }
        return stats.tables() + " tables, " + stats.columns() + " columns would be exported"
                + (leftOut > 0 ? " (" + leftOut + " with a period in a name left out)" : "");
    }

    // The counts of the last upload this state directory kept; none when it kept no copy.
    private Optional<LastUpload> lastUpload(WarehouseProperties warehouse) throws IOException {
        Path uploaded = files.uploaded(warehouse.name());
        if (!Files.isRegularFile(uploaded)) {
            return Optional.empty();
        }
        CatalogStats last = SecodaCsvReader.stats(uploaded);
        LocalDateTime at = LocalDateTime.ofInstant(Files.getLastModifiedTime(uploaded).toInstant(), ZoneId.systemDefault());
        return Optional.of(new LastUpload(warehouse.name(), last.sha256(), last.tables(), last.columns(), at));
    }
}
