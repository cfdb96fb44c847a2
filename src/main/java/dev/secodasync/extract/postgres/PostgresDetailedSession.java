package dev.secodasync.extract.postgres;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.extract.DetailRows;
import dev.secodasync.extract.DetailedCatalogReader;
import dev.secodasync.sql.SqlFiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The JSONL format's reading of one PostgreSQL database: {@code settings.sql}, then
 * {@code tables.sql}, the {@code columns.sql} COPY and {@code lineage.sql}, all in one read-only
 * repeatable-read transaction, so the details, columns and lineage describe one catalog.
 */
final class PostgresDetailedSession implements DetailedCatalogReader.Session {

    private static final int FETCH_SIZE = 1000;

    private final Connection connection;

    private final String tables;

    private final String columns;

    private final String lineage;

    private PostgresDetailedSession(Connection connection, String tables, String columns, String lineage) {
        this.connection = connection;
        this.tables = tables;
        this.columns = columns;
        this.lineage = lineage;
    }

    static PostgresDetailedSession open(DataSource dataSource, SqlFiles.Bound settings, String tables, String columns,
            String lineage) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            PostgresCopyReader.beginWithSettings(connection, settings);
            return new PostgresDetailedSession(connection, tables, columns, lineage);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ItemStreamException(e.getMessage(), e);
        }
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    // A fetch size inside a transaction makes the driver read through a portal, not all at once.
    private void query(String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    @Override
    public void tables(Consumer<TableDetails> each) throws SQLException {
        query(tables, rs -> each.accept(DetailRows.table(rs)));
    }

    @Override
    public ItemStreamReader<ColumnRow> columns() {
        return new PostgresCopyReader(connection, columns);
    }

    @Override
    public void lineage(Consumer<LineageEdge> each) throws SQLException {
        query(lineage, rs -> each.accept(DetailRows.lineage(rs)));
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // Read-only work: closing the connection ends the transaction anyway.
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing left to do with it.
        }
    }
}
