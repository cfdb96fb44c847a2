package dev.secodasync.extract;

import dev.secodasync.config.WarehouseProperties;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Opens connections to a warehouse with the credentials and driver properties of its configuration. */
public final class WarehouseConnections {

    private WarehouseConnections() {
    }

    /**
     * A data source that opens a new connection per call (the job needs one or two per run; a pool
     * would only keep idle sessions open on the warehouse).
     */
    public static DataSource dataSource(WarehouseProperties warehouse) {
        Properties properties = new Properties();
        properties.putAll(warehouse.properties());
        if (warehouse.username() != null) {
            properties.setProperty("user", warehouse.username());
        }
        if (warehouse.password() != null && !warehouse.password().isEmpty()) {
            properties.setProperty("password", warehouse.password());
        }
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
        dataSource.setDriverClass(driverClass(warehouse.kind().driverClassName()));
        dataSource.setUrl(warehouse.jdbcUrl());
        dataSource.setConnectionProperties(properties);
        return dataSource;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends java.sql.Driver> driverClass(String name) {
        try {
            return (Class<? extends java.sql.Driver>) Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JDBC driver " + name + " is missing from the application", e);
        }
    }
}
