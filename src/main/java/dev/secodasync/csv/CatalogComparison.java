package dev.secodasync.csv;

import dev.secodasync.catalog.CodePointOrder;
import dev.secodasync.catalog.SchemaChanges;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Compares a new catalog CSV with the last one Secoda accepted by a streaming merge: both files
 * are sorted by database, schema, table in code-point order (the CSV contract), so one pass over
 * each, holding one table of each side at a time, finds every added or removed table and every
 * added, removed or retyped column. Memory is bounded by the size of the largest table, never the
 * catalog.
 */
public final class CatalogComparison {

    /** How many names each list of {@link SchemaChanges} keeps. */
    public static final int FIRST = 10;

    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private CatalogComparison() {
    }

    /**
     * The changes from {@code previous} to {@code current}.
     *
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when a file is not a Secoda CSV or not sorted as the contract says
     */
    public static SchemaChanges compare(Path current, Path previous) throws IOException {
        try (Reader newReader = Files.newBufferedReader(current, StandardCharsets.UTF_8);
                Reader oldReader = Files.newBufferedReader(previous, StandardCharsets.UTF_8);
                CSVParser newParser = parse(newReader, current);
                CSVParser oldParser = parse(oldReader, previous)) {
            return merge(new Tables(newParser.iterator(), current), new Tables(oldParser.iterator(), previous));
        }
    }

    private static CSVParser parse(Reader reader, Path file) throws IOException {
        CSVParser parser = READ.parse(reader);
        if (!parser.getHeaderNames().containsAll(List.of("col_name", "col_type", "database", "schema", "name"))) {
            parser.close();
            throw new IllegalArgumentException(file + " is not a Secoda catalog CSV (header " + parser.getHeaderNames() + ")");
        }
        return parser;
    }

    private static SchemaChanges merge(Tables current, Tables previous) {
        Collected tablesAdded = new Collected();
        Collected tablesRemoved = new Collected();
        Collected columnsAdded = new Collected();
        Collected columnsRemoved = new Collected();
        long typeChanges = 0;
        List<SchemaChanges.TypeChange> firstTypeChanges = new ArrayList<>();

        Table a = current.next();
        Table b = previous.next();
        while (a != null || b != null) {
            int order = a == null ? 1 : b == null ? -1 : a.compareTo(b);
            if (order < 0) {
                tablesAdded.add(a.name());
                a = current.next();
            } else if (order > 0) {
                tablesRemoved.add(b.name());
                b = previous.next();
            } else {
                for (Map.Entry<String, String> column : a.columns().entrySet()) {
                    String oldType = b.columns().get(column.getKey());
                    String qualified = a.name() + "." + column.getKey();
                    if (!b.columns().containsKey(column.getKey())) {
                        columnsAdded.add(qualified);
                    } else if (!oldType.equals(column.getValue())) {
                        typeChanges++;
                        if (firstTypeChanges.size() < FIRST) {
                            firstTypeChanges.add(new SchemaChanges.TypeChange(qualified, oldType, column.getValue()));
                        }
                    }
                }
                for (String column : b.columns().keySet()) {
                    if (!a.columns().containsKey(column)) {
                        columnsRemoved.add(b.name() + "." + column);
                    }
                }
                a = current.next();
                b = previous.next();
            }
        }
        return new SchemaChanges(tablesAdded.names(), tablesRemoved.names(), columnsAdded.names(),
                columnsRemoved.names(), new SchemaChanges.TypeChanges(typeChanges, firstTypeChanges));
    }

    /** One table of a CSV: its key and its columns with their types, in file order. */
    private record Table(String database, String schema, String table, Map<String, String> columns)
            implements Comparable<Table> {

        String name() {
            return database + "." + schema + "." + table;
        }

        @Override
        public int compareTo(Table other) {
            int c = CodePointOrder.compare(database, other.database);
            if (c == 0) {
                c = CodePointOrder.compare(schema, other.schema);
            }
            return c != 0 ? c : CodePointOrder.compare(table, other.table);
        }
    }

    /** Reads a CSV one table at a time (consecutive rows with the same database, schema, table). */
    private static final class Tables {

        private final Iterator<CSVRecord> records;

        private final Path file;

        private CSVRecord pending;

        private Table last;

        Tables(Iterator<CSVRecord> records, Path file) {
            this.records = records;
            this.file = file;
            this.pending = records.hasNext() ? records.next() : null;
        }

        Table next() {
            if (pending == null) {
                return null;
            }
            Map<String, String> columns = new LinkedHashMap<>();
            Table table = new Table(pending.get("database"), pending.get("schema"), pending.get("name"), columns);
            while (pending != null && pending.get("database").equals(table.database())
                    && pending.get("schema").equals(table.schema()) && pending.get("name").equals(table.table())) {
                columns.put(pending.get("col_name"), pending.get("col_type"));
                pending = records.hasNext() ? records.next() : null;
            }
            // A merge over unsorted input would report nonsense: refuse instead.
            if (last != null && last.compareTo(table) >= 0) {
                throw new IllegalArgumentException(file + " is not sorted by database, schema, table: "
                        + table.name() + " comes after " + last.name());
            }
            last = new Table(table.database(), table.schema(), table.table(), Map.of());
            return table;
        }
    }

    /** A count and the first {@link #FIRST} names. */
    private static final class Collected {

        private long count;

        private final List<String> first = new ArrayList<>();

        void add(String name) {
            count++;
            if (first.size() < FIRST) {
                first.add(name);
            }
        }

        SchemaChanges.Names names() {
            return new SchemaChanges.Names(count, first);
        }
    }
}
