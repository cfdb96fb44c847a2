package dev.secodasync.csv;

import dev.secodasync.catalog.CatalogCounter;
import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.support.OwnerOnlyFiles;
import dev.secodasync.catalog.ColumnRow;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the CSV Secoda's custom integration imports: its header in its order, RFC 4180 quoting,
 * UTF-8, {@code None} for an unknown update time. Streams row by row, counting what it writes and
 * hashing the bytes, so the caller never holds the catalog in memory.
 */
public final class SecodaCsvWriter implements Closeable {

    /** The columns of Secoda's custom-integration CSV, in the order its importer expects. */
    public static final List<String> HEADER = List.of("col_name", "col_description", "col_type", "sort_order",
            "database", "schema", "name", "description", "is_view", "last_updated_time");

    /** Commons CSV's RFC 4180 format (CRLF, quotes only where needed) with Secoda's header. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(HEADER.toArray(String[]::new))
            .get();

    private static final int BUFFER = 1 << 16;

    // Commons CSV formats each row into this builder; the row then goes to the file as one UTF-8
    // write. Printing straight to a Writer cost a synchronized write and a substring copy per
    // value, the largest cost of a million-row extract (profiled with JFR).
    private final StringBuilder line = new StringBuilder(512);

    private final CSVPrinter printer;

    private final OutputStream out;

    private final MessageDigest digest;

    private final CatalogCounter counter = new CatalogCounter();

    private CatalogStats stats;

    private SecodaCsvWriter(OutputStream out, MessageDigest digest) throws IOException {
        this.digest = digest;
        this.out = out;
        this.printer = new CSVPrinter(line, FORMAT);
        flushLine();
    }

    private void flushLine() throws IOException {
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
    }

    /** Creates (or truncates) {@code file}, readable by its owner only, and writes the header. */
    public static SecodaCsvWriter create(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(OwnerOnlyFiles.createFile(file),
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        MessageDigest digest = sha256();
        return new SecodaCsvWriter(new DigestOutputStream(new BufferedOutputStream(out, BUFFER), digest), digest);
    }

    /** Appends one row. */
    public void write(ColumnRow row) throws IOException {
        printer.printRecord(
                row.column(),
                row.columnDescription(),
                row.columnType(),
                row.sortOrder(),
                row.database(),
                row.schema(),
                row.table(),
                row.tableDescription(),
                row.view() ? "true" : "false",
                row.lastUpdatedEpochSeconds() == null ? "None" : row.lastUpdatedEpochSeconds());
        flushLine();
        counter.add(row.database(), row.schema(), row.table(), row.view());
    }

    /** Flushes and closes the file; {@link #stats()} is available afterwards. */
    @Override
    public void close() throws IOException {
        if (stats != null) {
            return;
        }
        out.close();
        stats = counter.stats(HexFormat.of().formatHex(digest.digest()));
    }

    /** Counts and hash of the written file; only after {@link #close()}. */
    public CatalogStats stats() {
        if (stats == null) {
            throw new IllegalStateException("the CSV is still open");
        }
        return stats;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
