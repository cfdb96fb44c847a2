package dev.secodasync.extract;

import dev.secodasync.catalog.ColumnRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps the column set every {@code sql/<dialect>/columns.sql} returns (by position, the same in
 * every dialect) to a {@link ColumnRow}.
 */
public class ColumnRowMapper implements RowMapper<ColumnRow> {

    @Override
    public ColumnRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        long lastUpdated = rs.getLong(6);
        Long lastUpdatedOrNull = rs.wasNull() ? null : lastUpdated;
        return new ColumnRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getBoolean(5),
                lastUpdatedOrNull,
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getInt(10));
    }
}
