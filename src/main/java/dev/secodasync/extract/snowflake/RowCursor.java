package dev.secodasync.extract.snowflake;

/**
 * The rows of one query, read once from first to last, then closed.
 *
 * @param <T> a row
 */
interface RowCursor<T> extends AutoCloseable {

    /**
     * The next row, or null after the last.
     *
     * @throws RuntimeException naming where the rows came from (the database, the schema)
     */
    T next();

    /** Releases the statement (and the session, if the cursor owns one); never fails. */
    @Override
    void close();
}
