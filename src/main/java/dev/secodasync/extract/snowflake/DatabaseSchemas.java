package dev.secodasync.extract.snowflake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code schemas.sql}: the schemas of one database that the filters keep, in CSV order, for the
 * per-schema fallback after error 090030. {@code SCHEMATA} stays small where {@code COLUMNS} does not.
 */
final class DatabaseSchemas {

    private DatabaseSchemas() {
    }

    /** @param running where the query executes, so that closing the reader can cancel it */
    static List<String> of(Connection session, String database, SnowflakeStatements statements,
            RunningStatements running) {
        Map<String, Object> parameters = statements.filters();
        parameters.put("schemata_view", SnowflakeNames.informationSchemaView(database, "SCHEMATA"));
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = statements.prepare(session, statements.sql().schemas(), parameters);
                ResultSet rows = running.executeQuery(statement)) {
            while (rows.next()) {
                names.add(rows.getString(2));
            }
        } catch (SQLException e) {
            throw SnowflakeStatements.failure("database " + database, e);
        }
        return names;
    }
}
