package dev.secodasync.testsupport;

import dev.secodasync.catalog.ColumnRow;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Reads an extractor's whole stream, as the extract step does, and closes it. */
public final class Rows {

    private Rows() {
    }

    public static List<ColumnRow> readAll(ItemStreamReader<ColumnRow> reader) throws Exception {
        reader.open(new ExecutionContext());
        try {
            List<ColumnRow> rows = new ArrayList<>();
            for (ColumnRow row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
            return rows;
        } finally {
            reader.close();
        }
    }
}
