package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.extract.SchemaPatterns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code account-usage-columns.sql}: every column of the account through one cursor over
 * {@code SNOWFLAKE.ACCOUNT_USAGE} ({@code account-usage: true}), in the reader's own session.
 */
final class AccountUsageColumns {

    /** How failures name this read, as if ACCOUNT_USAGE were the database read. */
    static final String WHERE = "database SNOWFLAKE.ACCOUNT_USAGE";

    private AccountUsageColumns() {
    }

    /** The executed query's cursor; closing it leaves {@code session} open. */
    static RowCursor<ColumnRow> open(Connection session, SnowflakeStatements statements) {
        PreparedStatement statement = null;
        try {
            statement = statements.prepare(session, statements.sql().accountUsageColumns(), parameters(statements));
            return new StatementCursor(WHERE, statement, statement.executeQuery());
        } catch (SQLException e) {
            SnowflakeStatements.closeQuietly(statement);
            throw SnowflakeStatements.failure(WHERE, e);
        }
    }

    private static Map<String, Object> parameters(SnowflakeStatements statements) {
        Map<String, Object> parameters = statements.filters();
        List<String> databases = statements.warehouse().databases();
        boolean all = databases.isEmpty();
        parameters.put("include_databases", all ? ".*" : SnowflakeNames.exactly(databases));
        parameters.put("exclude_databases", all ? SnowflakeNames.exactly(List.copyOf(SnowflakeDatabases.SYSTEM_DATABASES))
                : SchemaPatterns.NOTHING);
        return parameters;
    }
}
