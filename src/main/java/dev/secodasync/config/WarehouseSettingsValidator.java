package dev.secodasync.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a warehouse entry as a whole, kind by kind: a setting of another kind is an
 * error rather than silently ignored, then each kind's own checks.
 */
final class WarehouseSettingsValidator {

    private WarehouseSettingsValidator() {
    }

    /** One message per problem, each naming the key ({@code key} is the entry's, e.g. {@code sync.warehouses[0]}). */
    static List<String> problems(WarehouseProperties warehouse, String key) {
        List<String> problems = new ArrayList<>();
        if (warehouse.kind() == WarehouseKind.SNOWFLAKE) {
            problems.addAll(SnowflakeSettingsValidator.problems(warehouse, key));
        } else {
            String kind = warehouse.kind() == null ? "not set" : warehouse.kind().dialect();
            snowflakeOnly(warehouse).forEach(k -> problems.add(
                    key + "." + k + " is only for kind snowflake (kind is " + kind + ")"));
        }
        problems.addAll(JdbcSettingsValidator.problems(warehouse, key));
        String url = warehouse.jdbcUrl();
        if (warehouse.kind() == WarehouseKind.MYSQL && url != null && !url.startsWith("jdbc:mariadb:")) {
            problems.add(key + ".jdbc-url must start with jdbc:mariadb:// for kind mysql (the MariaDB driver"
                    + " reads MySQL servers too), e.g. jdbc:mariadb://mysql.internal:3306/");
        }
        return problems;
    }

    /** The keys of this entry that only kind snowflake reads, in the order the README lists them. */
    private static List<String> snowflakeOnly(WarehouseProperties warehouse) {
        List<String> keys = new ArrayList<>();
        addIfSet(keys, "private-key-file", warehouse.privateKeyFile());
        addIfSet(keys, "private-key", warehouse.privateKey());
        addIfSet(keys, "private-key-passphrase", warehouse.privateKeyPassphrase());
        addIfSet(keys, "token", warehouse.token());
        addIfSet(keys, "authenticator", warehouse.authenticator());
        addIfSet(keys, "role", warehouse.role());
        addIfSet(keys, "compute-warehouse", warehouse.computeWarehouse());
        if (!warehouse.databases().isEmpty()) {
            keys.add("databases");
        }
        if (warehouse.accountUsage()) {
            keys.add("account-usage");
        }
        if (!warehouse.excludeColumns().isEmpty()) {
            keys.add("exclude-columns");
        }
        if (warehouse.maxParallelDatabases() != null) {
            keys.add("max-parallel-databases");
        }
        return keys;
    }

    private static void addIfSet(List<String> keys, String key, String value) {
        if (value != null && !value.isEmpty()) {
            keys.add(key);
        }
    }
}
