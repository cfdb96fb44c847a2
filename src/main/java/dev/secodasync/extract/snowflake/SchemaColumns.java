package dev.secodasync.extract.snowflake;

import dev.secodasync.catalog.ColumnRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@code columns-by-schema.sql}: one database read schema after schema, after its
 * {@code columns.sql} failed with 090030. Each schema's query starts when the previous schema has
 * been read, in the database's session, so the database still holds one cursor at a time.
 */
final class SchemaColumns implements RowCursor<ColumnRow> {

    private final Connection session;

    private final String database;

    private final SnowflakeStatements statements;

    private final Deque<String> schemas;

    private StatementCursor current;

    /** @param session the database's session, closed with this cursor */
    SchemaColumns(Connection session, String database, List<String> schemas, SnowflakeStatements statements) {
        this.session = session;
        this.database = database;
        this.schemas = new ArrayDeque<>(schemas);
        this.statements = statements;
    }

    @Override
    public ColumnRow next() {
        while (true) {
            if (current != null) {
                ColumnRow row = current.next();
                if (row != null) {
                    return row;
                }
                current.close();
                current = null;
            }
            String schema = schemas.poll();
            if (schema == null) {
                return null;
            }
            current = open(schema);
        }
    }

    private StatementCursor open(String schema) {
        String where = "database " + database + ", schema " + schema;
        Map<String, Object> parameters = statements.databaseViews(database);
        parameters.put("schema_name", schema);
        PreparedStatement statement = null;
        try {
            statement = statements.prepare(session, statements.sql().columnsBySchema(), parameters);
            return new StatementCursor(where, statement, statement.executeQuery());
        } catch (SQLException e) {
            SnowflakeStatements.closeQuietly(statement);
            throw SnowflakeStatements.failure(where, e);
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        SnowflakeStatements.closeQuietly(session);
    }
}
