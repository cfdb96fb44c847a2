package dev.secodasync.extract.jdbc;

/**
 * One schema as the driver names it in {@code DatabaseMetaData} calls, and as the CSV names it.
 *
 * @param catalog the catalog argument of {@code getTables} / {@code getColumns}: the driver's
 *     catalog, or null when it has none (SQLite) or reports none for the schema
 * @param schema the exact schema name, or null when the driver has no schema level (MySQL-like
 *     drivers, whose catalogs are the databases; SQLite)
 * @param database the CSV's {@code database}
 * @param schemaName the CSV's {@code schema}
 */
public record JdbcNamespace(String catalog, String schema, String database, String schemaName) {

    /** The schema as "database"."schema", for messages. */
    public String qualified() {
        return "\"" + database.replace("\"", "\"\"") + "\".\"" + schemaName.replace("\"", "\"\"") + "\"";
    }
}
