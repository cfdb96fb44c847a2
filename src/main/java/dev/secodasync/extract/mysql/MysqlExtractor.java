package dev.secodasync.extract.mysql;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.CatalogFilters;
import dev.secodasync.extract.ColumnRowMapper;
import dev.secodasync.extract.WarehouseConnections;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.sql.SqlFiles;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads a MySQL or MariaDB server: {@code sql/mysql/columns.sql} over {@code information_schema},
 * streamed (MariaDB Connector/J streams a result with a positive fetch size instead of reading it
 * whole into memory). MySQL has no schema level: the warehouse name stands for the database and
 * each MySQL database is a schema.
 */
public class MysqlExtractor implements WarehouseExtractor {

    private final SqlFiles sql;

    private final int fetchSize;

    public MysqlExtractor(SqlFiles sql, int fetchSize) {
        this.sql = sql;
        this.fetchSize = fetchSize;
    }

    @Override
    public WarehouseKind kind() {
        return WarehouseKind.MYSQL;
    }

    @Override
    public ItemStreamReader<ColumnRow> reader(WarehouseProperties warehouse) {
        SqlFiles.Bound query = SqlFiles.bind(sql.load("mysql", "columns"), parameters(warehouse));
        return new JdbcCursorItemReaderBuilder<ColumnRow>()
                .name("columns-" + warehouse.name())
                .dataSource(WarehouseConnections.dataSource(warehouse))
                .sql(query.sql())
                .queryArguments(query.arguments())
                .rowMapper(new ColumnRowMapper())
                .fetchSize(fetchSize)
                .verifyCursorPosition(false)
                .saveState(false)
                .build();
    }

    @Override
    public CatalogCount count(WarehouseProperties warehouse) {
        SqlFiles.Bound query = SqlFiles.bind(sql.load("mysql", "check"), parameters(warehouse));
        return JdbcClient.create(WarehouseConnections.dataSource(warehouse))
                .sql(query.sql())
                .params(query.arguments())
                .query((rs, n) -> new CatalogCount(rs.getLong("tables"), rs.getLong("columns")))
                .single();
    }

    private static Map<String, Object> parameters(WarehouseProperties warehouse) {
        Map<String, Object> parameters = new HashMap<>(CatalogFilters.of(warehouse));
        parameters.put("database_label", warehouse.name());
        return parameters;
    }
}
