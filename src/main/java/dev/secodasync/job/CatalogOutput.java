package dev.secodasync.job;

import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.DetailCounts;
import dev.secodasync.csv.SecodaCsvWriter;
import dev.secodasync.jsonl.JsonlFiles;
import dev.secodasync.jsonl.SecodaJsonlWriter;
import dev.secodasync.support.OwnerOnlyFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files one extraction writes, in the warehouse's format: written under {@code .part} names,
 * published under their final names only when all of them are complete, removed otherwise.
 */
abstract class CatalogOutput implements Closeable {

    private final List<Path> parts;

    private final List<Path> finals;

    private CatalogOutput(List<Path> finals) {
        this.finals = finals;
        this.parts = finals.stream().map(JsonlFiles::part).toList();
    }

    /** Opens the output of {@code warehouse}'s files. */
    static CatalogOutput open(WarehouseFiles files, String warehouse, SecodaJsonlWriter.Options jsonl)
            throws IOException {
        List<Path> finals = files.current(warehouse);
        OwnerOnlyFiles.createDirectories(finals.get(0).getParent());
        return files.jsonl() ? new Jsonl(finals, jsonl) : new Csv(finals);
    }

    /** Writes one item; a CSV takes columns only. */
    abstract void write(CatalogItem item) throws IOException;

    /** Counts and hash of what was written; after {@link #close()}. */
    abstract CatalogStats stats();

    /** Keys, view definitions and lineage edges, or null for a CSV; after {@link #close()}. */
    abstract DetailCounts details();

    /** Renames every complete part to its final name; after {@link #close()}. */
    void publish() throws IOException {
        for (int i = 0; i < parts.size(); i++) {
            OwnerOnlyFiles.publish(parts.get(i), finals.get(i));
        }
    }

    /** Removes what is left of the parts (after a failure, or nothing after a publish). */
    void discard() throws IOException {
        for (Path part : parts) {
            Files.deleteIfExists(part);
        }
    }

    /** The files being written, for messages. */
    List<Path> parts() {
        return parts;
    }

    private static final class Csv extends CatalogOutput {

        private final SecodaCsvWriter writer;

        Csv(List<Path> finals) throws IOException {
            super(finals);
            writer = SecodaCsvWriter.create(parts().get(0));
        }

        @Override
        void write(CatalogItem item) throws IOException {
            // The CSV reader hands out columns only.
            writer.write((ColumnRow) item);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }

        @Override
        CatalogStats stats() {
            return writer.stats();
        }

        @Override
        DetailCounts details() {
            return null;
        }
    }

    private static final class Jsonl extends CatalogOutput {

        private final SecodaJsonlWriter writer;

        Jsonl(List<Path> finals, SecodaJsonlWriter.Options options) throws IOException {
            super(finals);
            writer = SecodaJsonlWriter.create(parts().get(0), parts().get(1), options);
        }

        @Override
        void write(CatalogItem item) {
            writer.write(item);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }

        @Override
        CatalogStats stats() {
            return writer.stats();
        }

        @Override
        DetailCounts details() {
            return writer.details();
        }
    }
}
