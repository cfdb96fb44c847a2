package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.TableName;
import dev.secodasync.extract.WarehouseReadException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code primary-keys.sql}: the declared primary keys of one database through
 * {@code SHOW PRIMARY KEYS}. SHOW answers at most {@code pageSize} rows and this command takes no
 * {@code LIMIT ... FROM}, so an answer that may have been cut off is asked again per schema, and a
 * schema's per table: a key is never lost silently. Names are Snowflake's own (not folded).
 */
final class DatabasePrimaryKeys {

    /** One row of SHOW PRIMARY KEYS. */
    private record KeyColumn(TableName table, String column, int sequence) {
    }

    private final String showSql;

    private final int pageSize;

    /** @param pageSize the most rows SHOW answers (10,000 in Snowflake); an answer this long may be cut off */
    DatabasePrimaryKeys(SnowflakeSql sql, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("the SHOW page size must be at least 1, not " + pageSize);
        }
        this.showSql = SnowflakeDatabases.withoutCommentLines(sql.primaryKeys());
        this.pageSize = pageSize;
    }

    /**
     * The key columns of every table of {@code database} that has a primary key, in key order.
     *
     * @param tables the database's tables that may have a key (views cannot), for the narrower scopes
     * @throws WarehouseReadException naming the database and the scope that failed
     */
    Map<TableName, List<String>> of(Connection session, String database, Collection<TableName> tables,
            RunningStatements running) {
        List<KeyColumn> rows = new ArrayList<>();
        List<KeyColumn> whole = show(session, database, "DATABASE " + SnowflakeNames.quoteIdentifier(database), running);
        if (whole.size() < pageSize) {
            rows.addAll(whole);
        } else {
            Map<String, List<TableName>> bySchema = new LinkedHashMap<>();
            tables.forEach(t -> bySchema.computeIfAbsent(t.schema(), s -> new ArrayList<>()).add(t));
            bySchema.forEach((schema, ofSchema) -> rows.addAll(schemaKeys(session, database, schema, ofSchema, running)));
        }
        return grouped(rows);
    }

    private List<KeyColumn> schemaKeys(Connection session, String database, String schema, List<TableName> tables,
            RunningStatements running) {
        String scope = "SCHEMA " + SnowflakeNames.quoteIdentifier(database) + "." + SnowflakeNames.quoteIdentifier(schema);
        List<KeyColumn> rows = show(session, database, scope, running);
        if (rows.size() < pageSize) {
            return rows;
        }
        List<KeyColumn> byTable = new ArrayList<>();
        for (TableName table : tables) {
            String tableScope = "TABLE " + SnowflakeNames.quoteIdentifier(database) + "."
                    + SnowflakeNames.quoteIdentifier(schema) + "." + SnowflakeNames.quoteIdentifier(table.table());
            List<KeyColumn> ofTable = show(session, database, tableScope, running);
            if (ofTable.size() >= pageSize) {
                throw new WarehouseReadException("database " + database + ", SHOW PRIMARY KEYS IN " + tableScope
                        + ": answered " + ofTable.size() + " rows, SHOW's most; the keys cannot be read completely", null);
            }
            byTable.addAll(ofTable);
        }
        return byTable;
    }

    private List<KeyColumn> show(Connection session, String database, String scope, RunningStatements running) {
        List<KeyColumn> rows = new ArrayList<>();
        try (PreparedStatement statement = session.prepareStatement(showSql + " " + scope);
                ResultSet rs = running.executeQuery(statement)) {
            while (rs.next()) {
                rows.add(new KeyColumn(new TableName(rs.getString("database_name"), rs.getString("schema_name"),
                        rs.getString("table_name")), rs.getString("column_name"), rs.getInt("key_sequence")));
            }
        } catch (SQLException e) {
            throw SnowflakeStatements.failure("database " + database + ", SHOW PRIMARY KEYS IN " + scope, e);
        }
        return rows;
    }

    private static Map<TableName, List<String>> grouped(List<KeyColumn> rows) {
        rows.sort(Comparator.comparing(KeyColumn::table).thenComparingInt(KeyColumn::sequence));
        Map<TableName, List<String>> keys = new HashMap<>();
        for (KeyColumn row : rows) {
            keys.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row.column());
        }
        return keys;
    }
}
