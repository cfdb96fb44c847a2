package dev.secodasync.config;

/** What a warehouse is uploaded as: Secoda's custom-integration CSV, or its JSONL import. */
public enum OutputFormat {

    /** The CSV of columns and tables ({@code import_metadata}). */
    CSV,

    /**
     * {@code resources.jsonl} and {@code lineage.jsonl} ({@code import_jsonl_metadata}): databases,
     * schemas, tables and columns with primary keys, view SQL and lineage between tables.
     */
    JSONL
}
