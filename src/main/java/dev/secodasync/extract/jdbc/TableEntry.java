package dev.secodasync.extract.jdbc;

/**
 * One table or view of a schema, from {@code getTables}: what every CSV row of its columns repeats.
 *
 * @param name the table's name, shared by all its rows
 * @param description {@code REMARKS}, or null
 * @param view whether {@code TABLE_TYPE} names a view
 */
record TableEntry(String name, String description, boolean view) {
}
