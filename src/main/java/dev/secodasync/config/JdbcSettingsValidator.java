package dev.secodasync.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with the driver settings of a warehouse entry: {@code kind: jdbc} needs a
 * {@code driver-path} whose entries exist, and the other kinds bring their own driver, so the two
 * keys are an error there. Whether the jars hold a driver is only known when they are loaded, at
 * run time, and fails that warehouse alone.
 */
final class JdbcSettingsValidator {

    private JdbcSettingsValidator() {
    }

    /** One message per problem, each naming the key ({@code key} is the entry's, e.g. {@code sync.warehouses[0]}). */
    static List<String> problems(WarehouseProperties warehouse, String key) {
        List<String> problems = new ArrayList<>();
        if (warehouse.kind() != WarehouseKind.JDBC) {
            String kind = warehouse.kind() == null ? "not set" : warehouse.kind().dialect();
            if (!warehouse.driverPath().isEmpty()) {
                problems.add(key + ".driver-path is only for kind jdbc (kind is " + kind + ", whose driver is built in)");
            }
            if (warehouse.driverClass() != null) {
                problems.add(key + ".driver-class is only for kind jdbc (kind is " + kind + ", whose driver is built in)");
            }
            if (warehouse.maxTablesPerCall() != null) {
                problems.add(key + ".max-tables-per-call is only for kind jdbc (kind is " + kind + ")");
            }
            return problems;
        }
        if (warehouse.driverPath().isEmpty()) {
            problems.add(key + ".driver-path is required for kind jdbc: the driver's jar files or a folder of them,"
                    + " e.g. /opt/drivers/mssql-jdbc-12.8.1.jre11.jar");
        }
        for (int i = 0; i < warehouse.driverPath().size(); i++) {
            String entry = warehouse.driverPath().get(i);
            if (entry == null || entry.isBlank()) {
                problems.add(key + ".driver-path[" + i + "] is empty");
            } else if (!Files.exists(Path.of(entry))) {
                problems.add(key + ".driver-path[" + i + "] " + Path.of(entry).toAbsolutePath()
                        + " does not exist (a jar file or a folder of jar files)");
            } else if (!Files.isDirectory(Path.of(entry)) && !Files.isReadable(Path.of(entry))) {
                problems.add(key + ".driver-path[" + i + "] " + Path.of(entry).toAbsolutePath()
                        + " cannot be read by this user");
            }
        }
        if (warehouse.jdbcUrl() != null && !warehouse.jdbcUrl().isBlank() && !warehouse.jdbcUrl().startsWith("jdbc:")) {
            problems.add(key + ".jdbc-url must start with jdbc: (it is given to the driver as it is)");
        }
        return problems;
    }
}
