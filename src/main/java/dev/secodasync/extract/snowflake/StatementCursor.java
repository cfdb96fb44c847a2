package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.extract.ColumnRowMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The column rows of one executed catalog statement. A failure while reading names {@code where}
 * the rows came from; closing closes the statement, and the session too when the cursor owns it.
 */
final class StatementCursor implements RowCursor<ColumnRow> {

    private final ColumnRowMapper mapper = new ColumnRowMapper();

    private final String where;

    private final PreparedStatement statement;

    private final ResultSet rows;

    private Connection session;

    /** @param where "database X" or "database X, schema Y", for messages */
    StatementCursor(String where, PreparedStatement statement, ResultSet rows) {
        this.where = where;
        this.statement = statement;
        this.rows = rows;
    }

    /** This cursor, now also closing {@code session} when it closes. */
    StatementCursor owning(Connection session) {
        this.session = session;
        return this;
    }

    @Override
    public ColumnRow next() {
        try {
            return rows.next() ? mapper.mapRow(rows, 0) : null;
        } catch (SQLException e) {
            throw SnowflakeStatements.failure(where, e);
        }
    }

    @Override
    public void close() {
        SnowflakeStatements.closeQuietly(rows);
        SnowflakeStatements.closeQuietly(statement);
        SnowflakeStatements.closeQuietly(session);
        session = null;
    }
}
