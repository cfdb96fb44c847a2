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

    /**
     * A copy of the last CSV Secoda accepted for this warehouse, the base of the schema comparison:
     * {@code out/uploaded/<warehouse>.csv}, in a folder of its own so that no warehouse name can
     * make one warehouse's CSV path another's copy.
     */
    public Path uploaded(String warehouse) {
        return outDir().resolve("uploaded").resolve(warehouse + ".csv");
    }

    /** The file a CSV is written to before it is complete. */
    public Path part(String warehouse) {
        return outDir().resolve(warehouse + ".csv.part");
    }
}
