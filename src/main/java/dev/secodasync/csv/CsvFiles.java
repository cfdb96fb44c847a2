package dev.secodasync.csv;

import java.nio.file.Path;

/**
 * Where each warehouse's CSV lives: {@code <state-dir>/out/<warehouse>.csv}, written first to
 * {@code <warehouse>.csv.part} beside it and renamed when complete.
 */
public record CsvFiles(Path stateDir) {

    /** The folder holding the CSV files. */
    public Path outDir() {
        return stateDir.resolve("out");
    }

    /** The last complete CSV of the warehouse. */
    public Path csv(String warehouse) {
        return outDir().resolve(warehouse + ".csv");
    }

    /** A copy of the last CSV Secoda accepted for this warehouse: the base of guards and comparisons. */
    public Path uploaded(String warehouse) {
        return outDir().resolve(warehouse + ".uploaded.csv");
    }

    /** The file a CSV is written to before it is complete. */
    public Path part(String warehouse) {
        return outDir().resolve(warehouse + ".csv.part");
    }
}
