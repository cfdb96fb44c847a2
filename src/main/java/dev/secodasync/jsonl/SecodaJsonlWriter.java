package dev.secodasync.jsonl;

import dev.secodasync.catalog.CatalogCounter;
import dev.secodasync.catalog.CatalogItem;
import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.DetailCounts;
import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.catalog.TableName;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes Secoda's JSONL import from a detailed catalog stream: {@code resources.jsonl} with a line
 * per database, schema, table and column, parents before children, in the CSV's order, and
 * {@code lineage.jsonl} with a line per lineage edge. Streams line by line, checking as it goes
 * what Secoda needs (names present, every id once, each parent earlier in the file, one end of
 * every edge in the file); memory holds the ids of the tables (for the lineage ends) and the
 * column names of one table, never the columns.
 */
public final class SecodaJsonlWriter implements Closeable {

    private static final DateTimeFormatter UPDATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    /**
     * What the files carry beyond the catalog itself.
     *
     * @param cluster the {@code cluster} of an {@code external_table} lineage end
     * @param viewSql true to put each view's SQL into its {@code definition}
     */
    public record Options(String cluster, boolean viewSql) {
    }

    private final Options options;

    private final JsonlOutput resources;

    private final JsonlOutput lineage;

    private final CatalogCounter counter = new CatalogCounter();

    private final Set<String> tableIds = new HashSet<>();

    private final Set<String> tableColumns = new HashSet<>();

    private String database;

    private String schema;

    private TableName table;

    private String tableId;

    private TableDetails pending;

    private Set<String> keyColumns = Set.of();

    private long keys;

    private long viewsWithSql;

    private final LineageLines lineageLines;

    private CatalogStats stats;

    private SecodaJsonlWriter(Options options, JsonlOutput resources, JsonlOutput lineage) {
        this.options = options;
        this.resources = resources;
        this.lineage = lineage;
        this.lineageLines = new LineageLines(lineage.generator, lineage::begin, options.cluster(), tableIds::contains);
    }

    /** Creates (or truncates) both files, readable by their owner only. */
    public static SecodaJsonlWriter create(Path resources, Path lineage, Options options) throws IOException {
        JsonFactory factory = JsonFactory.builder().rootValueSeparator("\n").build();
        return new SecodaJsonlWriter(options, JsonlOutput.create(factory, resources), JsonlOutput.create(factory, lineage));
    }

    /** Appends what the item says: a column (and its parents when new), a table's details, an edge. */
    public void write(CatalogItem item) {
        if (item instanceof ColumnRow row) {
            column(row);
        } else if (item instanceof TableDetails details) {
            pending = details;
        } else {
            lineageLines.write((LineageEdge) item);
        }
    }

    private void column(ColumnRow row) {
        String column = required(row.column(), "column name", row);
        TableName name = new TableName(required(row.database(), "database name", row),
                required(row.schema(), "schema name", row), required(row.table(), "table name", row));
        if (!name.equals(table)) {
            startTable(name, row);
        }
        if (!tableColumns.add(column)) {
            throw new IllegalArgumentException("column " + row.qualifiedName() + " appears twice: its id would not"
                    + " be unique in resources.jsonl");
        }
        boolean key = keyColumns.contains(column);
        keys += key ? 1 : 0;
        JsonGenerator g = resources.begin();
        g.writeStringProperty("entity_type", "column");
        g.writeStringProperty("databuilder_id", ResourceIds.column(tableId, column));
        g.writeStringProperty("parent_databuilder_id", tableId);
        g.writeStringProperty("title", column);
        optional(g, "description", row.columnDescription());
        optional(g, "type", row.columnType());
        g.writeNumberProperty("sort_order", row.sortOrder());
        g.writeBooleanProperty("is_pk", key);
        g.writeEndObject();
        counter.add(name.database(), name.schema(), name.table(), row.view());
    }

    private void startTable(TableName name, ColumnRow row) {
        // Sorted input makes every table id unique without remembering the columns.
        if (table != null && table.compareTo(name) >= 0) {
            throw new IllegalArgumentException("table " + name + " comes after " + table + ": the catalog is not in"
                    + " code-point order, so its ids could repeat");
        }
        if (!name.database().equals(database)) {
            database = name.database();
            schema = null;
            resource("database", ResourceIds.database(database), null, database);
            resources.generator.writeEndObject();
        }
        if (!name.schema().equals(schema)) {
            schema = name.schema();
            resource("schema", ResourceIds.schema(database, schema), ResourceIds.database(database), schema);
            resources.generator.writeEndObject();
        }
        table = name;
        tableId = ResourceIds.table(name);
        tableIds.add(tableId);
        tableColumns.clear();
        TableDetails details = pending != null && pending.name().equals(name) ? pending : null;
        pending = null;
        keyColumns = details == null ? Set.of() : Set.copyOf(details.primaryKey());
        JsonGenerator g = resources.generator;
        resource("table", tableId, ResourceIds.schema(database, schema), name.table());
        optional(g, "description", row.tableDescription());
        g.writeStringProperty("native_type", details != null && details.nativeType() != null ? details.nativeType()
                : row.view() ? "view" : "table");
        if (options.viewSql() && details != null && details.definition() != null && !details.definition().isBlank()) {
            g.writeStringProperty("definition", SqlBlocks.fenced(details.definition()));
            viewsWithSql++;
        }
        if (row.lastUpdatedEpochSeconds() != null) {
            g.writeStringProperty("external_updated_at",
                    UPDATED_AT.format(Instant.ofEpochSecond(row.lastUpdatedEpochSeconds())));
        }
        g.writeStringProperty("schema", name.schema());
        g.writeStringProperty("database", name.database());
        g.writeEndObject();
    }

    private void resource(String type, String id, String parent, String title) {
        JsonGenerator g = resources.begin();
        g.writeStringProperty("entity_type", type);
        g.writeStringProperty("databuilder_id", id);
        optional(g, "parent_databuilder_id", parent);
        g.writeStringProperty("title", title);
    }

    private static void optional(JsonGenerator g, String property, String value) {
        // Secoda's own example leaves out what is unknown rather than writing null.
        if (value != null) {
            g.writeStringProperty(property, value);
        }
    }

    private static String required(String value, String what, ColumnRow row) {
        if (value == null) {
            throw new IllegalArgumentException("the " + what + " of " + row.qualifiedName() + " is null;"
                    + " resources.jsonl needs every name");
        }
        return value;
    }

    /** Edges dropped because neither end is a resource of this upload (a view left out, say). */
    public long edgesWithoutEnd() {
        return lineageLines.withoutEnd();
    }

    /** Flushes and closes both files; {@link #stats()} and {@link #details()} are available afterwards. */
    @Override
    public void close() throws IOException {
        if (stats != null) {
            return;
        }
        try (JsonlOutput closingLineage = lineage) {
            resources.close();
        }
        // One hash for the pair: the guards compare both files together.
        MessageDigest both = sha256();
        both.update(resources.hex().getBytes(StandardCharsets.US_ASCII));
        both.update((byte) '\n');
        both.update(lineage.hex().getBytes(StandardCharsets.US_ASCII));
        stats = counter.stats(HexFormat.of().formatHex(both.digest()));
    }

    /** Counts of both files and the hash of the pair; only after {@link #close()}. */
    public CatalogStats stats() {
        if (stats == null) {
            throw new IllegalStateException("the JSONL files are still open");
        }
        return stats;
    }

    /** Keys, view definitions and lineage edges written; only after {@link #close()}. */
    public DetailCounts details() {
        stats();
        return new DetailCounts(keys, viewsWithSql, lineageLines.written());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
