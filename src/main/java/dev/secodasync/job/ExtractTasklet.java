package dev.secodasync.job;

import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.DetailCounts;
import dev.secodasync.config.SyncProperties.DottedNamePolicy;
import dev.secodasync.config.SyncProperties.InvalidRowPolicy;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.csv.CsvFiles;
import dev.secodasync.csv.SecodaCsvWriter;
import dev.secodasync.extract.PrefetchingReader;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.jsonl.SecodaJsonlWriter;
import dev.secodasync.report.RowsLeftOut;
import dev.secodasync.support.Errors;
import dev.secodasync.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
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

    private final WarehouseFiles files;

    private final InvalidRowPolicy invalidRows;

    private final DottedNamePolicy dottedNames;

    private final long progressEveryNanos;

    private volatile boolean stopped;

    public ExtractTasklet(WarehouseProperties warehouse, WarehouseExtractor extractor, WarehouseFiles files,
            InvalidRowPolicy invalidRows, DottedNamePolicy dottedNames, Duration progressInterval) {
        this.warehouse = warehouse;
        this.extractor = extractor;
        this.files = files;
        this.invalidRows = invalidRows;
        this.dottedNames = dottedNames;
        this.progressEveryNanos = progressInterval.toNanos();
    }

    private CatalogItem read(PrefetchingReader<CatalogItem> reader) throws InterruptedException {
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
                throw new WarehouseReadException("cannot run sql/" + warehouse.kind().dialect()
                        + (files.jsonl() ? "/ (tables.sql, columns.sql, lineage.sql)" : "/columns.sql") + " on "
                        + warehouse.jdbcUrl() + ": " + Errors.oneLine(cause), cause);
            }
            throw new WarehouseReadException("reading the catalog of " + warehouse.jdbcUrl() + " failed after "
                    + e.rowsBefore() + " rows: " + Errors.oneLine(cause), cause);
        }
    }

    // The JSONL format reads the detailed stream; the CSV the columns alone, as it always did.
    private ItemStreamReader<? extends CatalogItem> itemReader() {
        if (!files.jsonl()) {
            return extractor.reader(warehouse);
        }
        return extractor.detailedReader(warehouse).orElseThrow(() -> new IllegalStateException("warehouse '"
                + warehouse.name() + "': kind " + warehouse.kind().dialect() + " cannot be written as jsonl"));
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
        OwnerOnlyFiles.createDirectories(files.csvFiles().outDir());
        long started = System.nanoTime();
        CatalogOutput output = CatalogOutput.open(files, name,
                new SecodaJsonlWriter.Options(warehouse.lineageCluster(), warehouse.viewSql()));
        try {
            RowRules rules = new RowRules(name, invalidRows, dottedNames);
            try (output) {
                try (PrefetchingReader<CatalogItem> reader = new PrefetchingReader<>(itemReader(), name)) {
                    long rows = 0;
                    long lastProgress = started;
                    CatalogItem item;
                    while ((item = read(reader)) != null) {
                        if (stopped) {
                            throw new IllegalStateException("warehouse '" + name + "': stopped by a signal after "
                                    + rows + " rows; the partial files are removed");
                        }
                        if (!(item instanceof ColumnRow row)) {
                            output.write(item);
                            continue;
                        }
                        rows++;
                        if (!rules.accept(row)) {
                            continue;
                        }
                        output.write(row);
                        if ((rows & 0x3FF) == 0 && System.nanoTime() - lastProgress >= progressEveryNanos) {
                            lastProgress = System.nanoTime();
                            double seconds = (lastProgress - started) / 1e9;
                            log.info("Warehouse '{}': {} columns read so far, {} columns/s", name, rows,
                                    Math.round(rows / seconds));
                        }
                    }
                }
            }
            CatalogStats stats = output.stats();
            RowsLeftOut dotted = rules.finish();
            output.publish();
            contribution.incrementWriteCount(stats.columns());
            Path written = files.current(name).get(0);
            // Compared before the upload step replaces the uploaded copy it compares with.
            ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
            WarehouseSteps.extracted(context, stats, written, SchemaComparisons.of(name, files), dotted);
            DetailCounts details = output.details();
            if (details != null) {
                context.put(WarehouseSteps.DETAILS, details);
                context.putString(WarehouseSteps.LINEAGE, files.current(name).get(1).toAbsolutePath().toString());
                log.info("Warehouse '{}': {} tables ({} views), {} columns ({} in primary keys), {} views with SQL,"
                        + " {} lineage edges written to {} in {} ms", name, stats.tables(), stats.views(),
                        stats.columns(), details.primaryKeyColumns(), details.viewsWithSql(), details.lineageEdges(),
                        files.current(name), (System.nanoTime() - started) / 1_000_000);
            } else {
                log.info("Warehouse '{}': {} tables ({} views), {} columns written to {} in {} ms", name,
                        stats.tables(), stats.views(), stats.columns(), written,
                        (System.nanoTime() - started) / 1_000_000);
            }
            return RepeatStatus.FINISHED;
        } catch (IOException e) {
            // "No space left on device" alone does not say where.
            throw new UncheckedIOException("writing " + output.parts() + " failed: " + e.getMessage(), e);
        } finally {
            output.discard();
        }
    }
}
