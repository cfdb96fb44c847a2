package dev.secodasync.report;

import java.io.Serializable;
import java.util.List;

/**
 * Rows of a warehouse left out of the upload because Secoda would reject their names (a period in
 * a name), so that the rest of the catalog still syncs.
 *
 * @param count how many rows (columns) were left out
 * @param first the first of them, as quoted database.schema.table.column names
 */
public record RowsLeftOut(long count, List<String> first) implements Serializable {

    /** How many names {@link #first} keeps at most. */
    public static final int FIRST = 20;

    public RowsLeftOut {
        first = List.copyOf(first);
    }
}
