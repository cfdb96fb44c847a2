package dev.secodasync.jsonl;

import dev.secodasync.catalog.CatalogStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts what a {@code resources.jsonl} this job wrote holds, for the guards of {@code --check}. */
public final class JsonlCounts {

    private JsonlCounts() {
    }

    /**
     * The counts of the file, without its hash ({@code --check} predicts no "unchanged"). The
     * writer puts {@code entity_type} first on every line, so the lines are told apart by prefix.
     */
    public static CatalogStats of(Path resources) throws IOException {
        long databases = 0;
        long schemas = 0;
        long tables = 0;
        long views = 0;
        long columns = 0;
        try (BufferedReader reader = Files.newBufferedReader(resources, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("{\"entity_type\":\"column\"")) {
                    columns++;
                } else if (line.startsWith("{\"entity_type\":\"table\"")) {
                    tables++;
                    views += line.contains("\"native_type\":\"view\"")
                            || line.contains("\"native_type\":\"materialized view\"") ? 1 : 0;
                } else if (line.startsWith("{\"entity_type\":\"schema\"")) {
                    schemas++;
                } else if (line.startsWith("{\"entity_type\":\"database\"")) {
                    databases++;
                }
            }
        }
        return new CatalogStats(databases, schemas, tables, views, columns, "");
    }
}
