package dev.secodasync.jsonl;

import java.nio.file.Path;

/**
 * Where each warehouse's JSONL files live: {@code <state-dir>/out/<warehouse>.resources.jsonl} and
 * {@code <warehouse>.lineage.jsonl}, each written first to a {@code .part} beside it and renamed
 * when both are complete; the copies Secoda accepted last under {@code out/uploaded/}.
 */
public record JsonlFiles(Path stateDir) {

    /** The folder holding the files. */
    public Path outDir() {
        return stateDir.resolve("out");
    }

    /** The last complete resources file of the warehouse. */
    public Path resources(String warehouse) {
        return outDir().resolve(warehouse + ".resources.jsonl");
    }

    /** The last complete lineage file of the warehouse. */
    public Path lineage(String warehouse) {
        return outDir().resolve(warehouse + ".lineage.jsonl");
    }

    /** The last resources file Secoda accepted, the base of the schema comparison. */
    public Path uploadedResources(String warehouse) {
        return outDir().resolve("uploaded").resolve(warehouse + ".resources.jsonl");
    }

    /** The last lineage file Secoda accepted. */
    public Path uploadedLineage(String warehouse) {
        return outDir().resolve("uploaded").resolve(warehouse + ".lineage.jsonl");
    }

    /** The file {@code complete} is written to before it is complete. */
    public static Path part(Path complete) {
        return complete.resolveSibling(complete.getFileName() + ".part");
    }
}
