package dev.secodasync.extract.jdbc;

import java.util.List;

/**
 * The primary key of one table, as {@code getPrimaryKeys} reports it.
 *
 * @param database the CSV's database
 * @param schema the CSV's schema
 * @param table the table's name
 * @param name {@code PK_NAME}, or null when the driver gives none (SQLite, MariaDB's {@code PRIMARY})
 * @param columns the key's columns in {@code KEY_SEQ} order
 */
public record PrimaryKey(String database, String schema, String table, String name, List<String> columns) {

    public PrimaryKey {
        columns = List.copyOf(columns);
    }
}
