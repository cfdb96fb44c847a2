package dev.secodasync.jsonl;

import dev.secodasync.catalog.CatalogDiff;
import dev.secodasync.catalog.SchemaChanges;
import dev.secodasync.catalog.TableName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a new {@code resources.jsonl} with the last one Secoda accepted: tables, columns,
 * types and primary-key columns, by {@link CatalogDiff}'s streaming merge (the writer puts the
 * tables in CSV order, each followed by its columns).
 */
public final class JsonlComparison {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonlComparison() {
    }

    /**
     * The changes from {@code previous} to {@code current}.
     *
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when a file is not a resources file as this job writes it
     */
    public static SchemaChanges compare(Path current, Path previous) throws IOException {
        try (BufferedReader a = Files.newBufferedReader(current, StandardCharsets.UTF_8);
                BufferedReader b = Files.newBufferedReader(previous, StandardCharsets.UTF_8)) {
            return CatalogDiff.diff(new Tables(a, current), new Tables(b, previous));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads a resources file one table (its line and its column lines) at a time. */
    private static final class Tables implements Iterator<CatalogDiff.TableColumns> {

        private final BufferedReader reader;

        private final Path file;

        private JsonNode pending;

        Tables(BufferedReader reader, Path file) {
            this.reader = reader;
            this.file = file;
            this.pending = nextOf("table");
        }

        // The next line of that entity type, passing over databases and schemas.
        private JsonNode nextOf(String type) {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line);
                    String entity = node.path("entity_type").asString();
                    if (entity.equals("table") || entity.equals(type)) {
                        return node;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " is not a resources.jsonl file: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public CatalogDiff.TableColumns next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            JsonNode table = pending;
            TableName name = new TableName(table.path("database").asString(), table.path("schema").asString(),
                    table.path("title").asString());
            String id = table.path("databuilder_id").asString();
            Map<String, String> columns = new LinkedHashMap<>();
            Set<String> keys = new LinkedHashSet<>();
            JsonNode line = nextOf("column");
            while (line != null && line.path("entity_type").asString().equals("column")) {
                if (!id.equals(line.path("parent_databuilder_id").asString())) {
                    throw new IllegalArgumentException(file + ": column " + line.path("databuilder_id").asString()
                            + " does not follow its table");
                }
                String column = line.path("title").asString();
                columns.put(column, line.hasNonNull("type") ? line.get("type").asString() : null);
                if (line.path("is_pk").asBoolean(false)) {
                    keys.add(column);
                }
                line = nextOf("column");
            }
            pending = line;
            return new CatalogDiff.TableColumns(name, columns, keys);
        }
    }
}
