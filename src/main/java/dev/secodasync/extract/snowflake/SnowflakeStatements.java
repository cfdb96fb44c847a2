package dev.secodasync.extract.snowflake;

import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.SchemaPatterns;
import dev.secodasync.extract.WarehouseReadException;
import dev.secodasync.sql.SqlFiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every statement of one warehouse's read shares: the statements under {@code sql/snowflake/},
 * the warehouse's filters as bound parameters, the fetch size, and Snowflake's errors as messages.
 */
final class SnowflakeStatements {

    private static final Logger log = LoggerFactory.getLogger(SnowflakeStatements.class);

    /** "Information schema query returned too much data. Please repeat query with more selective predicates." */
    static final int TOO_MUCH_DATA = 90030;

    private final SnowflakeSql sql;

    private final WarehouseProperties warehouse;

    private final int fetchSize;

    SnowflakeStatements(SnowflakeSql sql, WarehouseProperties warehouse, int fetchSize) {
        this.sql = sql;
        this.warehouse = warehouse;
        this.fetchSize = fetchSize;
    }

    SnowflakeSql sql() {
        return sql;
    }

    WarehouseProperties warehouse() {
        return warehouse;
    }

    /** {@code namedSql} prepared on {@code session} with its parameters bound. */
    PreparedStatement prepare(Connection session, String namedSql, Map<String, Object> parameters)
            throws SQLException {
        SqlFiles.Bound query = SqlFiles.bind(namedSql, parameters);
        PreparedStatement prepared = session.prepareStatement(query.sql());
        try {
            prepared.setFetchSize(fetchSize);
            for (int i = 0; i < query.arguments().size(); i++) {
                prepared.setObject(i + 1, query.arguments().get(i));
            }
            return prepared;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(prepared);
            throw e;
        }
    }

    /** The filters every catalog statement takes; a fresh map, for the caller to add to. */
    Map<String, Object> filters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("include_schemas", SchemaPatterns.toRegex(warehouse.includeSchemas()));
        parameters.put("exclude_schemas", SchemaPatterns.toRegex(warehouse.excludeSchemas()));
        parameters.put("exclude_columns", SchemaPatterns.toRegex(warehouse.excludeColumns()));
        parameters.put("lower_case_names", warehouse.lowerCaseNames());
        return parameters;
    }

    /** The filters and the {@code INFORMATION_SCHEMA} views of one database. */
    Map<String, Object> databaseViews(String database) {
        Map<String, Object> parameters = filters();
        parameters.put("columns_view", SnowflakeNames.informationSchemaView(database, "COLUMNS"));
        parameters.put("tables_view", SnowflakeNames.informationSchemaView(database, "TABLES"));
        return parameters;
    }

    /** "database SALES: Snowflake error 002003 ...", {@code where} naming what was read. */
    static WarehouseReadException failure(String where, SQLException e) {
        return new WarehouseReadException(where + ": " + snowflakeError(e), e);
    }

    /** A failure that is not the driver's (an overridden statement that cannot be bound), worded as one. */
    static SQLException asSqlException(RuntimeException e) {
        return new SQLException(e.toString(), e);
    }

    /** "Snowflake error 002003: SQL compilation error: ..." - the code as Snowflake's documentation writes it. */
    static String snowflakeError(SQLException e) {
        String code = e.getErrorCode() == 0 ? "" : " " + String.format("%06d", e.getErrorCode());
        return "Snowflake error" + code + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")")
                + ": " + e.getMessage();
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing after the rows were read or a failure was reported: nothing is lost.
            log.debug("closing a Snowflake cursor or session failed", e);
        }
    }
}
