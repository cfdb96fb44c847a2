package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.extract.WarehouseReadException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code columns.sql}: the columns of one database from its {@code INFORMATION_SCHEMA}, opened on
 * a query thread in a session of its own, which the cursor holds until it closes. A database too
 * big for one query (error 090030) is read schema by schema instead ({@link SchemaColumns}).
 */
final class DatabaseColumns implements OrderedQueries.Query<String, ColumnRow> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseColumns.class);

    private final SessionPool sessions;

    private final SnowflakeStatements statements;

    DatabaseColumns(SessionPool sessions, SnowflakeStatements statements) {
        this.sessions = sessions;
        this.statements = statements;
    }

    @Override
    public RowCursor<ColumnRow> open(String database, RunningStatements running) {
        Connection session;
        try {
            session = sessions.borrow();
        } catch (SQLException e) {
            throw new WarehouseReadException("cannot sign in to Snowflake (a session for database " + database
                    + "): " + SnowflakeStatements.snowflakeError(e), e);
        }
        try {
            return open(session, database, running);
        } catch (RuntimeException e) {
            SnowflakeStatements.closeQuietly(session);
            throw e;
        }
    }

    private RowCursor<ColumnRow> open(Connection session, String database, RunningStatements running) {
        String where = "database " + database;
        PreparedStatement statement = null;
        try {
            statement = statements.prepare(session, statements.sql().columns(), statements.databaseViews(database));
            return new StatementCursor(where, statement, running.executeQuery(statement)).owning(session);
        } catch (SQLException | RuntimeException e) {
            SnowflakeStatements.closeQuietly(statement);
            SQLException failure = e instanceof SQLException sql ? sql : SnowflakeStatements.asSqlException((RuntimeException) e);
            if (failure.getErrorCode() != SnowflakeStatements.TOO_MUCH_DATA) {
                throw SnowflakeStatements.failure(where, failure);
            }
        }
        List<String> schemas = DatabaseSchemas.of(session, database, statements, running);
        log.info("Warehouse '{}': database {} answered 090030 (information schema query returned too much"
                + " data); reading its {} schema(s) one by one", statements.warehouse().name(), database, schemas.size());
        return new SchemaColumns(session, database, schemas, statements);
    }
}
