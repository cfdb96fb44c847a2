package dev.secodasync.extract;

import dev.secodasync.config.WarehouseKind;
import dev.secodasync.config.WarehouseProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Opens connections to a warehouse with the credentials and driver properties of its configuration.
 * The one place where settings become driver properties, for every kind.
 */
public final class WarehouseConnections {

    /**
     * Snowflake answers in Arrow by default, which on Java 17+ needs
     * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}; JSON lets the packaged jar run without
     * JVM flags (its speed on large results: bench/README.md, "Snowflake in result chunks").
     */
    static final String SNOWFLAKE_RESULT_FORMAT = "JDBC_QUERY_RESULT_FORMAT";

    /**
     * The driver downloads a large result's chunks ahead on this many threads (its default 4), as
     * soon as the query is answered, even while the job is still reading another database.
     */
    static final String SNOWFLAKE_PREFETCH_THREADS = "CLIENT_PREFETCH_THREADS";

    /** The driver's default limit, which it replaces with 80 % of the heap: never ask for exactly this. */
    private static final long SNOWFLAKE_DEFAULT_MEMORY_LIMIT_MB = 1536;

    /**
     * The memory, in MB, that all of the driver's downloaded chunks may take together in this JVM.
     * Its default, 80 % of the heap, leaves too little for the job on a large database with a small
     * heap (bench/README.md, "Snowflake in result chunks").
     */
    static final String SNOWFLAKE_MEMORY_LIMIT = "CLIENT_MEMORY_LIMIT";

    private WarehouseConnections() {
    }

    /**
     * A data source that opens a new connection per call (the job needs one or two per run; a pool
     * would only keep idle sessions open on the warehouse).
     */
    public static DataSource dataSource(WarehouseProperties warehouse) {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
        dataSource.setDriverClass(driverClass(warehouse.kind().driverClassName()));
        dataSource.setUrl(warehouse.jdbcUrl());
        dataSource.setConnectionProperties(properties(warehouse));
        return dataSource;
    }

    /**
     * The driver properties: the job's defaults for the kind, unless the user set them (in
     * {@code properties}, in the URL, or for Snowflake's memory settings as the driver's JVM system
     * properties); then the configured {@code properties}; then the dedicated settings (user,
     * password only when set, and for Snowflake key, token, role, warehouse), which win.
     *
     * @throws IllegalStateException when a configured private key file cannot be read; the message
     *     names the file and nothing secret
     */
    public static Properties properties(WarehouseProperties warehouse) {
        Properties properties = new Properties();
        if (warehouse.kind() == WarehouseKind.SNOWFLAKE) {
            putDefault(properties, warehouse, SNOWFLAKE_RESULT_FORMAT, "JSON", null);
            // One download thread per result and all chunks within a quarter of the heap: the rest is
            // the job's.
            putDefault(properties, warehouse, SNOWFLAKE_PREFETCH_THREADS, "1",
                    "net.snowflake.jdbc.clientPrefetchThreads");
            putDefault(properties, warehouse, SNOWFLAKE_MEMORY_LIMIT, String.valueOf(snowflakeChunkMemoryMb()),
                    "net.snowflake.jdbc.clientMemoryLimit");
        }
        if (warehouse.kind() == WarehouseKind.POSTGRES) {
            // settings.sql switches a SQL_ASCII database's COPY to raw bytes (client_encoding) for
            // one transaction; the driver refuses that change unless allowed.
            properties.setProperty("allowEncodingChanges", "true");
        }
        properties.putAll(warehouse.properties());
        putIfSet(properties, "user", warehouse.username());
        putIfSet(properties, "password", warehouse.password());
        if (warehouse.kind() == WarehouseKind.SNOWFLAKE) {
            putSnowflake(properties, warehouse);
        }
        return properties;
    }

    /** A quarter of the maximum heap, in MB: at least 16, and never the driver's default value. */
    static long snowflakeChunkMemoryMb() {
        long quarter = Math.max(16, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));
        return quarter == SNOWFLAKE_DEFAULT_MEMORY_LIMIT_MB ? quarter - 1 : quarter;
    }

    // The drivers read property names from the URL's query and the properties without regard to case.
    private static void putDefault(Properties properties, WarehouseProperties warehouse, String key, String value,
            String jvmProperty) {
        boolean inProperties = warehouse.properties().keySet().stream().anyMatch(key::equalsIgnoreCase);
        String url = warehouse.jdbcUrl();
        int query = url.indexOf('?');
        boolean inUrl = query >= 0 && Arrays.stream(url.substring(query + 1).split("[&;]"))
                .map(pair -> pair.split("=", 2)[0]).anyMatch(key::equalsIgnoreCase);
        boolean inJvm = jvmProperty != null && System.getProperty(jvmProperty) != null;
        if (!inProperties && !inUrl && !inJvm) {
            properties.setProperty(key, value);
        }
    }

    private static void putSnowflake(Properties properties, WarehouseProperties warehouse) {
        if (isSet(warehouse.privateKeyFile())) {
            // Checked here so that the failure is one line naming the file, not the driver's
            // generic "private key provided is invalid or not supported".
            Path file = Path.of(warehouse.privateKeyFile());
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalStateException("private key file " + file + " cannot be read (missing, not a file,"
                        + " or not readable by this user)");
            }
            properties.setProperty("private_key_file", warehouse.privateKeyFile());
        }
        if (isSet(warehouse.privateKey())) {
            // The driver wants Base64 of the PEM text, headers included (Base64 of the bare DER
            // key is rejected); an environment variable holds the PEM text as it is.
            properties.setProperty("private_key_base64", Base64.getEncoder()
                    .encodeToString(warehouse.privateKey().strip().getBytes(StandardCharsets.US_ASCII)));
        }
        // private_key_file_pwd is the driver's deprecated alias.
        putIfSet(properties, "private_key_pwd", warehouse.privateKeyPassphrase());
        putIfSet(properties, "authenticator", warehouse.authenticator());
        putIfSet(properties, "token", warehouse.token());
        putIfSet(properties, "role", warehouse.role());
        putIfSet(properties, "warehouse", warehouse.computeWarehouse());
    }

    private static void putIfSet(Properties properties, String key, String value) {
        if (isSet(value)) {
            properties.setProperty(key, value);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
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
