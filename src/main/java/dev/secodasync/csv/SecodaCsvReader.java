package dev.secodasync.csv;

import dev.secodasync.catalog.CatalogCounter;
import dev.secodasync.catalog.CatalogStats;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads back a Secoda CSV written earlier. */
public final class SecodaCsvReader {

    private SecodaCsvReader() {
    }

    /** Counts and hashes the file (e.g. the last uploaded copy, for {@code --check}'s guard prediction). */
    public static CatalogStats stats(Path file) throws IOException {
        MessageDigest digest = SecodaCsvWriter.sha256();
        CatalogCounter counter = new CatalogCounter();
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest);
                CSVParser parser = SecodaCsvWriter.FORMAT.builder().setSkipHeaderRecord(true).get()
                        .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CSVRecord record : parser) {
                counter.add(record.get("database"), record.get("schema"), record.get("name"),
                        "true".equals(record.get("is_view")));
            }
        }
        return counter.stats(HexFormat.of().formatHex(digest.digest()));
    }
}
