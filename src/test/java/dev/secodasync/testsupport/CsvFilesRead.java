package dev.secodasync.testsupport;

import dev.secodasync.csv.SecodaCsvWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a Secoda CSV back as a person's spreadsheet would: header checked, one map per row. */
public final class CsvFilesRead {

    private CsvFilesRead() {
    }

    /** The rows of the file as header-to-value maps; fails when the header is not Secoda's. */
    public static List<Map<String, String>> rows(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            if (!parser.getHeaderNames().equals(SecodaCsvWriter.HEADER)) {
                throw new AssertionError("header is " + parser.getHeaderNames() + ", expected " + SecodaCsvWriter.HEADER);
            }
            return parser.stream().map(CSVRecord::toMap).toList();
        }
    }

    /** The rows as "schema.table.column" keys in file order, for order assertions. */
    public static List<String> keys(List<Map<String, String>> rows) {
        return rows.stream().map(r -> r.get("schema") + "." + r.get("name") + "." + r.get("col_name")).toList();
    }
}
