package dev.secodasync.secoda;

/**
 * The multipart part names of a JSONL upload; Secoda's documentation names the files, not the parts.
 *
 * @param resources part carrying resources.jsonl
 * @param lineage part carrying lineage.jsonl
 */
public record JsonlPartNames(String resources, String lineage) {
}
