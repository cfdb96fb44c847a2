package dev.secodasync.extract.postgres;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.sql.SqlFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Streams {@code sql/postgres/columns.sql}, a {@code COPY ... TO STDOUT}, after
 * {@code settings.sql} in the same read-only transaction. COPY keeps the server producing rows
 * while the job decodes them; a cursor's {@code FETCH} left it idle for each batch's round trip,
 * and the driver's own streaming gets a plan that sorts everything before the first row. Memory
 * holds one row at a time (the socket buffers the rest). See {@code bench/README.md}.
 */
class PostgresCopyReader implements ItemStreamReader<ColumnRow> {

    private static final Logger log = LoggerFactory.getLogger(PostgresCopyReader.class);

    private final DataSource dataSource;

    private final SqlFiles.Bound settings;

    private final String copySql;

    private final CopyTextRowParser parser = new CopyTextRowParser();

    // Set when the caller owns the connection and its transaction (the JSONL format's session).
    private final Connection given;

    private Connection connection;

    private CopyOut copy;

    PostgresCopyReader(DataSource dataSource, SqlFiles.Bound settings, String copySql) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.copySql = copySql;
        this.given = null;
    }

    /** Streams {@code copySql} on a connection whose transaction the caller began and ends. */
    PostgresCopyReader(Connection given, String copySql) {
        this.dataSource = null;
        this.settings = null;
        this.copySql = copySql;
        this.given = given;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        try {
            if (given != null) {
                connection = given;
            } else {
                connection = dataSource.getConnection();
                beginWithSettings(connection, settings);
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        } catch (SQLException e) {
            close();
            throw new ItemStreamException(e.getMessage(), e);
        }
    }

    /**
     * Opens a read-only transaction on {@code connection} and runs {@code settings.sql} in it,
     * leaving it open for columns.sql or check.sql; the caller rolls it back. Read-only: the
     * settings are local to it, and an overridden statement (sync.sql-dir) cannot change the
     * warehouse.
     */
    static void beginWithSettings(Connection connection, SqlFiles.Bound settings) throws SQLException {
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        // One snapshot for every statement of the transaction: the JSONL format reads the table
        // details, the columns and the lineage one after the other.
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        JdbcClient.create(new SingleConnectionDataSource(connection, true))
                .sql(settings.sql())
                .params(settings.arguments())
                .query()
                .singleRow();
    }

    @Override
    public ColumnRow read() throws SQLException {
        byte[] line = copy.readFromCopy();
        if (line == null) {
            return null;
        }
        ColumnRow row = parser.parse(line);
        List<String> replaced = parser.replacedFields();
        if (!replaced.isEmpty()) {
            // A comment is documentation: one mis-encoded byte must not keep the whole catalog
            // from Secoda. The text goes with U+FFFD in its place, and the log says where to fix it.
            log.warn("Column {}: the {} held bytes that are not UTF-8 (a SQL_ASCII database?), replaced by U+FFFD;"
                    + " fix the text in the database", row.qualifiedName(), String.join(" and the ", replaced));
        }
        return row;
    }

    @Override
    public void close() {
        if (given != null) {
            closeCopy();
            return;
        }
        try (Connection closing = connection) {
            if (copy != null && copy.isActive()) {
                // Stopped early (a failed write): ask the server to stop sending. The rollback
                // below may then fail on rows still in flight; closing the connection ends it all.
                copy.cancelCopy();
            }
            if (closing != null) {
                // Read-only work: rolling back ends the transaction and its settings.
                closing.rollback();
            }
        } catch (SQLException e) {
            // Closing the connection ends the session and everything in it anyway.
        } finally {
            connection = null;
            copy = null;
        }
    }

    private void closeCopy() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The session's rollback and close end it all.
        } finally {
            copy = null;
            connection = null;
        }
    }
}
