package dev.secodasync.testsupport;

import dev.secodasync.config.OutputFormat;
import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link WarehouseProperties} for tests by name instead of two dozen positional arguments;
 * what a test does not set is left as the binder would leave an absent key.
 */
public final class Warehouses {

    private final String name;
    private final WarehouseKind kind;
    private final String jdbcUrl;
    private String username;
    private String password;
    private String integrationName;
    private String integrationType;
    private String integrationId;
    private List<String> includeSchemas;
    private List<String> excludeSchemas;
    private boolean includePartitions;
    private Map<String, String> properties;
    private String privateKeyFile;
    private String privateKey;
    private String privateKeyPassphrase;
    private String token;
    private String authenticator;
    private String role;
    private String computeWarehouse;
    private List<String> databases;
    private boolean lowerCaseNames = true;
    private boolean accountUsage;
    private List<String> excludeColumns;
    private Integer maxParallelDatabases;
    private List<String> driverPath;
    private String driverClass;
    private OutputFormat format;
    private boolean viewSql;
    private String lineageCluster;
    private Integer maxTablesPerCall;

    private Warehouses(String name, WarehouseKind kind, String jdbcUrl) {
        this.name = name;
        this.kind = kind;
        this.jdbcUrl = jdbcUrl;
    }

    public static Warehouses of(String name, WarehouseKind kind, String jdbcUrl) {
        return new Warehouses(name, kind, jdbcUrl);
    }

    public static Warehouses postgres(String name, String jdbcUrl) {
        return of(name, WarehouseKind.POSTGRES, jdbcUrl);
    }

    public static Warehouses snowflake(String name, String jdbcUrl) {
        return of(name, WarehouseKind.SNOWFLAKE, jdbcUrl);
    }

    public Warehouses username(String value) { username = value; return this; }
    public Warehouses password(String value) { password = value; return this; }
    public Warehouses integrationName(String value) { integrationName = value; return this; }
    public Warehouses integrationType(String value) { integrationType = value; return this; }
    public Warehouses integrationId(String value) { integrationId = value; return this; }
    public Warehouses includeSchemas(List<String> value) { includeSchemas = value; return this; }
    public Warehouses excludeSchemas(List<String> value) { excludeSchemas = value; return this; }
    public Warehouses includePartitions(boolean value) { includePartitions = value; return this; }
    public Warehouses properties(Map<String, String> value) { properties = value; return this; }
    public Warehouses privateKeyFile(String value) { privateKeyFile = value; return this; }
    public Warehouses privateKey(String value) { privateKey = value; return this; }
    public Warehouses privateKeyPassphrase(String value) { privateKeyPassphrase = value; return this; }
    public Warehouses token(String value) { token = value; return this; }
    public Warehouses authenticator(String value) { authenticator = value; return this; }
    public Warehouses role(String value) { role = value; return this; }
    public Warehouses computeWarehouse(String value) { computeWarehouse = value; return this; }
    public Warehouses databases(List<String> value) { databases = value; return this; }
    public Warehouses lowerCaseNames(boolean value) { lowerCaseNames = value; return this; }
    public Warehouses accountUsage(boolean value) { accountUsage = value; return this; }
    public Warehouses excludeColumns(List<String> value) { excludeColumns = value; return this; }
    public Warehouses maxParallelDatabases(Integer value) { maxParallelDatabases = value; return this; }
    public Warehouses driverPath(List<String> value) { driverPath = value; return this; }
    public Warehouses driverClass(String value) { driverClass = value; return this; }

    public Warehouses format(OutputFormat value) { format = value; return this; }
    public Warehouses jsonl() { return format(OutputFormat.JSONL); }
    public Warehouses viewSql(boolean value) { viewSql = value; return this; }
    public Warehouses lineageCluster(String value) { lineageCluster = value; return this; }
    public Warehouses maxTablesPerCall(int value) { maxTablesPerCall = value; return this; }

    public WarehouseProperties build() {
        return new WarehouseProperties(name, kind, jdbcUrl, username, password, integrationName, integrationType,
                integrationId, includeSchemas, excludeSchemas, includePartitions, properties, privateKeyFile,
                privateKey, privateKeyPassphrase, token, authenticator, role, computeWarehouse, databases,
                lowerCaseNames, accountUsage, excludeColumns, maxParallelDatabases, driverPath, driverClass, format, viewSql,
                lineageCluster, maxTablesPerCall);
    }
}
