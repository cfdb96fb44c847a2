package dev.secodasync.extract;

import dev.secodasync.sql.SqlFiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams {@code sql/postgres/columns.sql} through a declared server-side cursor
 * ({@code declare-cursor.sql}, then {@code fetch.sql} until it returns nothing), one batch in
 * memory at a time. Spring Batch's {@code JdbcCursorItemReader} streams through the driver's
 * protocol-level portal instead, which PostgreSQL plans for the whole result: on a million columns
 * that meant a full sort before the first row. See {@code bench/README.md}.
 */
class PostgresCursorReader implements ItemStreamReader<ColumnRow> {

    private final DataSource dataSource;

    private final SqlFiles.Bound query;

    private final ColumnRowMapper mapper = new ColumnRowMapper();

    private Connection connection;

    private PreparedStatement fetch;

    private ResultSet batch;

    private boolean exhausted;

    PostgresCursorReader(DataSource dataSource, SqlFiles.Bound query) {
        this.dataSource = dataSource;
        this.query = query;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        try {
            connection = dataSource.getConnection();
            // A cursor lives in a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement declare = connection.prepareStatement(
                    SqlFiles.load("postgres", "declare-cursor") + query.sql())) {
                for (int i = 0; i < query.arguments().size(); i++) {
                    declare.setObject(i + 1, query.arguments().get(i));
                }
                declare.execute();
            }
            fetch = connection.prepareStatement(SqlFiles.load("postgres", "fetch"));
        } catch (SQLException e) {
            close();
            throw new ItemStreamException(e.getMessage(), e);
        }
    }

    @Override
    public ColumnRow read() throws SQLException {
        while (!exhausted) {
            if (batch != null && batch.next()) {
                return mapper.mapRow(batch, 0);
            }
            if (batch != null) {
                batch.close();
            }
            batch = fetch.executeQuery();
            // An empty batch is the end of the cursor.
            exhausted = !batch.isBeforeFirst();
        }
        return null;
    }

    @Override
    public void close() {
        try (Connection closing = connection; PreparedStatement fetching = fetch; ResultSet rows = batch) {
            if (closing != null) {
                // Read-only work: rolling back ends the transaction and drops the cursor.
                closing.rollback();
            }
        } catch (SQLException e) {
            // Closing the connection ends the session and everything in it anyway.
        } finally {
            connection = null;
            fetch = null;
            batch = null;
        }
    }
}
