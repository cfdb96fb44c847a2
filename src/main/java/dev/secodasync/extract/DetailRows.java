package dev.secodasync.extract;

import dev.secodasync.catalog.LineageEdge;
import dev.secodasync.catalog.TableDetails;
import dev.secodasync.catalog.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps the rows every dialect's {@code tables.sql} and {@code lineage.sql} return (by position,
 * the same in every dialect) to {@link TableDetails} and {@link LineageEdge}.
 *
 * <p>{@code tables.sql}: database_name, schema_name, table_name, native_type, definition,
 * primary_key (a JSON array of the key's column names, or null). {@code lineage.sql}:
 * source_database, source_schema, source_table (null when the source is a query),
 * target_database, target_schema, target_table, source_sql (null when the source is a table).
 */
public final class DetailRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DetailRows() {
    }

    /** One row of {@code tables.sql}. */
    public static TableDetails table(ResultSet rs) throws SQLException {
        return new TableDetails(new TableName(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4),
                rs.getString(5), keyColumns(rs.getString(6)));
    }

    /** One row of {@code lineage.sql}. */
    public static LineageEdge lineage(ResultSet rs) throws SQLException {
        TableName target = new TableName(rs.getString(4), rs.getString(5), rs.getString(6));
        String sourceTable = rs.getString(3);
        if (sourceTable == null) {
            return new LineageEdge(null, rs.getString(7), target);
        }
        return LineageEdge.from(new TableName(rs.getString(1), rs.getString(2), sourceTable), target);
    }

    /** The key's column names from a JSON array of strings. */
    public static List<String> keyColumns(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JacksonException e) {
            throw new IllegalStateException("tables.sql returned a primary_key that is not a JSON array of names: "
                    + json, e);
        }
    }
}
