package dev.secodasync.extract;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.sql.SqlFiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The detailed reading of a dialect whose catalog is plain queries (H2, MySQL): {@code tables.sql},
 * {@code columns.sql} and {@code lineage.sql} on one connection, in one read-only
 * repeatable-read transaction, so the three see one catalog.
 */
public final class PlainDetailedSession implements DetailedCatalogReader.Session {

    private final Connection connection;

    private final SqlFiles.Bound tables;

    private final SqlFiles.Bound columns;

    private final SqlFiles.Bound lineage;

    private final int fetchSize;

    private PlainDetailedSession(Connection connection, SqlFiles.Bound tables, SqlFiles.Bound columns,
            SqlFiles.Bound lineage, int fetchSize) {
        this.connection = connection;
        this.tables = tables;
        this.columns = columns;
        this.lineage = lineage;
        this.fetchSize = fetchSize;
    }

    /** Connects and begins the transaction. */
    public static PlainDetailedSession open(DataSource dataSource, SqlFiles.Bound tables, SqlFiles.Bound columns,
            SqlFiles.Bound lineage, int fetchSize) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return new PlainDetailedSession(connection, tables, columns, lineage, fetchSize);
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // The connection failure is what matters.
                }
            }
            throw new ItemStreamException(e.getMessage(), e);
        }
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private void query(SqlFiles.Bound query, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = prepare(query); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                handler.row(rs);
            }
        }
    }

    private PreparedStatement prepare(SqlFiles.Bound query) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        List<?> arguments = query.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            statement.setObject(i + 1, arguments.get(i));
        }
        return statement;
    }

    @Override
    public void tables(Consumer<TableDetails> each) throws SQLException {
        query(tables, rs -> each.accept(DetailRows.table(rs)));
    }

    @Override
    public ItemStreamReader<ColumnRow> columns() {
        return new ItemStreamReader<>() {
            private PreparedStatement statement;
            private ResultSet rs;
            private final ColumnRowMapper mapper = new ColumnRowMapper();

            @Override
            public void open(ExecutionContext context) {
                try {
                    statement = prepare(columns);
                    rs = statement.executeQuery();
                } catch (SQLException e) {
                    throw new ItemStreamException(e.getMessage(), e);
                }
            }

            @Override
            public ColumnRow read() throws SQLException {
                return rs.next() ? mapper.mapRow(rs, rs.getRow()) : null;
            }

            @Override
            public void close() {
                try (PreparedStatement closing = statement) {
                    if (rs != null) {
                        rs.close();
                    }
                } catch (SQLException e) {
                    // Ending the session closes everything anyway.
                } finally {
                    rs = null;
                    statement = null;
                }
            }
        };
    }

    @Override
    public void lineage(Consumer<LineageEdge> each) throws SQLException {
        query(lineage, rs -> each.accept(DetailRows.lineage(rs)));
    }

    @Override
    public void close() {
        try (Connection closing = connection) {
            closing.rollback();
        } catch (SQLException e) {
            // Read-only work: closing the connection ends the transaction anyway.
        }
    }
}
