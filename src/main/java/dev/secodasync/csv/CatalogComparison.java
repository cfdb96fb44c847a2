package dev.secodasync.csv;

import dev.secodasync.catalog.CatalogDiff;
import dev.secodasync.catalog.SchemaChanges;
import dev.secodasync.catalog.TableName;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Compares a new catalog CSV with the last one Secoda accepted ({@link CatalogDiff}'s streaming
 * merge over both files, which the CSV contract sorts by database, schema, table).
 */
public final class CatalogComparison {

    /** How many names each list of {@link SchemaChanges} keeps. */
    public static final int FIRST = CatalogDiff.FIRST;

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
            try {
                return CatalogDiff.diff(new Tables(newParser.iterator()), new Tables(oldParser.iterator()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(current + " / " + previous + ": " + e.getMessage(), e);
            }
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

    /** Reads a CSV one table at a time (consecutive rows with the same database, schema, table). */
    private static final class Tables implements Iterator<CatalogDiff.TableColumns> {

        private final Iterator<CSVRecord> records;

        private CSVRecord pending;

        Tables(Iterator<CSVRecord> records) {
            this.records = records;
            this.pending = records.hasNext() ? records.next() : null;
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
            Map<String, String> columns = new LinkedHashMap<>();
            TableName table = new TableName(pending.get("database"), pending.get("schema"), pending.get("name"));
            while (pending != null && pending.get("database").equals(table.database())
                    && pending.get("schema").equals(table.schema()) && pending.get("name").equals(table.table())) {
                columns.put(pending.get("col_name"), pending.get("col_type"));
                pending = records.hasNext() ? records.next() : null;
            }
            return new CatalogDiff.TableColumns(table, columns, null);
        }
    }
}
