package dev.secodasync.job;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.extract.PrefetchingReader;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.config.SyncProperties.DottedNamePolicy;
import dev.secodasync.config.SyncProperties.InvalidRowPolicy;
import dev.secodasync.report.RowsLeftOut;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.csv.CsvFiles;
import dev.secodasync.support.OwnerOnlyFiles;
import dev.secodasync.csv.SecodaCsvWriter;
import dev.secodasync.support.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Extract and write for one warehouse: streams the catalog query into the Secoda CSV, checking
 * each row, and publishes the file under its final name only when it is complete and valid.
 * One tasklet rather than a chunk step: a CSV is only worth anything whole, so there is nothing
 * to resume in the middle of it.
 */
public class ExtractTasklet implements Tasklet, RunInterruption.Stoppable {

    private static final Logger log = LoggerFactory.getLogger(ExtractTasklet.class);

    private final WarehouseProperties warehouse;

    private final WarehouseExtractor extractor;

    private final CsvFiles files;

    private final InvalidRowPolicy invalidRows;

    private final DottedNamePolicy dottedNames;

    private final long progressEveryNanos;

    private volatile boolean stopped;

    public ExtractTasklet(WarehouseProperties warehouse, WarehouseExtractor extractor, CsvFiles files,
            InvalidRowPolicy invalidRows, DottedNamePolicy dottedNames, Duration progressInterval) {
        this.warehouse = warehouse;
        this.extractor = extractor;
        this.files = files;
        this.invalidRows = invalidRows;
        this.dottedNames = dottedNames;
        this.progressEveryNanos = progressInterval.toNanos();
    }

    private ColumnRow read(PrefetchingReader reader) throws InterruptedException {
        try {
            return reader.read();
        } catch (PrefetchingReader.ReadFailure e) {
            Throwable cause = e.getCause();
            // An extractor that says itself what failed (kind jdbc: the driver refused the URL) is
            // not running a columns.sql.
            if (cause instanceof WarehouseReadException read) {
                throw read;
            }
            if (e.opening()) {
                throw new WarehouseReadException("cannot run sql/" + warehouse.kind().dialect() + "/columns.sql on "
                        + warehouse.jdbcUrl() + ": " + Errors.oneLine(cause), cause);
            }
            throw new WarehouseReadException("reading the catalog of " + warehouse.jdbcUrl() + " failed after "
                    + e.rowsBefore() + " rows: " + Errors.oneLine(cause), cause);
        }
    }

    /** Stops the extraction at the next row (a stop signal). */
    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        String name = warehouse.name();
        if (stopped) {
            throw new IllegalStateException("warehouse '" + name + "': not started, the run is stopping");
        }
        Path part = files.part(name);
        Path csv = files.csv(name);
        OwnerOnlyFiles.createDirectories(files.outDir());
        long started = System.nanoTime();
        try {
            RowRules rules = new RowRules(name, invalidRows, dottedNames);
            SecodaCsvWriter writer = SecodaCsvWriter.create(part);
            try (writer) {
                try (PrefetchingReader reader = new PrefetchingReader(extractor.reader(warehouse), name)) {
                    long rows = 0;
                    long lastProgress = started;
                    ColumnRow row;
                    while ((row = read(reader)) != null) {
                        if (stopped) {
                            throw new IllegalStateException("warehouse '" + name + "': stopped by a signal after "
                                    + rows + " rows; the partial CSV is removed");
                        }
                        rows++;
                        if (!rules.accept(row)) {
                            continue;
                        }
                        writer.write(row);
                        if ((rows & 0x3FF) == 0 && System.nanoTime() - lastProgress >= progressEveryNanos) {
                            lastProgress = System.nanoTime();
                            double seconds = (lastProgress - started) / 1e9;
                            log.info("Warehouse '{}': {} columns read so far, {} columns/s", name, rows,
                                    Math.round(rows / seconds));
                        }
                    }
                }
            }
            CatalogStats stats = writer.stats();
            RowsLeftOut dotted = rules.finish();
            OwnerOnlyFiles.publish(part, csv);
            contribution.incrementWriteCount(stats.columns());
            // Compared before the upload step replaces the uploaded copy it compares with.
            WarehouseSteps.extracted(chunkContext.getStepContext().getStepExecution().getExecutionContext(), stats, csv,
                    SchemaComparisons.of(name, csv, files.uploaded(name)), dotted);
            log.info("Warehouse '{}': {} tables ({} views), {} columns written to {} in {} ms", name, stats.tables(),
                    stats.views(), stats.columns(), csv, (System.nanoTime() - started) / 1_000_000);
            return RepeatStatus.FINISHED;
        } catch (IOException e) {
            // "No space left on device" alone does not say where.
            throw new UncheckedIOException("writing the CSV " + part + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
