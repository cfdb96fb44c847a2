package dev.secodasync.extract;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.sql.SqlFiles;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The two statements of a dialect whose catalog is one plain query: its rows through a cursor, and its count. */
public final class CursorQueries {

    private CursorQueries() {
    }

    /** {@code columns.sql} streamed through a forward-only cursor, {@code fetchSize} rows a round trip. */
    public static ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse, SqlFiles.Bound query, int fetchSize) {
        return new JdbcCursorItemReaderBuilder<ColumnRow>()
                .name("columns-" + warehouse.name())
                .dataSource(WarehouseConnections.dataSource(warehouse))
                .sql(query.sql())
                .queryArguments(query.arguments())
                .rowMapper(new ColumnRowMapper())
                .connectionAutoCommit(false)
                .fetchSize(fetchSize)
                .verifyCursorPosition(false)
                .saveState(false)
                .build();
    }

    /** {@code check.sql}'s one row of {@code tables} and {@code columns}. */
    public static CatalogCount count(WarehouseProperties warehouse, SqlFiles.Bound query) {
        return JdbcClient.create(WarehouseConnections.dataSource(warehouse))
                .sql(query.sql())
                .params(query.arguments())
                .query((rs, n) -> new CatalogCount(rs.getLong("tables"), rs.getLong("columns")))
                .single();
    }
}
